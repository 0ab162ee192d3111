"""gunicorn.conf.py: what `make run` serves with, read from the environment `make run` sets."""

from __future__ import annotations

import runpy

import pytest

from lindungi.paths import PROJECT_ROOT


def _settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    for name in ("HOST", "PORT", "WEB_CONCURRENCY", "LINDUNGI_BASE_URL"):
        # Set first so monkeypatch restores the variable the conf file may write.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))


def test_workers_and_address_come_from_the_environment(monkeypatch) -> None:
    found = _settings(monkeypatch, HOST="127.0.0.1", PORT="8123", WEB_CONCURRENCY="3")
    assert found["bind"] == ["127.0.0.1:8123"]
    assert found["workers"] == 3
    assert found["timeout"] and found["graceful_timeout"]


def test_base_url_defaults_to_the_address_served(monkeypatch) -> None:
    import os

    _settings(monkeypatch, PORT="8123")
    assert os.environ["LINDUNGI_BASE_URL"] == "http://127.0.0.1:8123"
    _settings(monkeypatch, HOST="0.0.0.0", PORT="8080")  # noqa: S104
    assert os.environ["LINDUNGI_BASE_URL"] == "http://127.0.0.1:8080"


def test_a_configured_base_url_is_kept(monkeypatch) -> None:
    import os

    _settings(monkeypatch, PORT="8123", LINDUNGI_BASE_URL="https://lindungi.makassarkota.go.id")
    assert os.environ["LINDUNGI_BASE_URL"] == "https://lindungi.makassarkota.go.id"


def test_access_log_has_the_path_without_query_string(monkeypatch) -> None:
    found = _settings(monkeypatch)
    fmt = str(found["access_log_format"])
    # %(U)s is the path alone; %(q)s, %(r)s and %(f)s/%(a)s would log the query, referrer, agent.
    assert "%(U)s" in fmt
    assert not any(code in fmt for code in ("%(q)s", "%(r)s", "%(f)s", "%(a)s"))
