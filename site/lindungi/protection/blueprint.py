"""/staf/data-pribadi: the admins' tools for a person's rights over their data."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("subjects", __name__, url_prefix="/staf/data-pribadi")


def blueprint() -> Blueprint:
    """The blueprint with its routes attached (the view module adds them on import)."""
    from lindungi.protection import subject_views  # noqa: F401

    return bp
