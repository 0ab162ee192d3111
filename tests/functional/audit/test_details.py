"""The audit log shows each stored detail as words in the page's language, not as codes."""

from __future__ import annotations

import pytest
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.staff.models import Role
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
    ("someone.else", "thing", {"colour": "blue"}, "colour: blue"),
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
        if key != "colour":
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
