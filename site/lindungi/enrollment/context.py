"""What checking answers needs from outside the form: the city's date and the program's ages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from lindungi.core.parameters import ProgramParameters


@dataclass
class WorkerContext:
    """The city's date, the program's ages, the NIKs of the request's other workers
    (NIK -> worker number) and the open-request test."""

    today: date
    params: ProgramParameters
    kpj_length: int
    other_niks: dict[str, int] = field(default_factory=dict)
    nik_is_open: Callable[[str], bool] = lambda _nik: False


