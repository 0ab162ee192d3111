from __future__ import annotations

import re

import pytest

from lindungi.core.occupations import (
    OTHER,
    OccupationGroup,
    is_known,
    is_religious,
    label_msgid,
    occupation_choices,
    occupation_groups,
)

CODES = [o.code for o in occupation_choices()]


def test_codes_unique_and_stable_format() -> None:
    assert len(CODES) == len(set(CODES))
    assert all(re.fullmatch(r"[a-z][a-z_]*", code) for code in CODES)


@pytest.mark.parametrize(
    "code",
    [
        "street_vendor", "ojek_driver", "becak_driver", "fisher", "porter", "day_labourer",
        "domestic_worker", "waste_picker", "small_trader", "farmer", "livestock_keeper",
        "construction_labourer", "parking_attendant", "imam", "marbot", "guru_mengaji",
        "pemandi_jenazah", "church_caretaker", "worship_caretaker", OTHER,
    ],
)  # fmt: skip
def test_expected_occupations_known(code: str) -> None:
    assert is_known(code)
    assert label_msgid(code)


def test_groups_in_form_order() -> None:
    groups = occupation_groups()
    assert [g for g, _, _ in groups] == list(OccupationGroup)
    assert [o for _, _, items in groups for o in items] == occupation_choices()
    assert occupation_choices()[-1].code == OTHER


def test_religious_flag() -> None:
    assert is_religious("marbot")
    assert not is_religious("street_vendor")
    assert not is_religious("nope")


def test_unknown_code() -> None:
    assert not is_known("astronaut")
    with pytest.raises(KeyError):
        label_msgid("astronaut")
