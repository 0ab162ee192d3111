"""Program figures as pages show them: the configured parameters, formatted for a language.

Content refers to figures as ``[[key]]`` tokens (see core.parameters.figures); templates read the
formatted values from here, so no figure is typed in a template or an article.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from flask import has_app_context

from lindungi import formatting
from lindungi.core.parameters import Figure, ProgramParameters, figures
from lindungi.program import program_parameters


def format_figure(figure: Figure, locale: str) -> str:
    """Money as "Rp16.800"; numbers, hours and ages plain; percentages with a sign."""
    if figure.kind == "money":
        return formatting.format_rupiah(figure.value, locale)
    if figure.kind == "percent":
        return formatting.format_number(figure.value, locale) + "%"
    return formatting.format_number(figure.value, locale)


def configured_figures(locale: str, params: ProgramParameters | None = None
                       ) -> Mapping[str, str]:
    """The figures' ``[[key]]`` texts in `locale`: these follow from the configuration only."""
    return _formatted(locale, params or program_parameters())


@functools.lru_cache(maxsize=16)
def _formatted(locale: str, params: ProgramParameters) -> Mapping[str, str]:
    # The same language and parameters give the same texts: formatted once per process.
    return MappingProxyType({key: format_figure(figure, locale)
                             for key, figure in figures(params).items()})


def setting_tokens(locale: str) -> dict[str, str]:
    """The settings staff fill in, as ``[[key]]`` texts ("" while not set). They live in the
    database and change while the app runs: read per request, never kept per process."""
    if not has_app_context():
        return {}
    from lindungi.site_settings import values as site_values

    return site_values.current().tokens(locale)


def formatted_figures(locale: str, params: ProgramParameters | None = None) -> dict[str, str]:
    """Every ``[[key]]`` mapped to its text in `locale`: the figures, and the settings staff
    fill in ("" while not set)."""
    return {**configured_figures(locale, params), **setting_tokens(locale)}


def figure_sources(params: ProgramParameters | None = None) -> Mapping[str, str]:
    return {key: f.source for key, f in figures(params or program_parameters()).items()}
