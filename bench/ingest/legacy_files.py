"""Text files in the legacy Vietnamese encodings, TCVN3 (ABC) and VNI, encoded with the
project's own mapping (indexer/data/legacy_encodings.yaml, read in reverse)."""

from __future__ import annotations

import importlib.util

MODULE = "indexer.formats.legacy_encoding"


def encoder_problem() -> str | None:
    """Why legacy files cannot be made here, or None."""
    if importlib.util.find_spec(MODULE) is None:
        return f"not available yet: no TCVN3/VNI conversion ({MODULE})"
    return None


def encode(text: str, encoding: str) -> bytes:
    raise NotImplementedError(f"{encoding}: {encoder_problem()}")
