"""The notice tests read the demo privacy page (seeded once, copied per test)."""

from tests.public_fixtures import (  # noqa: F401 - fixtures
    make_seeded_app,
    seeded_files,
)
