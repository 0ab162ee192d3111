"""`flask --app lindungi figures refresh`: run on a schedule (README, "Scheduled commands")."""

from __future__ import annotations

import click

from lindungi.extensions import db
from lindungi.public_figures import refresh as refreshing
from lindungi.public_figures.blueprint import bp


@bp.cli.command("refresh")
def refresh() -> None:
    """Count the requests again and publish the figures (small counts hidden)."""
    rows = refreshing.refresh()
    db.session.commit()
    click.echo(f"Public figures refreshed: {rows} rows.")
