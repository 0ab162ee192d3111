"""The program's figures with this installation's settings (ages, KPJ length) applied."""

from __future__ import annotations

from flask import current_app

from lindungi.core.parameters import DEFAULT, ProgramParameters


def program_parameters() -> ProgramParameters:
    cfg = current_app.config
    return DEFAULT.with_overrides(min_age=int(cfg["PROGRAM_MIN_AGE"]),
                                  max_age=int(cfg["PROGRAM_MAX_AGE"]),
                                  kpj_length=int(cfg["KPJ_LENGTH"]))
