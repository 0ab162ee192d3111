"""The audit log for admins: read-only, newest first, filtered by action, staff member and day."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField

from lindungi.audit import actions, details
from lindungi.audit.blueprint import bp
from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.forms import GetForm
from lindungi.pagination import paginate
from lindungi.review.forms import iso_date
from lindungi.review.queries import wita_day_start
from lindungi.staff.access import require_roles
from lindungi.staff.models import Role, StaffUser
from lindungi.urlargs import parse_id

PAGE_SIZE = 50


def action_choices() -> list[tuple[str, str]]:
    stored = db.session.scalars(sa.select(AuditEvent.action).distinct()).all()
    names = sorted(set(actions.LABELS) | set(stored), key=actions.label)
    return [("", _("All actions"))] + [(name, actions.label(name)) for name in names]


def actor_choices() -> list[tuple[str, str]]:
    staff = db.session.execute(sa.select(StaffUser.id, StaffUser.email)
                               .order_by(StaffUser.email)).all()
    return [("", _("Everyone"))] + [(str(row.id), row.email) for row in staff]


class AuditFilterForm(GetForm):
    action = SelectField(_l("Action"), choices=action_choices, validate_choice=False)
    actor = SelectField(_l("Staff member"), choices=actor_choices, validate_choice=False)
    since = StringField(_l("From"), validators=[iso_date])
    until = StringField(_l("Until"), validators=[iso_date])

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        found: list[sa.ColumnElement[bool]] = []
        if self.action.data:
            found.append(AuditEvent.action == self.action.data[:40])
        actor = parse_id(self.actor.data)
        if actor is not None:
            found.append(AuditEvent.actor_id == actor)
        since = getattr(self.since, "parsed", None)
        until = getattr(self.until, "parsed", None)
        if since:
            found.append(AuditEvent.at >= wita_day_start(since))
        if until:
            found.append(AuditEvent.at < wita_day_start(until + timedelta(days=1)))
        return found


def _page_url(page: int) -> str:
    args = {k: v for k, v in request.args.items() if v and k != "page"}
    return url_for("audit.log", page=page, **args)


@bp.get("/audit", endpoint="log")
@require_roles(Role.ADMIN)
def audit_log() -> str:
    form = AuditFilterForm(formdata=request.args)
    form.validate()
    found = paginate(
        sa.select(AuditEvent, StaffUser.email)
        .outerjoin(StaffUser, AuditEvent.actor_id == StaffUser.id)
        .where(*form.conditions())
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()),
        PAGE_SIZE, staff=True, rows=True,
    )
    return render_template("audit/log.html", form=form, events=found.items, total=found.total,
                           page=found.page, pages=max(1, found.pages), page_url=_page_url,
                           label=actions.label,
                           details=details.describe, target=details.target)
