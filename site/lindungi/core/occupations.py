"""Occupations offered on the forms, as stable codes with English msgid labels.

Codes are stored with requests and exported, so they never change; labels may be reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lindungi.core.i18n import N_

OTHER = "other"


class OccupationGroup(StrEnum):
    INFORMAL = "informal"
    RELIGIOUS = "religious"
    OTHER = "other"


GROUP_LABELS: dict[OccupationGroup, str] = {
    OccupationGroup.INFORMAL: N_("Informal work"),
    OccupationGroup.RELIGIOUS: N_("Religious work"),
    OccupationGroup.OTHER: N_("Something else"),
}


@dataclass(frozen=True)
class Occupation:
    code: str
    label: str  # msgid
    group: OccupationGroup


def _group(group: OccupationGroup, *items: tuple[str, str]) -> list[Occupation]:
    return [Occupation(code, label, group) for code, label in items]


# Form order: the most common work in the city first, within each group.
_OCCUPATIONS: list[Occupation] = [
    *_group(
        OccupationGroup.INFORMAL,
        ("street_vendor", N_("Street vendor (PKL)")),
        ("small_trader", N_("Small trader, stall or kiosk keeper")),
        ("ojek_driver", N_("Ojek driver (motorbike taxi)")),
        ("becak_driver", N_("Becak driver")),
        ("pete_pete_driver", N_("Pete-pete (minibus) driver")),
        ("fisher", N_("Fisher")),
        ("porter", N_("Porter (market or harbour)")),
        ("day_labourer", N_("Day labourer")),
        ("construction_labourer", N_("Construction labourer")),
        ("domestic_worker", N_("Domestic worker")),
        ("waste_picker", N_("Waste picker")),
        ("parking_attendant", N_("Parking attendant")),
        ("farmer", N_("Farmer")),
        ("livestock_keeper", N_("Livestock keeper")),
        ("home_based_worker", N_("Home-based worker (sewing, cooking for sale, crafts)")),
    ),
    *_group(
        OccupationGroup.RELIGIOUS,
        ("imam", N_("Imam")),
        ("marbot", N_("Marbot (mosque caretaker)")),
        ("guru_mengaji", N_("Guru mengaji (Quran teacher)")),
        ("pemandi_jenazah", N_("Pemandi jenazah (washes the dead before burial)")),
        ("church_caretaker", N_("Church caretaker")),
        ("worship_caretaker", N_("Caretaker of another house of worship")),
    ),
    *_group(OccupationGroup.OTHER, (OTHER, N_("Other work"))),
]

_BY_CODE: dict[str, Occupation] = {o.code: o for o in _OCCUPATIONS}


def occupation_choices() -> list[Occupation]:
    """All occupations in form order (grouped: informal, religious, other)."""
    return list(_OCCUPATIONS)


def occupation_groups() -> list[tuple[OccupationGroup, str, list[Occupation]]]:
    """(group, label msgid, occupations) in form order, for ``<optgroup>`` lists."""
    return [
        (group, label, [o for o in _OCCUPATIONS if o.group is group])
        for group, label in GROUP_LABELS.items()
    ]


def is_known(code: str) -> bool:
    return code in _BY_CODE


def occupation_by_code(code: str) -> Occupation | None:
    return _BY_CODE.get(code)


def label_msgid(code: str) -> str:
    """The label msgid of a known code; raises KeyError for an unknown one."""
    return _BY_CODE[code].label


def is_religious(code: str) -> bool:
    occupation = _BY_CODE.get(code)
    return occupation is not None and occupation.group is OccupationGroup.RELIGIOUS
