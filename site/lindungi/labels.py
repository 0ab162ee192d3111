"""Stored codes as words: one lookup for every table of labels (statuses, roles, reasons, page
keys, audit actions, form answers)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def label_for(table: Mapping[Any, Any], code: Any) -> str:
    """The label of `code` in `table` (keys may be enums whose value is the code), else the
    code as stored: a code added later, or by another capability, still reads as something."""
    for key, label in table.items():
        if key == code or getattr(key, "value", None) == code:
            return str(label)
    return str(code)
