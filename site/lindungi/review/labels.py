"""Labels for the codes the enrollment form stores: relationships and income bands.

The enrollment capability owns those lists (`lindungi.enrollment.choices`: APPLICANT_RELATIONSHIPS,
HEIR_RELATIONSHIPS, INCOME_BANDS). It is looked up by name, so the review screens work on their
own and show the stored code until that module is present.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

CHOICES_MODULE = "lindungi.enrollment.choices"


def _table(name: str) -> Mapping[str, Any]:
    try:
        module = importlib.import_module(CHOICES_MODULE)
    except ModuleNotFoundError as error:
        if error.name != CHOICES_MODULE:
            raise  # the module is there but broken: say so
        return {}
    table = getattr(module, name, None)
    return table if isinstance(table, Mapping) else {}


def code_label(table: str, code: str) -> str:
    """The form's label for a stored code, in the current language; the code if unknown."""
    label = _table(table).get(code)
    return str(label) if label is not None else code
