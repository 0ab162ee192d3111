from __future__ import annotations

import dataclasses

import pytest

from lindungi.core.parameters import (
    DEFAULT,
    SRC_AGE,
    Figure,
    ProgramParameters,
    contribution_table,
    figures,
)

# Keys that page content refers to as [[key]] tokens: they may never be renamed.
REQUIRED_KEYS = {
    "lowest_income_band", "jkk_contribution", "jkm_contribution", "jht_contribution",
    "city_contribution_monthly", "city_contribution_with_jht", "jkm_lump_sum", "jkm_periodic",
    "funeral_benefit", "jkm_total", "jkm_min_membership_months", "jkk_death_lump_sum",
    "jkk_death_total", "transport_land", "transport_sea", "transport_air",
    "disability_total_permanent", "scholarship_max_two_children", "scholarship_primary_yearly",
    "scholarship_junior_yearly", "scholarship_senior_yearly", "scholarship_university_yearly",
    "jht_payout_age", "min_age", "max_age", "max_decile", "report_deadline_hours", "call_centre",
}  # fmt: skip

# The published figures in domain.md; derived values must come out equal to them.
PUBLISHED = {
    "lowest_income_band": 1_000_000,
    "jkk_contribution": 10_000,
    "jkm_contribution": 6_800,
    "jht_contribution": 20_000,
    "city_contribution_monthly": 16_800,
    "city_contribution_with_jht": 36_800,
    "jkm_lump_sum": 20_000_000,
    "jkm_periodic": 12_000_000,
    "funeral_benefit": 10_000_000,
    "jkm_total": 42_000_000,
    "jkm_min_membership_months": 3,
    "jkk_death_lump_sum": 48_000_000,
    "jkk_death_total": 70_000_000,
    "transport_land": 5_000_000,
    "transport_sea": 2_000_000,
    "transport_air": 10_000_000,
    "disability_total_permanent": 56_000_000,
    "scholarship_max_two_children": 174_000_000,
    "scholarship_primary_yearly": 1_500_000,
    "scholarship_junior_yearly": 2_000_000,
    "scholarship_senior_yearly": 3_000_000,
    "scholarship_university_yearly": 12_000_000,
    "jht_payout_age": 56,
    "min_age": 18,
    "max_age": 65,
    "max_decile": 4,
    "report_deadline_hours": 48,
    "call_centre": 175,
}


def test_required_keys_present() -> None:
    assert figures().keys() >= REQUIRED_KEYS


@pytest.mark.parametrize(("key", "value"), sorted(PUBLISHED.items()))
def test_figure_equals_published_value(key: str, value: int) -> None:
    assert figures()[key].value == value


@pytest.mark.parametrize("key", sorted(figures()))
def test_every_figure_has_a_source_and_int_value(key: str) -> None:
    figure = figures()[key]
    assert isinstance(figure, Figure)
    assert type(figure.value) is int
    assert figure.source.strip()
    assert figure.kind in {"money", "number", "percent", "hours"}


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("city_contribution_monthly", "money"),
        ("jkk_rate_percent", "percent"),
        ("report_deadline_hours", "hours"),
        ("min_age", "number"),
        ("call_centre", "number"),
    ],
)
def test_figure_kinds(key: str, kind: str) -> None:
    assert figures()[key].kind == kind


@pytest.mark.parametrize(
    ("key", "source_part"),
    [
        ("jkk_contribution", "PP 44/2015 jo. PP 82/2019"),
        ("jkk_contribution", "Permenaker 5/2021 jo. Permenaker 1/2025"),
        ("jht_contribution", "PP 46/2015 jo. PP 60/2015"),
        ("jkm_total", "PP 44/2015 jo. PP 82/2019"),
        ("min_age", "Assumption"),
        ("max_age", "Assumption"),
    ],
)
def test_sources(key: str, source_part: str) -> None:
    assert source_part in figures()[key].source


def test_scholarship_yearly_amounts_add_up_to_published_maximum() -> None:
    # 8 x 1.5M + 3 x 2M + 3 x 3M + 5 x 12M = 87M per child, two children.
    assert DEFAULT.scholarship_max_per_child == 87_000_000


def test_jkk_death_is_48_times_income_with_jkm_floor() -> None:
    assert DEFAULT.jkk_death_lump_sum_for(2_000_000) == 96_000_000
    assert DEFAULT.jkk_death_lump_sum_for(100_000) == DEFAULT.jkm_lump_sum


def test_disability_scales_with_income() -> None:
    assert DEFAULT.disability_total_permanent_for(2_000_000) == 112_000_000


def test_derived_figures_follow_their_inputs() -> None:
    higher_band = dataclasses.replace(DEFAULT, lowest_income_band=2_000_000)
    assert higher_band.jkk_contribution == 20_000
    assert higher_band.city_contribution_monthly == 26_800
    assert higher_band.jkk_death_total == 96_000_000 + 10_000_000 + 12_000_000


def test_city_identifiers() -> None:
    assert DEFAULT.makassar_nik_prefix == "7371"
    assert DEFAULT.city_area_code == "73.71"
    assert DEFAULT.time_zone == "Asia/Makassar"
    assert (DEFAULT.nik_length, DEFAULT.kk_length, DEFAULT.kpj_length) == (16, 16, 11)


def test_with_overrides_changes_only_assumptions() -> None:
    params = DEFAULT.with_overrides(min_age=17, max_age=60, kpj_length=12)
    assert (params.min_age, params.max_age, params.kpj_length) == (17, 60, 12)
    assert params.city_contribution_monthly == 16_800
    assert figures(params)["max_age"].value == 60
    assert figures(params)["max_age"].source == SRC_AGE
    assert DEFAULT.max_age == 65


@pytest.mark.parametrize(
    "overrides",
    [
        {"jkm_monthly": 1},
        {"lowest_income_band": 2_000_000},
        {"min_age": "18"},
        {"max_age": True},
    ],
)
def test_with_overrides_rejects_other_fields_and_non_ints(overrides: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        DEFAULT.with_overrides(**overrides)


@pytest.mark.parametrize(
    "overrides", [{"min_age": 70}, {"min_age": 0}, {"kpj_length": 0}, {"max_age": 10}]
)
def test_with_overrides_rejects_impossible_values(overrides: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="invalid"):
        DEFAULT.with_overrides(**overrides)


def test_parameters_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.min_age = 10


def test_every_field_has_a_source() -> None:
    for field in dataclasses.fields(ProgramParameters):
        assert ProgramParameters.source_of(field.name)


def test_contribution_table() -> None:
    rows = contribution_table()
    assert [r.program for r in rows] == ["JKK", "JKM", "JHT"]
    assert [r.monthly_amount for r in rows] == [10_000, 6_800, 20_000]
    assert sum(r.monthly_amount for r in rows) == figures()["city_contribution_with_jht"].value
    assert rows[0].basis_params == {"rate": 1}
    assert rows[0].basis % rows[0].basis_params == "1% of the declared monthly income"
    assert all(r.source and r.name and r.basis for r in rows)
