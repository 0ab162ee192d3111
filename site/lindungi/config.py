"""Configuration in layers: these defaults, then instance/config.py, then LINDUNGI_* environment
variables, then the mapping a test passes to create_app. Nothing here is secret."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

ENV_PREFIX = "LINDUNGI_"

# Settings the environment may override; their types decide how the string value is read.
DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "SECRET_KEY": None,
    "DATABASE_URL": None,  # None: SQLite file in instance/
    "ALLOW_SQLITE_IN_PRODUCTION": False,
    "REDIS_URL": None,
    "BASE_URL": "http://127.0.0.1:5000",
    "PROXY_HOPS": 0,
    "MEDIA_DIR": None,  # None: instance/media
    "MAX_CONTENT_LENGTH": 6 * 1024 * 1024,
    "SUPPORTED_LOCALES": ["id", "en"],
    "DEFAULT_LOCALE": "id",
    "TIMEZONE": "Asia/Makassar",
    "PROGRAM_MIN_AGE": 18,
    "PROGRAM_MAX_AGE": 65,
    "KPJ_LENGTH": 11,
    "PUBLIC_CACHE_SECONDS": 300,
    "CITY_CONTACT_EMAIL": "",
    "STAFF_IDLE_MINUTES": 30,
    "STAFF_ABSOLUTE_HOURS": 10,
    "ENROLLMENT_DRAFT_HOURS": 2,
    "STATUS_LOOKUP_LIMIT": "10 per minute;60 per hour",
    "SIGN_IN_LIMIT": "10 per minute;50 per hour",  # per client address
    "SIGN_IN_ACCOUNT_LIMIT": "5 per minute;20 per hour",  # per submitted email address
    "SIGN_IN_LOCKOUT_AFTER": 5,  # consecutive wrong passwords before the account pauses
    "SIGN_IN_LOCKOUT_MINUTES": 15,
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
}


def flask_defaults() -> dict[str, Any]:
    """Flask and extension settings that follow from the program's needs."""
    return {
        # A family filling a long form on a slow phone must not lose it to a token timeout:
        # the CSRF token lives as long as the session (see security-notes.md).
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_HEADERS": ["X-CSRFToken", "X-CSRF-Token"],
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "lindungi_session",
        "PERMANENT_SESSION_LIFETIME": 2 * 60 * 60,
        # Send the cookie only when the session changed: a visitor with a draft in progress
        # must not get a Set-Cookie on every public (cacheable) page.
        "SESSION_REFRESH_EACH_REQUEST": False,
        # hide_parameters: a database error in the log must not carry the values (NIKs, names).
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Makassar",
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_STRATEGY": "fixed-window",
        "JSON_SORT_KEYS": False,
        "TEMPLATES_AUTO_RELOAD": False,
        # Memory-hard and slow on purpose (staff.passwords); only the tests set a cheap method,
        # and check_production refuses anything but scrypt.
        "PASSWORD_HASH_METHOD": "scrypt",
    }


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def from_environment(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Read LINDUNGI_<NAME> for each known setting (LINDUNGI_JSON_<NAME> for structured ones)."""
    found: dict[str, Any] = {}
    for name, default in DEFAULTS.items():
        raw = environ.get(ENV_PREFIX + name)
        if raw is not None and raw != "":
            found[name] = _coerce(raw, default)
    for key, raw in environ.items():
        if key.startswith(ENV_PREFIX + "JSON_"):
            found[key.removeprefix(ENV_PREFIX + "JSON_")] = json.loads(raw)
    return found


MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """A setting that makes the app unsafe or unable to start."""


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse to start a production server with settings that only suit a laptop."""
    if config.get("ENV") != "production":
        return
    secret = config.get("SECRET_KEY")
    if not secret:
        raise ConfigError(
            "LINDUNGI_SECRET_KEY is not set. In production every app server must share one "
            "long random secret: set LINDUNGI_SECRET_KEY (e.g. python -c 'import secrets; "
            "print(secrets.token_hex(32))')."
        )
    if len(secret) < MIN_SECRET_KEY_LENGTH:
        # The key signs the session cookies that say who is signed in: a short one can be
        # guessed offline from any cookie. (The length only; the value is never printed.)
        raise ConfigError(
            f"LINDUNGI_SECRET_KEY is too short ({len(secret)} characters). Production needs "
            f"at least {MIN_SECRET_KEY_LENGTH} random characters, shared by every app server: "
            "e.g. python -c 'import secrets; print(secrets.token_hex(32))'."
        )
    url = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if url.startswith("sqlite") and not config.get("ALLOW_SQLITE_IN_PRODUCTION"):
        raise ConfigError(
            "Production is configured with SQLite. Several app servers behind a load balancer "
            "need PostgreSQL: set LINDUNGI_DATABASE_URL=postgresql+psycopg://..., or set "
            "LINDUNGI_ALLOW_SQLITE_IN_PRODUCTION=1 for a single-server installation."
        )
    if not str(config.get("PASSWORD_HASH_METHOD", "")).startswith("scrypt"):
        raise ConfigError(
            "PASSWORD_HASH_METHOD is set to a method other than scrypt. Cheap password hashes "
            "are for the tests only: remove the setting in production."
        )
