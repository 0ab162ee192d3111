"""The form property test of test_form_properties.py on PostgreSQL, every POST route: the world
in a database of its own, put back after every example that wrote (tests/security/world.py).
PostgreSQL refuses what SQLite stores (NUL in text, over-long values in sized columns), so a gap
in validation shows here as a 5xx. fuzzing.EXAMPLES examples each, as on SQLite."""

from __future__ import annotations

import pytest

from tests.security.crawl import forms_by_endpoint
from tests.security.discovery import FormSpec
from tests.security.test_form_properties import POST_ENDPOINTS, form_for, fuzz_form
from tests.security.world import World

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def world(pg_world: World) -> World:
    return pg_world


@pytest.fixture(scope="module")
def forms(world: World) -> dict[str, FormSpec]:
    return forms_by_endpoint(world)


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS)
def test_hostile_values_in_every_form_on_postgres(world: World, forms: dict[str, FormSpec],
                                                  endpoint: str) -> None:
    fuzz_form(world, form_for(world, forms, endpoint))
