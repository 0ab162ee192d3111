"""The worker as the real process `flask --app lindungi outbox work`: killed between send and
record it sends no second message to the idempotent gateway; SIGTERM lets it finish the message
in hand; tools/serve.sh (`make run`) stops the web server and the worker together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from lindungi.extensions import db
from lindungi.outbox import notices
from lindungi.outbox.models import AttemptOutcome, Channel, MessageKind, MessageState
from lindungi.paths import PROJECT_ROOT
from tests.functional.outbox.conftest import messages
from tests.support.outbox import gateway_stand_in
from tests.support.staff import load_request

A = AttemptOutcome


def worker_env(app: Flask, **settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LINDUNGI_")}
    env.update({"LINDUNGI_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                "LINDUNGI_SECRET_KEY": "test-secret-key", "LINDUNGI_OUTBOX_POLL_SECONDS": "1",
                # The recipient is sealed with the app's keys: the worker must hold the same.
                "LINDUNGI_DATA_KEYS": app.config["DATA_KEYS"],
                "LINDUNGI_INDEX_KEY": app.config["INDEX_KEY"],
                "PYTHONUNBUFFERED": "1"})
    env.update({f"LINDUNGI_{name}": value for name, value in settings.items()})
    return env


WORK = [sys.executable, "-m", "flask", "--app", "lindungi", "outbox", "work"]


def start_worker(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - fixed arguments, our own interpreter
        WORK, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def queue_one(app: Flask, make_request, channel: Channel = Channel.WHATSAPP, **fields: str
              ) -> None:
    request = make_request(notify_channel=channel, **fields)
    with app.app_context():
        row = load_request(app, request.id)
        db.session.add(row)
        notices.notify(row, MessageKind.RECEIVED)
        db.session.commit()
        db.engine.dispose()  # the worker processes open their own connections


def test_killed_between_send_and_record_no_second_message_reaches_the_family(
        app: Flask, make_request) -> None:
    queue_one(app, make_request)
    with gateway_stand_in() as gateway:
        env = worker_env(app, WHATSAPP_GATEWAY_URL=gateway.url, OUTBOX_LEASE_SECONDS="1",
                         JSON_OUTBOX_TEST_PAUSE_AFTER_SEND="120")
        first = start_worker(env)
        try:
            wait_for(lambda: len(gateway.posts) == 1)  # sent; now sleeping before recording
        finally:
            first.send_signal(signal.SIGKILL)
            first.communicate(timeout=30)
        (message,) = messages(app)
        assert message.state is MessageState.PENDING
        assert [a.outcome for a in message.attempts] == [A.STARTED]  # never recorded

        time.sleep(1.1)  # the dead worker's lease runs out
        env.pop("LINDUNGI_JSON_OUTBOX_TEST_PAUSE_AFTER_SEND")
        second = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
            [*WORK, "--once"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
            timeout=120, check=False)
        assert second.returncode == 0, second.stdout + second.stderr
    (message,) = messages(app)
    assert [post.headers["Idempotency-Key"] for post in gateway.posts] == [
        message.idempotency_key] * 2
    assert len(gateway.delivered) == 1  # the gateway dropped the repeat: one message arrived
    assert message.state is MessageState.SENT
    assert [a.outcome for a in message.attempts] == [A.INTERRUPTED, A.SENT]


def test_sigterm_finishes_the_message_in_hand_then_stops(app: Flask, make_request) -> None:
    queue_one(app, make_request)
    with gateway_stand_in() as gateway:
        worker = start_worker(worker_env(app, WHATSAPP_GATEWAY_URL=gateway.url,
                                         JSON_OUTBOX_TEST_PAUSE_AFTER_SEND="2"))
        try:
            wait_for(lambda: len(gateway.posts) == 1)
            worker.send_signal(signal.SIGTERM)
            output, _ = worker.communicate(timeout=60)
        finally:
            worker.kill()
    assert worker.returncode == 0, output
    assert "outbox worker stopped" in output
    (message,) = messages(app)
    assert message.state is MessageState.SENT


def children_of(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _worker_among(parent: int) -> int | None:
    for pid in children_of(parent):
        try:
            if b"outbox" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:  # ended meanwhile
            continue
    return None


@pytest.mark.parametrize("ending", ["terminate", "worker dies"])
def test_serve_script_stops_web_server_and_worker_together(app: Flask, ending: str) -> None:
    with app.app_context():
        db.engine.dispose()
    web = [sys.executable, "-c", "import time; time.sleep(300)"]  # stands in for gunicorn
    script = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        ["/bin/bash", str(PROJECT_ROOT / "tools" / "serve.sh"), *web], env=worker_env(app),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        # Both started, and the worker's forked shell has become the worker (on a busy machine
        # the child is still bash for a moment).
        wait_for(lambda: len(children_of(script.pid)) == 2 and _worker_among(script.pid))
        children = children_of(script.pid)
        if ending == "terminate":
            script.send_signal(signal.SIGTERM)
        else:
            worker = _worker_among(script.pid)
            assert worker is not None
            os.kill(worker, signal.SIGKILL)
        script.communicate(timeout=60)
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)
    assert all(gone(pid) for pid in children)
    if ending == "worker dies":
        assert script.returncode != 0  # make run ends with an error: something went wrong
