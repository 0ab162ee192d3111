"""The figure tables on the benefits pages, computed from core.parameters with the regulation
each figure comes from. Labels are here; amounts never are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from lindungi.content.figures import format_figure
from lindungi.core import parameters as p
from lindungi.core.parameters import contribution_table, figures
from lindungi.program import program_parameters
from lindungi.versioned import per_version


@dataclass(frozen=True)
class TableRow:
    label: str
    value: str
    explanation: str
    source: str


# Sources that are not regulations, said in the page's language.
SOURCE_LABELS = {
    # Not the city's rule until PROGRAM_AGE_SOURCE names where the city set it (age_source()).
    p.SRC_AGE: _l("Assumption: no regulation found fixes an age range for this cover, and the "
                  "city has not confirmed one"),
    p.SRC_DECILE: _l("Kota Makassar program: welfare deciles of the national socio-economic data"),
    p.SRC_CALL_CENTRE: _l("BPJS Ketenagakerjaan public call centre"),
    p.SRC_KPJ: _l("Setting: KPJ length"),
}

PROGRAM_FIGURES = {
    "jkk": [
        ("transport_land", _l("Transport to care by land, up to")),
        ("transport_sea", _l("Transport to care by sea, up to")),
        ("transport_air", _l("Transport to care by air, up to")),
        ("income_replacement_full_months", _l("Months of full income replacement")),
        ("disability_total_permanent", _l("Total permanent disability, lump sum")),
        ("jkk_death_lump_sum", _l("Death from a work accident, lump sum")),
        ("jkk_death_total", _l("Death from a work accident, paid to the family in all")),
        ("scholarship_max_two_children", _l("Scholarships for two children, up to")),
    ],
    "jkm": [
        ("jkm_lump_sum", _l("Lump sum to the family")),
        ("jkm_periodic", _l("Periodic benefit")),
        ("funeral_benefit", _l("Funeral costs")),
        ("jkm_total", _l("Paid to the family in all")),
        ("jkm_min_membership_months", _l("Months of membership needed for the full amount")),
        ("jkm_scholarship_min_years", _l("Years of contributions needed for scholarships")),
    ],
    "jht": [
        ("jht_rate_percent", _l("Saved each month, share of the declared income")),
        ("jht_contribution", _l("Saved each month at the lowest income level")),
        ("jht_payout_age", _l("Age at which the savings are paid out")),
    ],
}

WHO_FIGURES = [
    ("min_age", _l("Youngest age to join")),
    ("max_age", _l("Oldest age to join")),
    ("max_decile", _l("Highest welfare decile covered")),
    ("lowest_income_band", _l("Income the contributions are based on, per month")),
]


def source_label(source: str) -> str:
    """Regulation names stay as written; settings and assumptions are explained. A source is
    looked up whole first: some explanations contain "; " themselves."""
    if source in SOURCE_LABELS:
        return str(SOURCE_LABELS[source])
    return "; ".join(str(SOURCE_LABELS.get(part, part)) for part in source.split("; "))


# Every figure table by name: the program pages' and "who".
FIGURE_TABLES = {**PROGRAM_FIGURES, "who": WHO_FIGURES}


@per_version
def figure_rows(table: str, locale: str) -> list[TableRow]:
    """The rows of FIGURE_TABLES[table] in `locale`."""
    keys = FIGURE_TABLES[table]
    found = figures(program_parameters())
    return [
        TableRow(str(label), format_figure(found[key], locale), _condition(key, found, locale),
                 _figure_source(key, found[key]))
        for key, label in keys
    ]


def _condition(key: str, found: Mapping[str, p.Figure], locale: str) -> str:
    """A figure that is paid only under a condition is never shown without it."""
    if key == "jkm_total":  # the full JKM amount only after the minimum membership
        return gettext("After at least %(months)s months of membership. Before that, the "
                       "funeral benefit of %(funeral)s.",
                       months=format_figure(found["jkm_min_membership_months"], locale),
                       funeral=format_figure(found["funeral_benefit"], locale))
    return ""


def _figure_source(key: str, figure: p.Figure) -> str:
    configured = current_app.config["PROGRAM_AGE_SOURCE"]
    if figure.source == p.SRC_AGE and configured:
        return gettext("Set by the city: %(source)s", source=configured)
    return source_label(figure.source)


@per_version
def contribution_rows(locale: str, program: str | None = None) -> list[TableRow]:
    """"What the city pays for you": one row per program, each with its basis and regulation."""
    rows = []
    for row in contribution_table(program_parameters()):
        if program and row.program.lower() != program:
            continue
        rows.append(TableRow(
            label=gettext(row.name),
            value=format_figure(p.Figure("money", row.monthly_amount, row.source), locale),
            explanation=gettext(row.basis, **row.basis_params) if row.basis_params
            else gettext(row.basis),
            source=source_label(row.source),
        ))
    return rows


@per_version
def contribution_totals(locale: str) -> list[TableRow]:
    found = figures(program_parameters())
    return [
        TableRow(gettext("JKK and JKM together"),
                 format_figure(found["city_contribution_monthly"], locale), "",
                 source_label(found["city_contribution_monthly"].source)),
        TableRow(gettext("JKK, JKM and JHT together"),
                 format_figure(found["city_contribution_with_jht"], locale), "",
                 source_label(found["city_contribution_with_jht"].source)),
    ]
