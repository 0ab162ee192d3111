"""The program as this installation runs it: the regulation figures with the configured
settings applied, and the city's calendar day (every age and deadline counts in Makassar)."""

from __future__ import annotations

from datetime import date

from flask import current_app, has_app_context

from lindungi.core.parameters import DEFAULT, ProgramParameters
from lindungi.formatting import to_wita
from lindungi.timeutil import utcnow


def program_parameters() -> ProgramParameters:
    """The regulation figures with this installation's settings (age range, KPJ length); the
    regulation's own outside an app (the demo loader, the command line's imports). Promises
    such as the retention periods are site settings (site_settings.values), not figures."""
    if not has_app_context():
        return DEFAULT
    cfg = current_app.config
    return DEFAULT.with_overrides(
        min_age=int(cfg["PROGRAM_MIN_AGE"]),
        max_age=int(cfg["PROGRAM_MAX_AGE"]),
        kpj_length=int(cfg["KPJ_LENGTH"]),
    )


def city_today() -> date:
    """Today in Makassar (WITA): a birthday turns over at the city's midnight, not the server's."""
    return to_wita(utcnow()).date()
