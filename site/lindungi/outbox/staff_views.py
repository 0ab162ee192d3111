"""Admins see how messages are going: which channels are set up, how many wait, and every message
that was not delivered (including those that belong to no request, such as a saved draft's code
or a staff password notice); they can queue the undelivered ones again once a channel works."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.enrollment.models import EnrollmentRequest
from lindungi.extensions import db
from lindungi.forms import BaseForm
from lindungi.outbox import operations
from lindungi.outbox.blueprint import bp
from lindungi.outbox.channels import senders_from_config
from lindungi.outbox.labels import CHANNEL_LABELS, template_labels
from lindungi.outbox.masking import masked_recipient
from lindungi.outbox.models import MessageState, OutboxMessage
from lindungi.outbox.queries import state_counts
from lindungi.pagination import paginate
from lindungi.staff.access import require_roles
from lindungi.staff.models import Role

PAGE_SIZE = 50


class RetryForm(BaseForm):
    """Only the CSRF token: the button queues every undelivered message that has an address."""


def _page_url(page: int) -> str:
    return url_for("outbox.messages", page=page)


@bp.get("/pesan", endpoint="messages")
@require_roles(Role.ADMIN)
def messages() -> str:
    found = paginate(
        sa.select(OutboxMessage, EnrollmentRequest.reference)
        .outerjoin(EnrollmentRequest, OutboxMessage.request_id == EnrollmentRequest.id)
        .where(OutboxMessage.state == MessageState.FAILED)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()),
        PAGE_SIZE, staff=True, rows=True,
    )
    channels = sorted(str(CHANNEL_LABELS[channel])
                      for channel in senders_from_config(current_app.config))
    return render_template(
        "outbox/messages.html", counts=state_counts(), channels=channels, form=RetryForm(),
        undelivered=found.items, total=found.total, page=found.page,
        pages=max(1, found.pages), page_url=_page_url, masked=masked_recipient,
        retryable=operations.retryable_count(), **template_labels())


@bp.post("/pesan/kirim-lagi", endpoint="retry")
@require_roles(Role.ADMIN)
def retry() -> Response:
    if RetryForm(request.form).validate():
        queued = operations.retry_failed(actor_id=current_user.id)
        db.session.commit()
        flash(ngettext("%(num)s message will be sent again.",
                       "%(num)s messages will be sent again.", queued) if queued
              else _("No message could be queued again: each one lacks an address."), "success")
    return redirect(url_for("outbox.messages"), 303)
