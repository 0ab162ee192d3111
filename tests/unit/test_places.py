from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lindungi.core import places
from lindungi.core.places import (
    DATA_FILE,
    is_valid_pair,
    kecamatan_by_code,
    kecamatan_list,
    kelurahan_by_code,
    kelurahan_for,
)

ALL_KELURAHAN = [k for kec in kecamatan_list() for k in kelurahan_for(kec.code)]


def test_fifteen_kecamatan_in_code_order() -> None:
    codes = [k.code for k in kecamatan_list()]
    assert codes == [f"73.71.{n:02d}" for n in range(1, 16)]
    assert kecamatan_list()[0].name == "Mariso"
    assert kecamatan_list()[-1].name == "Kepulauan Sangkarrang"


def test_153_kelurahan_with_unique_codes() -> None:
    assert len(ALL_KELURAHAN) == 153
    assert len({k.code for k in ALL_KELURAHAN}) == 153


def test_file_rows_all_reached_through_kecamatan() -> None:
    with DATA_FILE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 153
    assert {r["kelurahan_code"] for r in rows} == {k.code for k in ALL_KELURAHAN}


def test_each_kelurahan_in_exactly_one_existing_kecamatan() -> None:
    for kel in ALL_KELURAHAN:
        assert kecamatan_by_code(kel.kecamatan_code) is not None
        owners = [kec for kec in kecamatan_list() if kel in kelurahan_for(kec.code)]
        assert len(owners) == 1
        assert kel.code.startswith(kel.kecamatan_code + ".")


def test_ujung_tanah_codes_have_gaps() -> None:
    ujung_tanah = kecamatan_by_code("73.71.08")
    assert ujung_tanah is not None and ujung_tanah.name == "Ujung Tanah"
    suffixes = {k.code.rsplit(".", 1)[1] for k in kelurahan_for("73.71.08")}
    assert {"1001", "1007", "1008"}.isdisjoint(suffixes)
    assert "1002" in suffixes


def test_lookups() -> None:
    kel = kelurahan_by_code("73.71.01.1001")
    assert kel is not None and kel.name == "Bontorannu" and kel.kecamatan_code == "73.71.01"
    assert kelurahan_by_code("73.71.08.1001") is None
    assert kecamatan_by_code("73.71.16") is None
    assert kelurahan_for("73.71.99") == []


@pytest.mark.parametrize(
    ("kecamatan", "kelurahan", "valid"),
    [
        ("73.71.01", "73.71.01.1001", True),
        ("73.71.02", "73.71.01.1001", False),  # exists, but in Mariso
        ("73.71.08", "73.71.08.1001", False),  # a gap in the codes
        ("73.71.99", "73.71.99.1001", False),
        ("", "", False),
    ],
)
def test_is_valid_pair(kecamatan: str, kelurahan: str, valid: bool) -> None:
    assert is_valid_pair(kecamatan, kelurahan) is valid


@pytest.mark.parametrize(
    ("extra_row", "error"),
    [
        ("73.71.01.1001,Again,73.71.01,Mariso", "duplicate"),
        ("73.71.01.1099,Somewhere,73.71.01,Not Mariso", "two names"),
        ("73.71.02.1099,Somewhere,73.71.01,Mariso", "not under"),
    ],
)
def test_corrupted_file_fails_loudly(tmp_path: Path, extra_row: str, error: str) -> None:
    copy = tmp_path / "kelurahan.csv"
    copy.write_text(DATA_FILE.read_text(encoding="utf-8") + extra_row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        places._read(copy)
