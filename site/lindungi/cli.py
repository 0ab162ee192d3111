"""`flask --app lindungi ...` commands: demo content and staff accounts.

The account commands write audit rows like the admin screens do (staff.accounts records them,
marked "via": "cli", with no actor since nobody is signed in)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from lindungi.extensions import db
from lindungi.outbox.cli import outbox_cli
from lindungi.staff import accounts, twofactor
from lindungi.staff.models import Role

staff_cli = AppGroup("staff", help="Manage city staff accounts.")


@contextmanager
def account_change() -> Iterator[None]:
    """Run one account operation: its refusal becomes the command's error, success commits."""
    try:
        yield
    except accounts.AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()


def _password_prompt() -> str:
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@staff_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="", help="Name shown to other staff.")
def create_staff(email: str, role: str, name: str) -> None:
    """Create a staff account; the password is asked twice and never echoed."""
    password = _password_prompt()
    with account_change():
        user = accounts.create_staff(email, Role(role), password, name=name)
    click.echo(f"Created {user.role.value} account {user.email}.")


def _activation_command(name: str, *, active: bool, help_text: str, done: str) -> click.Command:
    """`staff disable` and `staff enable`: one account operation, two directions."""

    @staff_cli.command(name, help=help_text)
    @click.argument("email")
    def command(email: str) -> None:
        with account_change():
            accounts.set_active(email, active=active)
        click.echo(f"{done} {email}.")

    return command


disable_staff = _activation_command(
    "disable", active=False, help_text="Disable an account and end all its sessions.",
    done="Disabled",
)
enable_staff = _activation_command(
    "enable", active=True, help_text="Enable a disabled account again (it signs in afresh).",
    done="Enabled",
)


@staff_cli.command("set-role")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
def set_role(email: str, role: str) -> None:
    """Change an account's role and end its sessions."""
    with account_change():
        accounts.set_role(email, Role(role))
    click.echo(f"{email} is now {role}.")


@staff_cli.command("reset-password")
@click.argument("email")
def reset_password(email: str) -> None:
    """Set a new password (asked twice) and end the account's sessions; the owner is e-mailed
    and must choose a new password at the next sign-in."""
    password = _password_prompt()
    with account_change():
        accounts.reset_password(email, password)
    click.echo(f"Password changed for {email}; it must be changed at the next sign-in.")


@staff_cli.command("reset-two-factor")
@click.argument("email")
def reset_two_factor(email: str) -> None:
    """Turn off two-step sign-in (a lost phone, no recovery code left, no other admin) and end
    the account's sessions; a reviewer or admin sets it up again at the next sign-in."""
    with account_change():
        user = accounts.find_account(email)
        twofactor.reset(user, actor_id=None)
    click.echo(f"Two-step sign-in reset for {email}.")


@click.command("seed-demo")
@click.option("--with-requests", is_flag=True,
              help="Also add sample enrollment requests (obviously invented; never in production).")
@click.option("--if-empty", is_flag=True, help="Only when the site has no content yet.")
@with_appcontext
def seed_demo(if_empty: bool, with_requests: bool = False) -> None:
    """Load the demo articles, pages and partner hospital (idempotent), marked as demo.
    With LINDUNGI_ENV=production nothing of it is published."""
    from lindungi.demo.seed import seed_demo as run_seed

    production = current_app.config["ENV"] == "production"
    summary = run_seed(only_if_empty=if_empty, production=production)
    db.session.commit()
    click.echo(summary)
    if with_requests:
        _seed_sample_requests(production)


def _seed_sample_requests(production: bool) -> None:
    from lindungi.demo.requests import ProductionRefused, seed_requests

    try:
        summary = seed_requests(production=production)
    except ProductionRefused:
        raise click.ClickException(
            "Sample requests are never added with LINDUNGI_ENV=production.") from None
    db.session.commit()
    click.echo(summary)


@click.group("content")
def content_cli() -> None:
    """Published content."""


@content_cli.command("render")
@with_appcontext
def render_content() -> None:
    """Store the rendered HTML of texts whose stored rendering is missing or out of date."""
    from lindungi.content.prerender import render_stale

    count = render_stale()
    db.session.commit()
    click.echo(f"{count} texts rendered")


def init_app(app: Flask) -> None:
    from lindungi.protection.cli import keys_cli, privacy_cli
    from lindungi.site_settings.launch import launch_check

    app.cli.add_command(staff_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(keys_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(content_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(launch_check)
