"""The staff menu, shown on every /staf page (templating registers it as a template global)."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

# The staff menu: an entry shows when its endpoint exists and the signed-in role may open it
# (read from the roles its view declares). Other capabilities add their line here.
NAVIGATION = (
    ("review.dashboard", _l("Overview")),
    ("review.queue", _l("Enrollment requests")),
    ("editor.articles", _l("News")),
    ("editor.pages", _l("Pages")),
    ("site_settings.edit", _l("Site settings")),
    ("staff.accounts_list", _l("Staff accounts")),
    ("staff.enrollment_window", _l("New requests")),
    ("outbox.messages", _l("Messages")),
    ("audit.log", _l("Audit log")),
    ("subjects.search", _l("Personal data requests")),
)


def staff_navigation() -> list[tuple[str, object]]:
    """(endpoint, label) of the menu entries the signed-in staff member may open."""
    if not current_user.is_authenticated:
        return []
    entries = []
    for endpoint, label in NAVIGATION:
        view = current_app.view_functions.get(endpoint)
        if view is not None and current_user.role in getattr(view, "required_roles", ()):
            entries.append((endpoint, label))
    return entries
