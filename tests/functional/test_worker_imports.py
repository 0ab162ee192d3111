"""A web worker holds only what serving needs: modules used by rare staff actions are imported
when used (zxcvbn's word lists alone take about 14 MB per worker)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.apps import base_config

PROBE = """
import json, sys
from lindungi import create_app
create_app(json.loads(sys.argv[1]))
print(json.dumps(sorted(name for name in ("zxcvbn",) if name in sys.modules)))
"""


def test_creating_the_app_does_not_import_the_password_word_lists(tmp_path: Path) -> None:
    import json

    config = {**base_config(tmp_path), "STATIC_BUILD_DIR": str(tmp_path / "static-build")}
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(config)],  # noqa: S603
                            capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_password_check_still_uses_them() -> None:
    from lindungi.staff.guessable import too_guessable

    assert too_guessable("password123") and not too_guessable("kapal layar merah 4 tiang")
