"""Which staff actions ask for a recent sign-in (staff.reauth), written down: a new account
change or bulk download of personal data fails here until someone decides whether it needs it.

Not in the list, on purpose: the own password change (it asks for the current password itself),
the own language (a display preference), looking up one NIK and showing one request's NIK (each
audited, and volumes raise an alert), decisions, content and settings. The two-step set-up asks
only for its POST (turning it on); reading the page does not."""

from __future__ import annotations

from flask import Flask

NEEDS_RECENT_SIGN_IN = {
    # Accounts (admins), and the own two-step sign-in and recovery codes.
    "staff.new_account", "staff.account_role", "staff.account_password",
    "staff.account_disable", "staff.account_enable", "staff.account_two_factor_reset",
    "staff.two_factor", "staff.renew_recovery_codes",
    # Personal data in bulk, or changed or erased.
    "review.export_csv", "subjects.export", "subjects.correct", "subjects.erase",
}


def test_the_actions_behind_a_recent_sign_in(app: Flask) -> None:
    marked = {endpoint for endpoint, view in app.view_functions.items()
              if getattr(view, "needs_recent_sign_in", False)}
    assert marked == NEEDS_RECENT_SIGN_IN
