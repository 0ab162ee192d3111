"""The export for collective registration with BPJS Ketenagakerjaan: every column in one place.

No official public template exists for collective BPU registration; branches hand the city their
own. This default follows BPJS Ketenagakerjaan's online BPU registration, its paper form and local
registration apps (see domain.md). To match a branch's format, change this list only: the header
is the first item, the second turns one worker of an approved request into the cell's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from lindungi.core.occupations import occupation_by_code
from lindungi.core.parameters import ProgramParameters
from lindungi.core.places import kecamatan_by_code, kelurahan_by_code
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, Sex
from lindungi.formatting import to_wita

CITY = "KOTA MAKASSAR"
BRANCH = "MAKASSAR"
# City-paid cover: JKK and JKM (domain.md). Add "+JHT" when the city's budget covers it.
PROGRAM = "JKK+JKM"
# Assumption: the city pays month by month. Set what the branch agrees with the city.
PAYMENT_MONTHS = "1"
DATE_FORMAT = "%d-%m-%Y"


@dataclass(frozen=True)
class ExportRow:
    number: int
    request: EnrollmentRequest
    worker: EnrollmentWorker
    params: ProgramParameters


def _place_name(code: str, lookup: Callable[[str], object]) -> str:
    place = lookup(code)
    return getattr(place, "name", "").upper()


def _occupation(code: str) -> str:
    occupation = occupation_by_code(code)
    if occupation is None:
        return code
    with force_locale("id"):  # BPJS Ketenagakerjaan's staff read Indonesian
        return _(occupation.label).upper()


def _phone(e164: str) -> str:
    # "+6281..." as "6281...": a leading "+" would read as a formula in a spreadsheet.
    return e164.removeprefix("+")


def _approved_on(row: ExportRow) -> str:
    decided = row.request.decided_at
    return to_wita(decided).strftime(DATE_FORMAT) if decided else ""


COLUMNS: list[tuple[str, Callable[[ExportRow], str]]] = [
    ("NO", lambda r: str(r.number)),
    ("NIK", lambda r: r.worker.nik),
    ("NAMA_LENGKAP", lambda r: r.worker.full_name.upper()),
    ("TEMPAT_LAHIR", lambda r: r.worker.place_of_birth.upper()),
    ("TGL_LAHIR", lambda r: r.worker.birth_date.strftime(DATE_FORMAT)),
    ("JENIS_KELAMIN", lambda r: "L" if r.worker.sex == Sex.MALE else "P"),
    ("NAMA_IBU_KANDUNG", lambda r: r.worker.mother_maiden_name.upper()),
    ("ALAMAT", lambda r: r.worker.address),
    ("RT_RW", lambda r: r.worker.rt_rw),
    ("KELURAHAN", lambda r: _place_name(r.worker.kelurahan_code, kelurahan_by_code)),
    ("KECAMATAN", lambda r: _place_name(r.worker.kecamatan_code, kecamatan_by_code)),
    ("KAB_KOTA", lambda r: CITY),
    ("KODE_POS", lambda r: ""),  # not asked on the enrollment form
    ("NO_HP", lambda r: _phone(r.request.phone_e164)),
    ("EMAIL", lambda r: r.request.email),
    ("NO_KK", lambda r: r.worker.kk),
    ("JENIS_PEKERJAAN", lambda r: _occupation(r.worker.occupation)),
    ("LOKASI_KERJA", lambda r: ""),
    ("PENGHASILAN", lambda r: str(r.params.lowest_income_band)),
    ("PROGRAM", lambda r: PROGRAM),
    ("PERIODE_BAYAR", lambda r: PAYMENT_MONTHS),
    ("KANTOR_CABANG", lambda r: BRANCH),
    ("NO_KPJ", lambda r: r.worker.kpj_number),
    ("AHLI_WARIS", lambda r: r.worker.heir_name.upper()),
    ("HUBUNGAN_AHLI_WARIS", lambda r: r.worker.heir_relationship.upper()),
    ("REFERENSI", lambda r: r.request.reference),
    ("TGL_DISETUJUI", _approved_on),
]

HEADER = [name for name, _cell in COLUMNS]
