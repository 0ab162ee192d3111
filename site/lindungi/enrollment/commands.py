"""`flask --app lindungi drafts purge`: delete expired drafts, save-and-return codes and the
messages that sent them. Run it daily (README, "Scheduled commands"); answers nobody sent should
not outlive their promise."""

from __future__ import annotations

import click

from lindungi.enrollment import resume, resume_messages
from lindungi.enrollment.blueprint import bp
from lindungi.extensions import db


@bp.cli.command("purge")
def purge() -> None:
    """Delete drafts and codes whose time has passed, and the messages that carried codes."""
    removed, codes = resume.purge_expired()
    messages = resume_messages.purge_old_messages()
    db.session.commit()
    click.echo(f"Deleted {removed} expired drafts and {codes} expired codes.")
    click.echo(f"Deleted {messages} messages with a code older than {resume.RESUME_DAYS} days.")
