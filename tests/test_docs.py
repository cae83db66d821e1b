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


def file_types_table() -> dict[str, list[str]]:
    """Each suffix of the README's file types table → the test modules it names."""
    section = README.split("### File types", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in section.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        modules = re.findall(r"`(tests/\w+\.py)`", cells[-1])
        for suffix in re.findall(r"`(\.\w+)`", cells[0]):
            rows[suffix] = modules
    return rows


def test_every_file_type_in_the_readme_is_read_and_has_fixtures_made_at_test_time():
    from indexer.corpus import SUFFIXES

    table = file_types_table()
    assert sorted(table) == sorted(SUFFIXES)
    root = Path(__file__).resolve().parent.parent
    for suffix, modules in table.items():
        assert modules, suffix
        sources = [(root / module).read_text("utf-8") for module in modules]
        assert any(f'{suffix}"' in source for source in sources), (suffix, modules)
