"""Lindungi Makassar: the public website of Kota Makassar's protection program for vulnerable
workers. create_app() builds the Flask app; see README.md for the architecture map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from lindungi import (
    assets,
    cli,
    compression,
    config,
    database,
    errors,
    i18n,
    pagecache,
    requestlog,
    security,
    system,
    template_i18n,
    templating,
    urlmemo,
    versioned,
)
from lindungi import models as _all_models  # noqa: F401  (registers every table)
from lindungi.audit.blueprint import bp as audit_bp
from lindungi.editor.blueprint import bp as editor_bp
from lindungi.eligibility.blueprint import bp as eligibility_bp
from lindungi.enrollment.blueprint import bp as enrollment_bp
from lindungi.extensions import (
    babel,
    csrf,
    db,
    limit_decorated_views_only,
    limiter,
    login_manager,
    migrate,
)
from lindungi.htmx import LindungiRequest
from lindungi.outbox.blueprint import bp as outbox_bp
from lindungi.paths import INSTANCE_DIR, PROJECT_ROOT
from lindungi.protection import columns as protection_columns
from lindungi.protection.blueprint import bp as subjects_bp
from lindungi.protection.files import private_dir
from lindungi.public.blueprint import bp as public_bp
from lindungi.public.blueprint import site_bp
from lindungi.public_figures.blueprint import bp as figures_bp
from lindungi.review.blueprint import bp as review_bp
from lindungi.sessions import LindungiSessionInterface
from lindungi.site_settings.blueprint import bp as site_settings_bp
from lindungi.staff import sessions as staff_sessions
from lindungi.staff.blueprint import bp as staff_bp
from lindungi.urlargs import IdConverter

# Under /id/ and /en/ (i18n.register_localized), then those without a language.
LOCALIZED_BLUEPRINTS = (public_bp, eligibility_bp, enrollment_bp, figures_bp)
BLUEPRINTS = (system.bp, site_bp, staff_bp, review_bp, editor_bp, audit_bp, subjects_bp,
              site_settings_bp, outbox_bp)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.request_class = LindungiRequest
    app.session_interface = LindungiSessionInterface()
    app.config.from_mapping(config.flask_defaults())
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(config.from_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)
    _derive_settings(app)
    config.check_settings(app.config)
    config.check_production(app.config)

    if app.config["PROXY_HOPS"]:
        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    protection_columns.init_app(app)  # the keys for personal data at rest, checked at start
    db.init_app(app)
    # Batch mode lets the same migrations alter tables on SQLite as well as on PostgreSQL.
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent / "migrations"),
        render_as_batch=True, compare_type=True,
    )
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(PROJECT_ROOT / "translations"),
    )
    template_i18n.init_app(app)  # after Babel: its template callables, found once per request
    csrf.init_app(app)
    limiter.init_app(app)
    limit_decorated_views_only(app)
    # No context processor: public pages must not read the session (they stay cacheable).
    login_manager.init_app(app, add_context_processor=False)
    staff_sessions.init_app(app)
    database.configure_sqlite(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    urlmemo.init_app(app)  # after templating: the templates' url_for
    # Record ids in URLs: ASCII digits within the INTEGER column, else 404 (urlargs.IdConverter).
    app.url_map.converters["int"] = IdConverter
    for blueprint in LOCALIZED_BLUEPRINTS:
        i18n.register_localized(app, blueprint)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    cli.init_app(app)
    compression.init_app(app)
    # WSGI middlewares, innermost first: page cache, static files in front of it, request id
    # (and JSON request log) outermost.
    pagecache.init_app(app)
    versioned.init_app(app)  # query results per content version (public pages' reads)
    assets.init_app(app)
    requestlog.init_app(app)
    return app


def _derive_settings(app) -> None:
    cfg = app.config
    # The instance folder holds the keys (config.py) and the SQLite database: its owner only.
    private_dir(Path(app.instance_path))
    url = cfg.get("SQLALCHEMY_DATABASE_URI") or cfg["DATABASE_URL"]
    if not url:
        url = f"sqlite:///{Path(app.instance_path) / 'lindungi.sqlite3'}"
    cfg["SQLALCHEMY_DATABASE_URI"] = url
    cfg.setdefault("MEDIA_DIR", None)
    if not cfg["MEDIA_DIR"]:
        cfg["MEDIA_DIR"] = str(Path(app.instance_path) / "media")
    if not cfg.get("RATELIMIT_STORAGE_URI"):
        cfg["RATELIMIT_STORAGE_URI"] = cfg["REDIS_URL"] or "memory://"
    if cfg["ENV"] == "production":
        cfg["SESSION_COOKIE_SECURE"] = True
        # __Host-: the browser accepts the cookie only from this exact host over HTTPS, with
        # Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it.
        cfg["SESSION_COOKIE_NAME"] = "__Host-lindungi_session"
        cfg["SESSION_COOKIE_DOMAIN"] = None
        cfg["SESSION_COOKIE_PATH"] = "/"
        cfg["PREFERRED_URL_SCHEME"] = "https"
    if not cfg.get("SECRET_KEY") and cfg["ENV"] != "production":
        # Development without `make run` (which writes instance/config.py): a per-process key.
        # Sessions then end with the process, which is acceptable only off production.
        import secrets

        cfg["SECRET_KEY"] = secrets.token_hex(32)
