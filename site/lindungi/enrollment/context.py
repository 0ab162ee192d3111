"""What checking answers needs from outside the form: the city's date and the program's ages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask import current_app

from lindungi.core.parameters import DEFAULT, ProgramParameters
from lindungi.formatting import to_wita
from lindungi.timeutil import utcnow


@dataclass
class WorkerContext:
    """The city's date, the program's ages, the NIKs of the request's other workers
    (NIK -> worker number) and the open-request test."""

    today: date
    params: ProgramParameters
    kpj_length: int
    other_niks: dict[str, int] = field(default_factory=dict)
    nik_is_open: Callable[[str], bool] = lambda _nik: False


def program_params() -> ProgramParameters:
    config = current_app.config
    return DEFAULT.with_overrides(
        min_age=int(config["PROGRAM_MIN_AGE"]), max_age=int(config["PROGRAM_MAX_AGE"]),
        kpj_length=int(config["KPJ_LENGTH"]),
    )


def city_today() -> date:
    """Today in Makassar (WITA): ages count on the city's calendar, not the server's."""
    return to_wita(utcnow()).date()
