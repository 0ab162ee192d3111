"""Staff password hashes.

New hashes use the app's PASSWORD_HASH_METHOD: scrypt by default, memory-hard and slow on purpose
(about 0.16 s a hash), so a stolen table is expensive to guess through. Only the tests set a
cheap method, to make hundreds of accounts quickly. A check reads the method from the stored hash,
so hashes made under another setting keep working.
"""

from __future__ import annotations

from functools import cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash


def _method() -> str:
    return str(current_app.config["PASSWORD_HASH_METHOD"])


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_method())


def matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@cache
def _hash_of_no_account(method: str) -> str:
    return generate_password_hash("no account has this password", method=method)


def check_without_account(password: str) -> None:
    """Do the work of checking a password for an address with no account: with the same method
    and cost as real hashes, refusing a missing account takes as long as refusing a real one."""
    check_password_hash(_hash_of_no_account(_method()), password)
