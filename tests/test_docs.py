"""The README documents every setting, with its real default."""

import re
from pathlib import Path

from reform_search.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def settings_table() -> dict[str, str]:
    rows = re.findall(r"^\| `(REFORM_SEARCH_\w+)` \| ([^|]+) \|", README, re.MULTILINE)
    return {name: default.strip() for name, default in rows}


def test_every_setting_is_documented_with_its_default():
    documented = settings_table()
    assert sorted(documented) == sorted(SETTINGS)
    for name, setting in SETTINGS.items():
        expected = f"`{setting.default}`" if setting.default else "(empty)"
        assert documented[name] == expected, name


def test_the_readme_starts_with_the_two_commands():
    first_block = README.split("```")[1]
    assert [line.split("#")[0].strip() for line in first_block.strip("sh\n").splitlines()] == [
        "make run",
        "make test",
    ]
