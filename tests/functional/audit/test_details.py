"""The audit log shows each stored detail as words in the page's language, not as codes."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from flask import Flask
from flask_babel.speaklater import LazyString

import lindungi
from lindungi.audit import actions
from lindungi.audit.details import DESCRIBE
from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.protection.retention import PurgeReport
from lindungi.staff.models import Role, StaffUser
from lindungi.urlargs import IdConverter
from tests.support.checking import soup_of

CASES = [
    ("staff.sign_in_failed", "staff_user", {"reason": "password"},
     "Alasan: kata sandi salah"),
    ("staff.sign_in_failed", "", {"reason": "unknown_account"},
     "Alasan: tidak ada akun dengan alamat email ini"),
    ("staff.locked", "staff_user", {"minutes": 15}, "Dijeda selama 15 menit"),
    ("request.ask_info", "enrollment_request", {"status": "needs_info"},
     "Status baru: Perlu informasi tambahan"),
    ("request.reject", "enrollment_request", {"status": "rejected", "reason": "not_resident"},
     "Status baru: Tidak disetujui Alasan: Pekerja tidak tinggal di Kota Makassar"),
    ("export.approved_csv", "export", {"requests": 0, "workers": 0},
     "0 permintaan dalam berkas 0 pekerja"),
    ("export.approved_csv", "export", {"requests": 3, "workers": 5},
     "3 permintaan dalam berkas 5 pekerja"),
    ("account.set_role", "staff_user", {"role": "reviewer", "previous": "admin"},
     "Peran: Pemeriksa Peran sebelumnya: Administrator"),
    ("enrollment.submitted", "enrollment_request", {"workers": 2, "flagged": True},
     "2 pekerja Ditandai untuk diperiksa lebih teliti"),
    ("article.status", "article", {"status": "archived"}, "Status: Diarsipkan"),
    ("page.update", "page", {"key": "privacy"}, "Halaman: privacy"),
    ("account.reset_password", "staff_user", {"via": "cli"},
     "Dilakukan di baris perintah server"),
    ("settings.update", "settings", {"changed": ["phone", "office_hours_en"]},
     "Diubah: Telepon, Jam layanan (bahasa Inggris)"),
    ("account.reset_password", "staff_user", {"notified": True},
     "Pemilik akun dikirimi email"),
    ("staff.recovery_code_used", "staff_user", {"left": 9}, "Sisa 9 kode pemulihan"),
    ("someone.else", "thing", {"colour": "blue"}, "Detail lain: blue"),
]


def record(action: str, *, target_type: str = "", target_id: int | str = "", **detail) -> None:
    """A stored row as it is, whichever capability wrote it (audit.actions.log adds the client
    address and, off a request, "via": "cli")."""
    db.session.add(AuditEvent(action=action, target_type=target_type, target_id=str(target_id),
                              detail=detail))


@pytest.mark.parametrize("action, target_type, detail, expected", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[2])}" for c in CASES])
def test_details_are_sentences(app: Flask, auth, client, action, target_type, detail,
                               expected) -> None:
    auth.login(role=Role.ADMIN)
    with app.app_context():
        record(action, target_type=target_type, target_id=7 if target_type else "", **detail)
        db.session.commit()
    soup = soup_of(client.get("/staf/audit", query_string={"action": action}))
    [row] = soup.select("tbody tr")
    text = " ".join(span.get_text(strip=True) for span in row.select(".detail-item"))
    assert text == expected
    for key in detail:
        assert f"{key}:" not in row.get_text()


def test_targets_without_a_page_are_named(app: Flask, auth, client) -> None:
    auth.login(role=Role.ADMIN)
    with app.app_context():
        record("article.update", target_type="article", target_id=4, status="draft")
        record("hospital.update", target_type="partner_hospital", target_id=2)
        db.session.commit()
    rows = [row.get_text(" ", strip=True)
            for row in soup_of(client.get("/staf/audit")).select("tbody tr")]
    assert any("Rumah sakit mitra #2" in row for row in rows)
    assert any("Berita #4" in row and "Status: Draf" in row for row in rows)
    assert not any("partner_hospital" in row for row in rows)


# Item 9 of issue 14: every detail the code writes, in words (never the stored name).
MORE_CASES = [
    ("article.publish", "article", {"publish_at_utc": "2026-12-01T02:00"},
     "Jadwal terbit diubah ke 1 Des 2026 10.00 WITA"),
    ("article.publish", "article", {"publish_at_utc": None}, "Terbit tanpa jadwal"),
    ("article.restore", "article", {"revision": 3}, "Dari revisi 3"),
    ("enrollment.submitted", "enrollment_request",
     {"workers": 1, "flagged": True, "already_open": 1},
     "1 pekerja Ditandai untuk diperiksa lebih teliti "
     "1 pekerja sudah punya permohonan yang sedang diproses"),
    ("enrollment.answer_info", "enrollment_request", {"length": 42}, "Jawaban 42 karakter"),
    ("subject.correct", "enrollment_request",
     {"worker": 3, "fields": ["full_name", "nik", "birth_date", "phone_e164"]},
     "Pekerja #3 Diperbaiki: nama lengkap, NIK, tanggal lahir, nomor telepon"),
    ("subject.erase", "enrollment_request", {"workers": 2, "was_open": True},
     "2 pekerja Permohonan masih sedang diproses"),
    ("keys.rotate", "keys", {"values": 6, "rows": 2, "via": "cli"},
     "6 nilai disegel ulang 2 baris ditulis ulang Dilakukan di baris perintah server"),
    ("access.denied", "endpoint", {"method": "GET", "request_id": 5},
     "Mencoba membuka halaman Permintaan #5"),
    ("access.denied", "endpoint", {"method": "POST", "account_id": 2},
     "Mencoba mengirim formulir di halaman Akun #2"),
    ("privacy.purge", "retention", {"deleted_requests": 2, "deleted_workers": 3,
                                    "deleted_drafts": 0, "deleted_searches": 1,
                                    "trimmed_audit_rows": 4},
     "2 permohonan dihapus 3 pekerja dihapus 0 draf yang belum dikirim dihapus "
     "1 pencarian tersimpan dihapus 4 baris audit lama diringkas"),
]


@pytest.mark.parametrize("action, target_type, detail, expected", MORE_CASES,
                         ids=[f"{c[0]}-{'-'.join(c[2])}" for c in MORE_CASES])
def test_every_kind_of_detail_is_a_sentence(app: Flask, auth, client, action, target_type,
                                            detail, expected) -> None:
    auth.login(role=Role.ADMIN)
    with app.app_context():
        record(action, target_type=target_type, target_id=7, **detail)
        db.session.commit()
    soup = soup_of(client.get("/staf/audit", query_string={"action": action}))
    [row] = soup.select("tbody tr")
    text = " ".join(span.get_text(strip=True) for span in row.select(".detail-item"))
    assert text == expected
    for key in detail:
        assert key not in row.get_text(), key


def test_details_follow_the_readers_language(app: Flask, auth, client) -> None:
    user = auth.login(role=Role.ADMIN)
    with app.app_context():
        db.session.get(StaffUser, user.id).language = "en"
        record("article.publish", target_type="article", target_id=4,
               publish_at_utc="2026-12-01T02:00")
        record("access.denied", target_type="endpoint", target_id="review.queue",
               method="GET")
        db.session.commit()
    rows = [row.get_text(" ", strip=True)
            for row in soup_of(client.get("/staf/audit")).select("tbody tr")]
    assert any("Publication time set to 1 Dec 2026 10:00 WITA" in row for row in rows)
    assert any("Page /staf/pendaftaran" in row and "Tried to open the page" in row
               for row in rows)
    assert not any("publish_at_utc" in row or "review.queue" in row for row in rows)


def _logged_detail_names() -> set[str]:
    """Every detail name passed to actions.log (or the account helper that wraps it)."""
    found: set[str] = set()
    for path in Path(lindungi.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("log", "_audit") and (name == "_audit" or getattr(
                    func.value, "id", "") == "actions"):
                found |= {kw.arg for kw in node.keywords if kw.arg is not None}
    return found - {"actor_id", "target_type", "target_id"}


def test_every_detail_the_code_writes_has_words(app: Flask) -> None:
    names = _logged_detail_names()
    assert {"publish_at_utc", "fields", "status", "method"} <= names  # the scan finds calls
    names |= {field.name for field in dataclasses.fields(PurgeReport)}
    # A refused visit stores the page's numeric ids (staff.access.record_refusal).
    names |= {arg for rule in app.url_map.iter_rules() if rule.rule.startswith("/staf")
              for arg, converter in rule._converters.items()
              if isinstance(converter, IdConverter)}
    assert names - set(DESCRIBE) == set()


def test_every_action_has_a_label() -> None:
    names = {value for name, value in vars(actions).items()
             if name.isupper() and isinstance(value, str) and "." in value}
    assert names - set(actions.LABELS) == set()
    assert all(not isinstance(setting, LazyString) for setting in actions.ALERT_SETTINGS.values())
