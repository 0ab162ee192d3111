"""`flask --app lindungi drafts purge`: delete expired drafts and save-and-return codes. Run it
daily (README, "Scheduled commands"); answers nobody sent should not outlive their promise."""

from __future__ import annotations

import click

from lindungi.enrollment import resume
from lindungi.enrollment.blueprint import bp
from lindungi.extensions import db


@bp.cli.command("purge")
def purge() -> None:
    """Delete drafts and codes whose time has passed."""
    removed, codes = resume.purge_expired()
    db.session.commit()
    click.echo(f"Deleted {removed} expired drafts and {codes} expired codes.")
