"""tools/restore_drill.sh (docs/deploy.md) against the throwaway PostgreSQL: a migrated database
with rows is dumped, restored into a scratch database and compared; a copy that differs fails."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from lindungi import create_app
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.support import postgres_apps
from tests.support.apps import base_config

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "restore_drill.sh"
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("LINDUNGI_TEST_POSTGRES_URL"),
                       reason="LINDUNGI_TEST_POSTGRES_URL is not set"),
]


def test_restore_drill_restores_every_row(tmp_path: Path) -> None:
    url = postgres_apps.create(postgres_apps.new_name("drill"))
    try:
        app = create_app({**base_config(tmp_path), "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            accounts.create_staff("drill@makassarkota.go.id", Role.ADMIN, "drill password 1")
            db.session.commit()
            db.engine.dispose()
        done = subprocess.run(["bash", str(SCRIPT), url], capture_output=True, text=True,  # noqa: S603, S607
                              check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "the restored copy matches" in done.stdout
        assert "staff_user 1" in done.stdout.splitlines()
        assert any(line.startswith("alembic_version ") and not line.endswith("none")
                   for line in done.stdout.splitlines())
        # The scratch database is gone afterwards.
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            names = connection.scalars(sa.text(
                "SELECT datname FROM pg_database WHERE datname LIKE 'restore_drill_%'")).all()
        engine.dispose()
        assert names == []
    finally:
        postgres_apps.drop(url)
