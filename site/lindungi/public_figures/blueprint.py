"""Public programme figures, /<lang>/angka (page and CSV), from the snapshot that
`flask --app lindungi figures refresh` writes. Importing this module attaches the routes and the
command."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("figures", __name__, cli_group="figures")

from lindungi.public_figures import commands, views  # noqa: E402, F401  (routes, command)
