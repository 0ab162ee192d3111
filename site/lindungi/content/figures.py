"""Program figures as pages show them: the configured parameters, formatted for a language.

Content refers to figures as ``[[key]]`` tokens (see core.parameters.figures); templates read the
formatted values from here, so no figure is typed in a template or an article.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app, has_app_context

from lindungi import formatting
from lindungi.core.parameters import DEFAULT, Figure, ProgramParameters, figures


def current_parameters() -> ProgramParameters:
    """The regulation figures with this installation's settings (age range, KPJ length)."""
    if not has_app_context():
        return DEFAULT
    cfg = current_app.config
    return DEFAULT.with_overrides(
        min_age=int(cfg["PROGRAM_MIN_AGE"]),
        max_age=int(cfg["PROGRAM_MAX_AGE"]),
        kpj_length=int(cfg["KPJ_LENGTH"]),
    )


def format_figure(figure: Figure, locale: str) -> str:
    """Money as "Rp16.800"; numbers, hours and ages plain; percentages with a sign."""
    if figure.kind == "money":
        return formatting.format_rupiah(figure.value, locale)
    if figure.kind == "percent":
        return formatting.format_number(figure.value, locale) + "%"
    return formatting.format_number(figure.value, locale)


def formatted_figures(locale: str, params: ProgramParameters | None = None) -> dict[str, str]:
    """Every ``[[key]]`` mapped to its text in `locale`: the figures, and the settings staff
    fill in ("" while not set)."""
    found = figures(params or current_parameters())
    values = {key: format_figure(figure, locale) for key, figure in found.items()}
    if has_app_context():
        from lindungi.site_settings import values as site_values

        values.update(site_values.current().tokens(locale))
    return values


def figure_sources(params: ProgramParameters | None = None) -> Mapping[str, str]:
    return {key: f.source for key, f in figures(params or current_parameters()).items()}
