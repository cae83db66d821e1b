"""YAML parsing for the data files, front matter and glossary: libyaml's C parser where
PyYAML was built with it (the wheels are), about ten times faster than PyYAML's own, which
took a second to read the glossary and leaders registry on a server's first search."""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENINGS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSINGS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class RefusedYAML(yaml.MarkedYAMLError):
    """Well-formed YAML that is not accepted from a corpus file (see :func:`load_plain_yaml`)."""

    def __init__(self, problem: str, mark):
        super().__init__(problem=problem, problem_mark=mark)


def load_yaml(text: str):
    """``yaml.safe_load``, faster: the same safe subset, the same errors (``yaml.YAMLError``)."""
    return yaml.load(text, Loader=_LOADER)


def load_plain_yaml(text: str, *, max_depth: int):
    """:func:`load_yaml` for text written by anyone (front matter): no aliases, and lists and
    mappings nested at most ``max_depth`` deep; :class:`RefusedYAML` otherwise.

    Checked on the parser's events before anything is built, and the check stops at the
    first offence: nine nested aliases in 360 bytes expand to a billion values ("billion
    laughs"), and 100,000 nested brackets crash the C loader, whose composer recurses.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYAML(
                f"alias *{event.anchor} not allowed: write the value out", event.start_mark
            )
        if isinstance(event, _OPENINGS):
            depth += 1
            if depth > max_depth:
                raise RefusedYAML(f"nested more than {max_depth} deep", event.start_mark)
        elif isinstance(event, _CLOSINGS):
            depth -= 1
    return load_yaml(text)
