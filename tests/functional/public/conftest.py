"""Public pages are tested against the demo content (seeded once, copied per test)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask


@pytest.fixture
def app(make_seeded_app: Callable[..., Flask]) -> Flask:
    return make_seeded_app()
