"""The form property tests of test_form_properties.py, the same functions with the same 300
examples per POST route, on PostgreSQL: the world in a database of its own, copied back from a
template database after every example that wrote (tests/security/world.py). PostgreSQL refuses
what SQLite stores (NUL in text, over-long values in sized columns), so a gap in validation shows
here as a 5xx."""

from __future__ import annotations

import pytest

from tests.security.test_form_properties import (  # noqa: F401 - collected here again
    forms,
    test_every_post_route_has_a_form_on_a_page,
    test_hostile_values_in_every_form,
)
from tests.security.world import World

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def world(pg_world: World) -> World:
    return pg_world
