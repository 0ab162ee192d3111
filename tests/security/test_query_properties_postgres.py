"""The query-string property test of test_query_properties.py on PostgreSQL, every GET route,
against the world in a database of its own (tests/security/world.py), with
fuzzing.EXAMPLES examples each, as on SQLite."""

from __future__ import annotations

import pytest

from tests.security.test_query_properties import GET_ENDPOINTS, fuzz_query
from tests.security.world import World

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def world(pg_world: World) -> World:
    return pg_world


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_hostile_query_strings_on_postgres(world: World, endpoint: str) -> None:
    fuzz_query(world, endpoint)
