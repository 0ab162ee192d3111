"""Every program figure in one place, each with the regulation (or assumption) it comes from.

Money is in whole rupiah (int). Figures that follow from others (contributions, totals) are computed
from their inputs, never typed twice, so a change in a regulation is a change in one field.
Pages refer to figures as ``[[key]]`` tokens resolved through :func:`figures`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from lindungi.core.i18n import N_

# Sources, spelled once. "jo." is the Indonesian legal shorthand for "as amended by".
SRC_JKK_JKM = "PP 44/2015 jo. PP 82/2019"
SRC_BPU = "Permenaker 5/2021 jo. Permenaker 1/2025"
SRC_JHT = "PP 46/2015 jo. PP 60/2015"
SRC_BPU_JKK_JKM = f"{SRC_JKK_JKM}; {SRC_BPU}"
SRC_BPU_JHT = f"{SRC_JHT}; {SRC_BPU}"
SRC_AGE = "Assumption: no regulation fixes an age range for city-paid BPU cover; configurable"
SRC_KPJ = "Setting: KPJ length reported as 11 digits by a weak source; configurable"
SRC_DECILE = "Kota Makassar program: welfare deciles 1-4 of the national socio-economic data"
SRC_AREA = "Kepmendagri 300.2.2-2138/2025 jo. Kepmendagri 300.2.2-2430/2025"
SRC_ID_NUMBERS = "Dukcapil: NIK and KK numbers have 16 digits"
SRC_CALL_CENTRE = "BPJS Ketenagakerjaan public call centre"
SRC_TIME_ZONE = "WITA (UTC+8); Keppres 41/1987"

# Only the assumptions and settings may be overridden from configuration; regulation figures
# change by editing this module (with its source), not by a deployment setting.
OVERRIDABLE = frozenset({"min_age", "max_age", "kpj_length"})

FigureKind = Literal["money", "number", "percent", "hours"]


def _src(source: str) -> dict[str, str]:
    return {"source": source}


def _percent_of(amount: int, percent: int) -> int:
    """``percent``% of ``amount`` in whole rupiah, rounding half up (contributions are whole
    rupiah; at the published bands the division is exact anyway)."""
    return (amount * percent + 50) // 100


@dataclass(frozen=True)
class ProgramParameters:
    """Program figures. Use :data:`DEFAULT`, or :meth:`with_overrides` for configured settings."""

    # Contributions (BPU members).
    lowest_income_band: int = field(default=1_000_000, metadata=_src(SRC_BPU))
    jkk_rate_percent: int = field(default=1, metadata=_src(SRC_BPU_JKK_JKM))
    jkm_monthly: int = field(default=6_800, metadata=_src(SRC_BPU_JKK_JKM))
    jht_rate_percent: int = field(default=2, metadata=_src(SRC_BPU_JHT))

    # JKM: death not from a work accident.
    jkm_lump_sum: int = field(default=20_000_000, metadata=_src(SRC_JKK_JKM))
    jkm_periodic: int = field(default=12_000_000, metadata=_src(SRC_JKK_JKM))
    funeral_benefit: int = field(default=10_000_000, metadata=_src(SRC_JKK_JKM))
    jkm_min_membership_months: int = field(default=3, metadata=_src(SRC_JKK_JKM))
    jkm_scholarship_min_years: int = field(default=3, metadata=_src(SRC_JKK_JKM))

    # JKK: work accident.
    jkk_death_multiplier: int = field(default=48, metadata=_src(SRC_JKK_JKM))
    transport_land: int = field(default=5_000_000, metadata=_src(SRC_JKK_JKM))
    transport_sea: int = field(default=2_000_000, metadata=_src(SRC_JKK_JKM))
    transport_air: int = field(default=10_000_000, metadata=_src(SRC_JKK_JKM))
    income_replacement_full_months: int = field(default=12, metadata=_src(SRC_JKK_JKM))
    income_replacement_full_percent: int = field(default=100, metadata=_src(SRC_JKK_JKM))
    income_replacement_after_percent: int = field(default=50, metadata=_src(SRC_JKK_JKM))
    disability_total_percent: int = field(default=70, metadata=_src(SRC_JKK_JKM))
    disability_multiplier: int = field(default=80, metadata=_src(SRC_JKK_JKM))

    # Scholarships: per child per year, for at most `scholarship_children` children.
    scholarship_children: int = field(default=2, metadata=_src(SRC_JKK_JKM))
    scholarship_primary_yearly: int = field(default=1_500_000, metadata=_src(SRC_JKK_JKM))
    scholarship_primary_years: int = field(default=8, metadata=_src(SRC_JKK_JKM))
    scholarship_junior_yearly: int = field(default=2_000_000, metadata=_src(SRC_JKK_JKM))
    scholarship_junior_years: int = field(default=3, metadata=_src(SRC_JKK_JKM))
    scholarship_senior_yearly: int = field(default=3_000_000, metadata=_src(SRC_JKK_JKM))
    scholarship_senior_years: int = field(default=3, metadata=_src(SRC_JKK_JKM))
    scholarship_university_yearly: int = field(default=12_000_000, metadata=_src(SRC_JKK_JKM))
    scholarship_university_years: int = field(default=5, metadata=_src(SRC_JKK_JKM))

    # JHT: old-age savings.
    jht_payout_age: int = field(default=56, metadata=_src(SRC_JHT))

    # Who the city pays for.
    min_age: int = field(default=18, metadata=_src(SRC_AGE))
    max_age: int = field(default=65, metadata=_src(SRC_AGE))
    min_decile: int = field(default=1, metadata=_src(SRC_DECILE))
    max_decile: int = field(default=4, metadata=_src(SRC_DECILE))

    # Claims and contact.
    report_deadline_hours: int = field(default=48, metadata=_src(SRC_BPU))
    call_centre: str = field(default="175", metadata=_src(SRC_CALL_CENTRE))

    # Identity numbers and places.
    kpj_length: int = field(default=11, metadata=_src(SRC_KPJ))
    nik_length: int = field(default=16, metadata=_src(SRC_ID_NUMBERS))
    kk_length: int = field(default=16, metadata=_src(SRC_ID_NUMBERS))
    city_area_code: str = field(default="73.71", metadata=_src(SRC_AREA))
    time_zone: str = field(default="Asia/Makassar", metadata=_src(SRC_TIME_ZONE))

    def __post_init__(self) -> None:
        # Settings come from configuration files: fail at start-up, not on a resident's request.
        if not 0 < self.min_age <= self.max_age:
            raise ValueError(f"invalid age range {self.min_age}..{self.max_age}")
        if not 1 <= self.min_decile <= self.max_decile <= 10:
            raise ValueError(f"invalid decile range {self.min_decile}..{self.max_decile}")
        if self.kpj_length < 1:
            raise ValueError(f"invalid KPJ length {self.kpj_length}")

    def with_overrides(self, **overrides: Any) -> ProgramParameters:
        """A copy with configured assumptions/settings (see :data:`OVERRIDABLE`) replaced."""
        unknown = set(overrides) - OVERRIDABLE
        if unknown:
            raise TypeError(f"not overridable: {', '.join(sorted(unknown))}")
        for name, value in overrides.items():
            if type(value) is not int:  # bool is an int subclass; "18" from a config file too
                raise TypeError(f"{name} must be an int, got {value!r}")
        return dataclasses.replace(self, **overrides)

    @classmethod
    def source_of(cls, name: str) -> str:
        """The regulation or assumption behind a stored field."""
        return _SOURCES[name]

    # Derived figures.

    @property
    def jkk_contribution(self) -> int:
        return _percent_of(self.lowest_income_band, self.jkk_rate_percent)

    @property
    def jkm_contribution(self) -> int:
        return self.jkm_monthly

    @property
    def jht_contribution(self) -> int:
        return _percent_of(self.lowest_income_band, self.jht_rate_percent)

    @property
    def city_contribution_monthly(self) -> int:
        return self.jkk_contribution + self.jkm_contribution

    @property
    def city_contribution_with_jht(self) -> int:
        return self.city_contribution_monthly + self.jht_contribution

    @property
    def jkm_total(self) -> int:
        return self.jkm_lump_sum + self.jkm_periodic + self.funeral_benefit

    def jkk_death_lump_sum_for(self, income: int) -> int:
        # The regulation sets a floor: never less than the JKM death lump sum (santunan kematian).
        return max(self.jkk_death_multiplier * income, self.jkm_lump_sum)

    @property
    def jkk_death_lump_sum(self) -> int:
        return self.jkk_death_lump_sum_for(self.lowest_income_band)

    @property
    def jkk_death_total(self) -> int:
        return self.jkk_death_lump_sum + self.funeral_benefit + self.jkm_periodic

    def disability_total_permanent_for(self, income: int) -> int:
        return self.disability_total_percent * self.disability_multiplier * income // 100

    @property
    def disability_total_permanent(self) -> int:
        return self.disability_total_permanent_for(self.lowest_income_band)

    @property
    def scholarship_max_per_child(self) -> int:
        return (
            self.scholarship_primary_yearly * self.scholarship_primary_years
            + self.scholarship_junior_yearly * self.scholarship_junior_years
            + self.scholarship_senior_yearly * self.scholarship_senior_years
            + self.scholarship_university_yearly * self.scholarship_university_years
        )

    @property
    def scholarship_max_two_children(self) -> int:
        return self.scholarship_children * self.scholarship_max_per_child

    @property
    def makassar_nik_prefix(self) -> str:
        # A NIK starts with the province and city code: "73.71" -> "7371".
        return self.city_area_code.replace(".", "")


DEFAULT = ProgramParameters()
# Each stored field's source, read once: pages ask for them on every figure they show.
_SOURCES = {f.name: str(f.metadata["source"]) for f in dataclasses.fields(ProgramParameters)}


@dataclass(frozen=True)
class Figure:
    """One figure as pages show it: ``kind`` tells the web layer how to format ``value``."""

    kind: FigureKind
    value: int
    source: str


def _stored(params: ProgramParameters, kind: FigureKind, name: str) -> Figure:
    return Figure(kind, getattr(params, name), ProgramParameters.source_of(name))


# Stored fields exposed as figures, by kind. Keys are the field names.
_STORED: dict[FigureKind, tuple[str, ...]] = {
    "money": (
        "lowest_income_band",
        "jkm_lump_sum",
        "jkm_periodic",
        "funeral_benefit",
        "transport_land",
        "transport_sea",
        "transport_air",
        "scholarship_primary_yearly",
        "scholarship_junior_yearly",
        "scholarship_senior_yearly",
        "scholarship_university_yearly",
    ),
    "number": (
        "jkm_min_membership_months",
        "jkm_scholarship_min_years",
        "jkk_death_multiplier",
        "income_replacement_full_months",
        "disability_multiplier",
        "scholarship_children",
        "scholarship_primary_years",
        "scholarship_junior_years",
        "scholarship_senior_years",
        "scholarship_university_years",
        "jht_payout_age",
        "min_age",
        "max_age",
        "min_decile",
        "max_decile",
        "kpj_length",
        "nik_length",
        "kk_length",
    ),
    "percent": (
        "jkk_rate_percent",
        "jht_rate_percent",
        "income_replacement_full_percent",
        "income_replacement_after_percent",
        "disability_total_percent",
    ),
    "hours": ("report_deadline_hours",),
}

# Derived money figures: key -> the stored fields whose sources they combine.
_DERIVED_MONEY: dict[str, tuple[str, ...]] = {
    "jkk_contribution": ("lowest_income_band", "jkk_rate_percent"),
    "jkm_contribution": ("jkm_monthly",),
    "jht_contribution": ("lowest_income_band", "jht_rate_percent"),
    "city_contribution_monthly": ("lowest_income_band", "jkk_rate_percent", "jkm_monthly"),
    "city_contribution_with_jht": (
        "lowest_income_band",
        "jkk_rate_percent",
        "jkm_monthly",
        "jht_rate_percent",
    ),
    "jkm_total": ("jkm_lump_sum", "jkm_periodic", "funeral_benefit"),
    "jkk_death_lump_sum": ("lowest_income_band", "jkk_death_multiplier"),
    "jkk_death_total": ("lowest_income_band", "jkk_death_multiplier", "funeral_benefit"),
    "disability_total_permanent": ("lowest_income_band", "disability_total_percent"),
    "scholarship_max_two_children": ("scholarship_children", "scholarship_primary_yearly"),
}


def _combined_source(names: tuple[str, ...]) -> str:
    sources: list[str] = []
    for name in names:
        for part in ProgramParameters.source_of(name).split("; "):
            if part not in sources:
                sources.append(part)
    return "; ".join(sources)


@functools.lru_cache(maxsize=16)
def figures(params: ProgramParameters = DEFAULT) -> Mapping[str, Figure]:
    """All figures by ``[[key]]`` name. Keys are part of the page content: add, never rename.
    The same parameters give the same figures: computed once for each, read-only."""
    result: dict[str, Figure] = {}
    for kind, names in _STORED.items():
        for name in names:
            result[name] = _stored(params, kind, name)
    for key, inputs in _DERIVED_MONEY.items():
        result[key] = Figure("money", getattr(params, key), _combined_source(inputs))
    # The call centre is a short dialling code; pages show it as a plain number.
    result["call_centre"] = Figure("number", int(params.call_centre), SRC_CALL_CENTRE)
    return MappingProxyType(result)


@dataclass(frozen=True)
class ContributionRow:
    """One row of the "what the city pays for you" table. ``name`` and ``basis`` are msgids."""

    program: str
    name: str
    monthly_amount: int
    basis: str
    basis_params: dict[str, int]
    source: str


def contribution_table(params: ProgramParameters = DEFAULT) -> list[ContributionRow]:
    """JKK, JKM and JHT rows; the income the percentages apply to is ``lowest_income_band``."""

    def share_of_income(program: str, name: str, basis: str) -> ContributionRow:
        # JKK and JHT: a percentage of the income, sourced from the income and the rate.
        amount = f"{program.lower()}_contribution"
        rate = getattr(params, f"{program.lower()}_rate_percent")
        return ContributionRow(program, name, getattr(params, amount), basis, {"rate": rate},
                               _combined_source(_DERIVED_MONEY[amount]))

    return [
        share_of_income("JKK", N_("Work accident insurance (JKK)"),
                        N_("%(rate)s%% of the declared monthly income")),
        ContributionRow("JKM", N_("Death benefit (JKM)"), params.jkm_contribution,
                        N_("The same amount every month, whatever the income"), {},
                        ProgramParameters.source_of("jkm_monthly")),
        share_of_income("JHT", N_("Old-age savings (JHT)"),
                        N_("%(rate)s%% of the declared monthly income, saved for the worker")),
    ]
