"""Kota Makassar's kecamatan and kelurahan, read from the official area-code list.

The list lives in ``lindungi/data/makassar-kelurahan.csv`` (source in that folder's README). Codes
have gaps, so they are only ever read from the file, never generated.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "makassar-kelurahan.csv"


@dataclass(frozen=True)
class Kecamatan:
    code: str  # "73.71.01"
    name: str


@dataclass(frozen=True)
class Kelurahan:
    code: str  # "73.71.01.1001"
    name: str
    kecamatan_code: str


@dataclass(frozen=True)
class _Places:
    kecamatan: dict[str, Kecamatan]
    kelurahan: dict[str, Kelurahan]


def _read(path: Path) -> _Places:
    kecamatan: dict[str, Kecamatan] = {}
    kelurahan: dict[str, Kelurahan] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            kec = Kecamatan(row["kecamatan_code"], row["kecamatan"])
            kel = Kelurahan(row["kelurahan_code"], row["kelurahan"], kec.code)
            # A corrupted copy should fail loudly at start-up rather than mislabel addresses.
            if kecamatan.setdefault(kec.code, kec) != kec:
                raise ValueError(f"kecamatan {kec.code} has two names")
            if kel.code in kelurahan:
                raise ValueError(f"duplicate kelurahan code {kel.code}")
            if not kel.code.startswith(kec.code + "."):
                raise ValueError(f"kelurahan {kel.code} is not under kecamatan {kec.code}")
            kelurahan[kel.code] = kel
    return _Places(
        dict(sorted(kecamatan.items())),
        dict(sorted(kelurahan.items())),
    )


@cache
def _places() -> _Places:
    return _read(DATA_FILE)


def kecamatan_list() -> list[Kecamatan]:
    """All 15 kecamatan, ordered by code."""
    return list(_places().kecamatan.values())


def kecamatan_by_code(code: str) -> Kecamatan | None:
    return _places().kecamatan.get(code)


def kelurahan_for(kecamatan_code: str) -> list[Kelurahan]:
    """The kelurahan of one kecamatan, ordered by code; empty for an unknown kecamatan."""
    return [k for k in _places().kelurahan.values() if k.kecamatan_code == kecamatan_code]


def kelurahan_by_code(code: str) -> Kelurahan | None:
    return _places().kelurahan.get(code)


def is_valid_pair(kecamatan_code: str, kelurahan_code: str) -> bool:
    """True when the kelurahan exists and lies in that kecamatan (forms post both fields)."""
    kel = kelurahan_by_code(kelurahan_code)
    return kel is not None and kel.kecamatan_code == kecamatan_code
