"""`flask --app lindungi outbox work`: the worker process (`make run` starts it beside gunicorn).

`--once` sends what is due now and exits (tests, or cron instead of a long-running process).
SIGTERM or Ctrl-C stop the loop after the message in hand is recorded.
"""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from lindungi.extensions import db
from lindungi.outbox.channels import senders_from_config
from lindungi.outbox.operations import retry_failed
from lindungi.outbox.worker import OutboxWorker, Settings

outbox_cli = AppGroup("outbox", help="Messages to families: the worker and its queue.")


def make_worker() -> OutboxWorker:
    config = current_app.config
    return OutboxWorker(senders_from_config(config), Settings.from_config(config))


@outbox_cli.command("work")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def work(once: bool) -> None:
    """Send queued messages, with retries, until stopped (SIGTERM or Ctrl-C)."""
    worker = make_worker()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    channels = ", ".join(sorted(channel.value for channel in worker.senders)) or "none"
    click.echo(f"outbox worker {worker.name}: channels configured: {channels}")
    if once:
        handled = worker.run_until_idle(stop)
        click.echo(f"outbox worker: {handled} message(s) handled")
        return
    worker.run(stop, float(current_app.config["OUTBOX_POLL_SECONDS"]))
    click.echo("outbox worker stopped")


@outbox_cli.command("retry")
def retry() -> None:
    """Queue every undelivered message again (e.g. after a channel was configured)."""
    queued = retry_failed(actor_id=None, via="cli")
    db.session.commit()
    click.echo(f"{queued} message(s) queued again")
