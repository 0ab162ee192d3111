"""`flask --app lindungi keys ...` and `flask --app lindungi privacy purge`."""

from __future__ import annotations

from dataclasses import asdict

import click
from flask.cli import AppGroup

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.protection import retention, rotation
from lindungi.protection.crypto import new_key, new_key_id
from lindungi.timeutil import utcnow

keys_cli = AppGroup("keys", help="Keys that seal personal data at rest.")
privacy_cli = AppGroup("privacy", help="Retention of personal data.")


@keys_cli.command("new")
def new_keys() -> None:
    """Print a fresh data key and index key, as settings (put them in the secret store)."""
    click.echo(f"LINDUNGI_DATA_KEYS={new_key_id()}:{new_key()}")
    click.echo(f"LINDUNGI_INDEX_KEY={new_key()}")
    click.echo("To rotate, put the new data key first and keep the old ones after it, "
               "separated by commas; then run `flask --app lindungi keys rotate`.")


@keys_cli.command("rotate")
def rotate_keys() -> None:
    """Seal every value again with the current (first) data key and recompute the blind
    indexes; afterwards the older keys can be removed from LINDUNGI_DATA_KEYS."""
    report = rotation.rotate()
    actions.log(actions.KEYS_ROTATED, target_type="keys", values=report.values,
                rows=report.total_rows)
    db.session.commit()
    click.echo(f"Sealed {report.values} values again in {report.total_rows} rows "
               f"({', '.join(f'{t}: {n}' for t, n in sorted(report.rows.items())) or 'none'}).")


@privacy_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what is due without changing anything.")
def purge(dry_run: bool) -> None:
    """Delete requests past their retention period (keeping anonymous counts), expired drafts
    and saved searches, and old audit details. Run it daily (see README.md)."""
    kept = retention.periods()
    for kind in kept.unset():
        # The site states no period for these, so none of them is due: say so on every run.
        click.echo(f"Skipped {kind}: their retention period is not set (fill it in at "
                   f"/staf/pengaturan); none of them were deleted.")
    report = retention.purge(utcnow(), kept)
    counts = ", ".join(f"{name.replace('_', ' ')}: {count}"
                       for name, count in asdict(report).items())
    if dry_run:
        db.session.rollback()
        click.echo(f"Due (nothing changed): {counts}.")
        return
    db.session.commit()
    click.echo(f"Purged: {counts}.")
