"""The program as this installation runs it: the regulation figures with the configured
settings applied, and the city's calendar day (every age and deadline counts in Makassar)."""

from __future__ import annotations

import functools
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
    return _with_settings(int(cfg["PROGRAM_MIN_AGE"]), int(cfg["PROGRAM_MAX_AGE"]),
                          int(cfg["KPJ_LENGTH"]))


@functools.lru_cache(maxsize=8)
def _with_settings(min_age: int, max_age: int, kpj_length: int) -> ProgramParameters:
    # One object per configuration: the figures computed from it are kept per object.
    return DEFAULT.with_overrides(min_age=min_age, max_age=max_age, kpj_length=kpj_length)


def city_today() -> date:
    """Today in Makassar (WITA): a birthday turns over at the city's midnight, not the server's."""
    return to_wita(utcnow()).date()
