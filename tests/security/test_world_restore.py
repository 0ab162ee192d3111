"""The fuzzing world's restore (tests/security/world.py) on both databases: after a write, the
rows and the ids the next insert gets are as they were when the world was saved, and the tables
written in between are known. The property tests' check that a refusal changes no row relies on
it."""

from __future__ import annotations

import pytest

from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.security.fuzzing import row_counts
from tests.security.world import World
from tests.support.apps import STAFF_PASSWORD


def _new_account_id(world: World, email: str) -> int:
    with world.app.app_context():
        user = accounts.create_staff(email, Role.REVIEWER, STAFF_PASSWORD)
        db.session.commit()
        made = user.id
        db.session.remove()
    return made


@pytest.mark.parametrize("name", ["world", pytest.param("pg_world", marks=pytest.mark.postgres)])
def test_restore_puts_rows_and_sequences_back(request: pytest.FixtureRequest, name: str) -> None:
    world: World = request.getfixturevalue(name)
    world.restore()
    saved = row_counts(world.app)
    world.changed()
    assert world.written_tables() == set()
    first = _new_account_id(world, "restore-1@makassarkota.go.id")
    assert world.changed()
    # The property tests check only the tables an example wrote.
    assert "staff_user" in (world.written_tables() or set())
    assert row_counts(world.app) != saved
    world.restore()
    assert not world.changed()
    assert world.written_tables() == set()
    assert row_counts(world.app) == saved
    assert _new_account_id(world, "restore-2@makassarkota.go.id") == first
    world.restore()
    assert row_counts(world.app) == saved
