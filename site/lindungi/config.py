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
    # Personal data at rest (protection.crypto): "kid:base64key,kid2:base64key", the first seals
    # new values, all of them open older ones; and the separate key of the NIK's blind index.
    "DATA_KEYS": None,
    "INDEX_KEY": None,
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
    # The city's emblem, only as a file this site serves ("/static/…" or "/media/…"); empty: a
    # neutral mark. The emblem's use is the city's decision, so it is never bundled.
    "LOGO_URL": "",
    # Where the age range is set (e.g. the mayor's regulation). Empty: pages say the range is an
    # assumption, not the city's rule (no regulation found fixes one for city-paid BPU cover).
    "PROGRAM_AGE_SOURCE": "",
    "STAFF_IDLE_MINUTES": 30,
    "STAFF_ABSOLUTE_HOURS": 10,
    "ENROLLMENT_DRAFT_HOURS": 2,
    "STATUS_LOOKUP_LIMIT": "10 per minute;60 per hour",
    "ENROLLMENT_STEP_LIMIT": "60 per minute;600 per hour",  # per client, all steps together
    "ENROLLMENT_SUBMIT_LIMIT": "3 per minute;30 per hour",  # per client
    "SIGN_IN_LIMIT": "10 per minute;50 per hour",  # per client address
    # Failed sign-ins per (client address, submitted email): that address is paused for that
    # account only, so a stranger cannot lock the owner out (staff.signin).
    "SIGN_IN_ACCOUNT_LIMIT": "5 per 15 minutes",
    "SIGN_IN_CODE_LIMIT": "5 per 15 minutes;20 per day",  # wrong codes per account (password known)
    # Reviewers and admins sign in with a code from an authenticator app (staff.twofactor);
    # production refuses to start with this off.
    "STAFF_TWO_FACTOR_REQUIRED": True,
    "STAFF_REAUTH_MINUTES": 10,  # account changes and exports need a password or code this recent
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    # The retention periods of requests are site settings (/staf/pengaturan), which the privacy
    # notice, the consent step and `flask privacy purge` all read.
    "AUDIT_DETAIL_MONTHS": 24,  # then an audit row keeps who, what and when, not details
    # The full-page cache for anonymous public pages (lindungi.pagecache); in this process
    # unless REDIS_URL is set.
    "PAGE_CACHE": True,
    "PAGE_CACHE_MAX_MB": 32,  # per process, without Redis
    "PAGE_CACHE_TTL_SECONDS": 86400,  # in Redis: pages of old versions expire by themselves
    "PAGE_CACHE_VERSION_FILE": None,  # None: instance/page-cache-version
    "COMPRESS": True,  # gzip/brotli from the app; 0 when a proxy in front compresses
    "STATIC_BUILD_DIR": None,  # None: instance/static-build (hashed copies of static/)
    "LOG_FORMAT": "text",  # "json": one JSON object per line, with the request id
    "LOG_LEVEL": "INFO",
    # Messages to families (lindungi.outbox). A channel without its URL is not configured.
    "SMTP_URL": "",  # smtp://user:pass@host:port, smtps://... (TLS), smtp+starttls://...
    "MAIL_FROM": "",
    # PEM file of the CA(s) that sign the SMTP server's certificate, when it is not one the system
    # trusts (a city relay with its own CA). Certificates are always verified.
    "SMTP_CA_FILE": "",
    "SMS_GATEWAY_URL": "",
    "SMS_GATEWAY_TOKEN": "",
    "WHATSAPP_GATEWAY_URL": "",
    "WHATSAPP_GATEWAY_TOKEN": "",
    "OUTBOX_POLL_SECONDS": 5,
    "OUTBOX_LEASE_SECONDS": 300,  # a claimed message is claimed again after this (crash)
    "OUTBOX_MAX_ATTEMPTS": 8,
    "OUTBOX_RETRY_BASE_SECONDS": 60,  # then 2, 4, 8... minutes
    "OUTBOX_RETRY_MAX_SECONDS": 6 * 60 * 60,
    # An alert line in the log when one account passes these in an hour (0: never).
    "ALERT_IDENTITY_VIEWS_PER_HOUR": 60,
    "ALERT_EXPORTS_PER_HOUR": 5,
    # /.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when that
    # holds (ISO date). Empty: the file is not served (404) rather than naming no one.
    "SECURITY_CONTACT": "",
    "SECURITY_TXT_EXPIRES": "",
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


def check_settings(config: Mapping[str, Any]) -> None:
    """Settings that are wrong in any environment."""
    logo = str(config.get("LOGO_URL") or "")
    if logo and (not logo.startswith(("/static/", "/media/")) or ".." in logo):
        # Anything else would be a request to another site from every page.
        raise ConfigError(
            f"LINDUNGI_LOGO_URL must be a file this site serves, starting with /static/ or "
            f"/media/ (got {logo!r}); leave it empty for the neutral mark."
        )


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
    if not config.get("DATA_KEYS") or not config.get("INDEX_KEY"):
        raise ConfigError(
            "LINDUNGI_DATA_KEYS and LINDUNGI_INDEX_KEY are not set. Personal data is stored "
            "encrypted: set both from your secret store, the same on every app server "
            "(`flask --app lindungi keys new` prints a fresh pair; docs in README.md)."
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
    if not config.get("STAFF_TWO_FACTOR_REQUIRED", True):
        raise ConfigError(
            "LINDUNGI_STAFF_TWO_FACTOR_REQUIRED is off. Reviewers and admins can export every "
            "applicant's NIK, so production requires their two-step sign-in: remove the setting."
        )
    check_production_urls_and_limits(config, os.environ)


def check_production_urls_and_limits(config: Mapping[str, Any],
                                     environ: Mapping[str, str]) -> None:
    base_url = str(config.get("BASE_URL") or "")
    if base_url == DEFAULTS["BASE_URL"] or not base_url.startswith("https://"):
        # Feeds, the sitemap, share links and security.txt would point at a laptop's address.
        raise ConfigError(
            "LINDUNGI_BASE_URL is not set to the site's public https:// address (e.g. "
            "https://lindungi.makassarkota.go.id). Production needs it for feeds, the sitemap "
            "and share links."
        )
    storage = str(config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if storage.startswith("memory://") and environ.get("WEB_CONCURRENCY", "").strip() != "1":
        # Each worker process would count on its own: N workers allow N times every limit.
        raise ConfigError(
            "Rate limits need shared storage in production: set LINDUNGI_REDIS_URL "
            "(redis://host:6379/0). Only a single worker process may count in memory: then "
            "set WEB_CONCURRENCY=1 (gunicorn reads it as its number of workers)."
        )
