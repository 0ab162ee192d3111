"""Public pages are tested against the demo content (seeded once, copied per test)."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.public_fixtures import (  # noqa: F401 - fixtures
    BASE_URL,
    FIXED_NOW,
    make_seeded_app,
    public_app,
    seeded_files,
)


@pytest.fixture
def app(public_app: Flask) -> Flask:  # noqa: F811 - the fixture, imported above
    return public_app
