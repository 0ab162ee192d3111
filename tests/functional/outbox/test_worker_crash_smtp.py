"""SMTP has no idempotency key: a worker killed between sending and recording an e-mail makes a
family get it at most once more. The real worker process, a real local SMTP server, two kills:
two copies arrive, the third run stops ("may have arrived already") instead of sending again."""

from __future__ import annotations

import signal
import subprocess
import time

from flask import Flask

from lindungi.outbox.models import AttemptOutcome, Channel, MessageState
from lindungi.paths import PROJECT_ROOT
from tests.functional.outbox.conftest import messages
from tests.functional.outbox.test_worker_process import (
    WORK,
    queue_one,
    start_worker,
    wait_for,
    worker_env,
)
from tests.support.outbox import smtp_server

A = AttemptOutcome


def test_an_email_is_sent_at_most_once_more_after_a_crash(app: Flask, make_request) -> None:
    queue_one(app, make_request, Channel.EMAIL, email="keluarga@example.com")
    with smtp_server() as server:
        env = worker_env(app, SMTP_URL=server.url, MAIL_FROM="info@example.go.id",
                         OUTBOX_LEASE_SECONDS="1", JSON_OUTBOX_TEST_PAUSE_AFTER_SEND="120")
        for copies in (1, 2):  # send, then die before recording it
            process = start_worker(env)
            try:
                wait_for(lambda copies=copies: len(server.messages) == copies)
            finally:
                process.send_signal(signal.SIGKILL)
                process.communicate(timeout=30)
            time.sleep(1.1)  # the dead worker's lease runs out
        env.pop("LINDUNGI_JSON_OUTBOX_TEST_PAUSE_AFTER_SEND")
        last = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
            [*WORK, "--once"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
            timeout=120, check=False)
        assert last.returncode == 0, last.stdout + last.stderr
    assert len(server.messages) == 2  # the original and at most one more copy
    assert len({email["Message-ID"] for _from, _to, email in server.messages}) == 1
    (message,) = messages(app)
    assert message.state is MessageState.FAILED
    assert [a.outcome for a in message.attempts] == [A.INTERRUPTED, A.INTERRUPTED, A.UNCERTAIN]
