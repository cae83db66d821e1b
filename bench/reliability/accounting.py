"""Which corpus entries a run of ``reform-search index`` accounted for, from its output.

The command prints ``skipped PATH: REASON`` on stderr for each file it did not index
(reform_search/cli.py); what it indexed is read from the index. An entry is accounted for
when it is indexed or reported skipped with a reason (for a folder: the folder or
anything under it); otherwise it is unaccounted. A name that is not UTF-8 may be printed
with its undecodable bytes as they are or escaped (``\\udcff``): both forms match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SKIP_LINE = re.compile(r"^skipped (.+?): (.*)$")
REASON_SHOWN = 80  # characters of a reason shown in the table


@dataclass(frozen=True)
class Outcome:
    name: str
    verdict: str  # "indexed", "skipped", "unaccounted", or "INDEXED, must not be"
    reason: str = ""  # the skip reason, shortened
    reason_chars: int = 0  # its full length

    @property
    def accounted(self) -> bool:
        return self.verdict in ("indexed", "skipped")


def skipped_lines(stderr: str) -> dict[str, str]:
    """Path → reason, from the command's ``skipped PATH: REASON`` lines."""
    found = {}
    for line in stderr.splitlines():
        match = SKIP_LINE.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def printed_forms(name: str) -> set[str]:
    """The ways a file name may appear in the output."""
    escaped = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return {name, escaped, name.encode("utf-8", "backslashreplace").decode("utf-8")}


def account(names_and_expectations, indexed: set[str], skipped: dict[str, str]) -> list[Outcome]:
    """One outcome per (name, expected) pair; ``expected == "never indexed"`` marks an entry
    whose being indexed is itself a failure (a link out of the corpus)."""
    outcomes = []
    for name, expected in names_and_expectations:
        forms = printed_forms(name)
        if forms & indexed or any(path.startswith(name + "/") for path in indexed):
            verdict = "INDEXED, must not be" if expected == "never indexed" else "indexed"
            outcomes.append(Outcome(name, verdict))
            continue
        reason = next(
            (
                why
                for path, why in skipped.items()
                if path in forms or any(path.startswith(form + "/") for form in forms)
            ),
            None,
        )
        if reason is None:
            outcomes.append(Outcome(name, "unaccounted"))
        else:
            outcomes.append(Outcome(name, "skipped", shorten(reason), len(reason)))
    return outcomes


def shorten(reason: str) -> str:
    return reason if len(reason) <= REASON_SHOWN else reason[: REASON_SHOWN - 1] + "…"
