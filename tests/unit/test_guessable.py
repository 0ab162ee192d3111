"""Staff passwords: the blocklist and the guessability score come from zxcvbn's kept lists."""

from __future__ import annotations

import pytest

from lindungi.staff.accounts import password_error
from lindungi.staff.guessable import common_passwords, too_guessable

EMAIL = "andi.baso@makassarkota.go.id"


def test_the_blocklist_holds_at_least_the_10000_most_common_passwords() -> None:
    assert len(common_passwords()) >= 10_000
    assert {"123456", "password", "iloveyou", "qwerty"} <= common_passwords()


@pytest.mark.parametrize("password", [
    "password1234", "qwertyuiop12", "123456789012", "iloveyou1234", "Password123!",
    "makassar2026", "Makassar123!", "lindungi2026", "Welcome12345", "admin1234567",
    "letmein12345", "abcdefghijkl", "1q2w3e4r5t6y", "qwerty123456", "P@ssw0rd1234",
    "andi.baso2026", "aaaaaaaaaaaa", "bpjs12345678", "Sunshine2026", "football1234",
])
def test_common_twelve_character_passwords_are_refused(password: str) -> None:
    assert too_guessable(password, EMAIL)
    assert password_error(password, EMAIL) is not None


@pytest.mark.parametrize("password", [
    "tongkonan pisang epe losari", "correct horse battery staple", "pallubasa-di-jalan-serigala",
])
def test_passphrases_pass(password: str) -> None:
    assert password_error(password, EMAIL) is None


@pytest.mark.parametrize("length", [72, 73, 75, 100, 128])
def test_long_passwords_are_scored_not_refused_with_an_error(length: int) -> None:
    """zxcvbn raises for more than 72 characters; the property tests found the change-password
    form answering 500 to a 75-character password."""
    strong = ("tongkonan pisang epe losari " * 20)[:length]
    assert too_guessable(strong, EMAIL) is False
    assert password_error(strong, EMAIL) is None
    assert too_guessable("a" * length, EMAIL) is True
