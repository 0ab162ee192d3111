"""The query-string property test of test_query_properties.py (300 examples per GET route) on
PostgreSQL, against the world in a database of its own (tests/security/world.py)."""

from __future__ import annotations

import pytest

from tests.security.test_query_properties import (  # noqa: F401 - collected here again
    test_hostile_query_strings,
)
from tests.security.world import World

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def world(pg_world: World) -> World:
    return pg_world
