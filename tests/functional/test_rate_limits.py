"""Where rate limits are checked. Every limit of this site is a decorator on its view (the
request form, the status look-up, sign-in; their own tests count them exactly), so Flask-Limiter's
check before every request is left out; an installation that sets a whole-app limit keeps it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a process of its own: Flask-Limiter keeps an installation's default limits on its one
# Limiter object, which every app of the test process shares, so they would count on the pages
# of every later test in the same worker.
SCRIPT = """
import json, sys
from pathlib import Path
from lindungi import create_app
from tests.support.apps import base_config
app = create_app({**base_config(Path(sys.argv[1])), "RATELIMIT_DEFAULT": "2 per minute"})
client = app.test_client()
print(json.dumps([client.get("/healthz").status_code for _ in range(3)]))
"""


def test_a_whole_app_limit_set_by_an_installation_counts_every_request(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT,  # noqa: S603
                          capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [200, 200, 429]
