"""The fixed answers offered on the enrollment forms, as stable codes with English msgids.

Codes are stored with the request (and exported for BPJS Ketenagakerjaan), so they never change;
labels may be reworded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

# Who the person filling in the form is to the worker(s): family, household, or a helper
# from the neighbourhood (the FAQ names parents, neighbours and the imam of the local mosque).
APPLICANT_RELATIONSHIPS = {
    "child": _l("Their son or daughter"),
    "spouse": _l("Their husband or wife"),
    "parent": _l("Their father or mother"),
    "sibling": _l("Their brother or sister"),
    "grandchild": _l("Their grandchild"),
    "other_family": _l("Another family member"),
    "household": _l("Someone else in the same household"),
    "neighbour": _l("Their neighbour"),
    "religious_leader": _l("Imam or caretaker of their local mosque"),
    "rt_rw_head": _l("Head of their RT or RW"),
    "helper": _l("Another helper, such as a community volunteer"),
}

# Who the worker names as heir (ahli waris) for the death benefit.
HEIR_RELATIONSHIPS = {
    "spouse": _l("Husband or wife"),
    "child": _l("Son or daughter"),
    "parent": _l("Father or mother"),
    "sibling": _l("Brother or sister"),
    "other": _l("Another family member"),
}

# Approximate monthly income. The city pays cover at the lowest BPU band whatever the answer;
# reviewers use it to judge whether the worker fits the program.
INCOME_BANDS = {
    "under_1m": _l("Less than Rp1,000,000 a month"),
    "1m_to_2m": _l("Rp1,000,000 to Rp2,000,000 a month"),
    "2m_to_3m": _l("Rp2,000,000 to Rp3,000,000 a month"),
    "over_3m": _l("More than Rp3,000,000 a month"),
    "varies": _l("It changes too much to say"),
}

SEXES = {"M": _l("Male"), "F": _l("Female")}

YES_NO = {"yes": _l("Yes"), "no": _l("No")}

DECILES = tuple(range(1, 11))


def options(items: Mapping[str, Any] | Iterable[tuple[str, Any]],
            optgroup: str | None = None) -> list[SelectChoice]:
    """WTForms choices from (code, label) pairs, optionally inside one <optgroup>."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return [SelectChoice(code, label, optgroup=optgroup) for code, label in pairs]
