"""`flask --app lindungi launch-check`: what must be filled in before the site goes live.

Each check says what is missing and where to fill it in; the command exits non-zero while
anything is missing, so a deployment script can stop on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from lindungi.config import DEFAULTS, MIN_SECRET_KEY_LENGTH
from lindungi.content.models import Article, Page, PartnerHospital, PublishStatus
from lindungi.core.promises import SETTINGS
from lindungi.extensions import db
from lindungi.site_settings import values

SETTINGS_PAGE = "/staf/pengaturan"


@dataclass(frozen=True)
class Missing:
    what: str
    how: str


def config_problems(config: Mapping[str, Any]) -> list[Missing]:
    found: list[Missing] = []
    if config.get("ENV") != "production":
        found.append(Missing("LINDUNGI_ENV is not production",
                             "set LINDUNGI_ENV=production (Secure cookies, HSTS, start-up checks)"))
    base = str(config.get("BASE_URL") or "")
    parts = urlsplit(base)
    if base == DEFAULTS["BASE_URL"] or parts.scheme != "https" or not (
            parts.hostname or "").endswith(".go.id"):
        found.append(Missing(f"base URL {base!r} is not the site's https address on .go.id",
                             "set LINDUNGI_BASE_URL, e.g. https://lindungi.makassarkota.go.id"))
    if len(str(config.get("SECRET_KEY") or "")) < MIN_SECRET_KEY_LENGTH:
        found.append(Missing("secret key missing or too short",
                             f"set LINDUNGI_SECRET_KEY to {MIN_SECRET_KEY_LENGTH}+ random "
                             "characters, the same on every app server"))
    url = str(config.get("SQLALCHEMY_DATABASE_URI") or "")
    if url.startswith("sqlite") and not config.get("ALLOW_SQLITE_IN_PRODUCTION"):
        found.append(Missing("database is SQLite",
                             "set LINDUNGI_DATABASE_URL=postgresql+psycopg://... (or "
                             "LINDUNGI_ALLOW_SQLITE_IN_PRODUCTION=1 for one server)"))
    return found


def database_problems() -> list[Missing]:
    found: list[Missing] = []
    try:
        site = values.load()
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return [Missing("database cannot be read or is not migrated",
                        "check LINDUNGI_DATABASE_URL, then run flask --app lindungi db upgrade")]
    for setting in SETTINGS:
        if setting.launch and not site.get(setting.key):
            found.append(Missing(f"setting not filled in: {setting.label}",
                                 f"fill it in at {SETTINGS_PAGE}"))
    demo = {
        "articles": sa.select(sa.func.count(Article.id)).where(
            Article.is_demo.is_(True), Article.status == PublishStatus.PUBLISHED),
        "pages": sa.select(sa.func.count(Page.id)).where(Page.is_demo.is_(True)),
        "partner hospitals": sa.select(sa.func.count(PartnerHospital.id)).where(
            PartnerHospital.is_demo.is_(True), PartnerHospital.active.is_(True)),
    }
    for name, stmt in demo.items():
        count = db.session.scalar(stmt) or 0
        if count:
            found.append(Missing(f"{count} demo {name} still published",
                                 "rewrite and save them in the staff area, or remove them"))
    return found


def launch_problems() -> list[Missing]:
    return config_problems(current_app.config) + database_problems()


@click.command("launch-check")
@with_appcontext
def launch_check() -> None:
    """List what must be filled in before going live; exit 1 while anything is missing."""
    problems = launch_problems()
    if not problems:
        click.echo("Ready to launch: nothing is missing.")
        return
    click.echo(f"Not ready to launch: {len(problems)} thing(s) missing.")
    for problem in problems:
        click.echo(f"- {problem.what}: {problem.how}")
    raise SystemExit(1)
