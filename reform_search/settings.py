"""Every setting, declared once with its default and help, read from the environment.

Nothing is read at import time: call :func:`get` when the value is needed, so tests
(and the CLI's options) can override the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = {
    s.name: s
    for s in (
        Setting("REFORM_SEARCH_INDEX", "var/index", "Directory of the search index."),
        Setting("REFORM_SEARCH_CORPUS", "corpus", "Folder of .md/.txt documents to index."),
    )
}


def get(name: str, environ: dict | None = None) -> str:
    """The value of setting ``name``: the environment's if set and non-empty, else the default."""
    setting = SETTINGS[name]
    value = (os.environ if environ is None else environ).get(name, "").strip()
    return value or setting.default
