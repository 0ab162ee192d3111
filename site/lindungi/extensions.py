"""Extensions are created once here and bound to the app in create_app()."""

from __future__ import annotations

import enum

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

# Imported for its effect: ``memory://`` rate-limit storage without a thread per request.
from lindungi import ratelimit_memory  # noqa: F401


class Base(so.DeclarativeBase):
    # Named constraints let Alembic alter tables on SQLite (batch mode) and PostgreSQL alike.
    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def str_enum(cls: type[enum.Enum], length: int = 20) -> sa.Enum:
    """An enum column stored as its values in a VARCHAR (no native ENUM type), so adding a
    member needs no ALTER TYPE on PostgreSQL and reads the same on SQLite."""
    return sa.Enum(cls, native_enum=False, length=length,
                   values_callable=lambda members: [m.value for m in members])


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
# Storage is chosen in create_app: Redis when REDIS_URL is set (shared by every worker),
# memory otherwise (one process: development and tests).
limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Limits that apply to every request: Flask-Limiter's before-request check is what applies them.
WHOLE_APP_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def limit_decorated_views_only(app: Flask) -> None:
    """Leave out Flask-Limiter's check before every request when every limit is a decorator on
    its view (as here: the request form, the status look-up, sign-in), each of which checks
    itself. The before-request check is for default and application-wide limits; with none it
    found nothing to count, at about 0.1 ms a request, on every public page. With whole-app
    limits configured it stays."""
    if any(app.config.get(name) for name in WHOLE_APP_LIMITS):
        return
    app.before_request_funcs[None].remove(limiter._check_request_limit)

