"""Where the sign-in page may send a staff member afterwards: only staff pages on this site,
judged the way a browser will resolve the address."""

from __future__ import annotations

import pytest

from lindungi.staff.access import is_safe_next, safe_next

HOSTILE = [
    "//evil.example", "//evil.example/staf/", "///evil.example/staf/", "/\\evil.example",
    "\\\\evil.example", "/staf\\evil", "/staf/\\..\\..\\evil", "https://evil",
    "https://evil.example/staf/", "http:/staf/", "javascript:alert(1)", "JavaScript:alert(1)",
    "data:text/html,hi", "/staf/../id/", "/staf/..", "/staf/x/../../id/", "/staf/%2e%2e/",
    "/staf/%2E%2E/id/", "/staf/.%2e/id/", "/staf/%2e./", "/staf%2f..%2fid", "/staf/%2F%2Fevil",
    "/%2f%2fevil.example", "/staf/%5cevil", "/staf/%252e%252e/", "/staf/%00", "/staf/\x00",
    "/staf/\nLocation: //evil", "/staf/\t", " //evil.example", "/id/", "/", "/stafevil",
    "/staff/", "staf/", "", None, "/staf/" + "a" * 600,
]
SAFE = [
    "/staf", "/staf/", "/staf/pendaftaran", "/staf/pendaftaran?status=received&page=2",
    "/staf/pendaftaran/12", "/staf/akun/3", "/staf/audit?actor=1", "/staf/./pendaftaran",
    "/staf/x/../pendaftaran",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_are_refused(target) -> None:
    assert is_safe_next(target) is False
    assert safe_next(target, "/staf/") == "/staf/"


@pytest.mark.parametrize("target", SAFE)
def test_staff_pages_are_allowed(target) -> None:
    assert is_safe_next(target) is True
    assert safe_next(target, "/staf/") == target
