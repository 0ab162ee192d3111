"""Every audit action has a label for the audit page, and the alert table names settings only
(a label put there by mistake left the action shown as its raw code)."""

from __future__ import annotations

from lindungi.audit import actions
from lindungi.config import DEFAULTS


def _action_codes() -> set[str]:
    return {value for name, value in vars(actions).items()
            if name.isupper() and isinstance(value, str) and "." in value}


def test_every_action_has_a_label() -> None:
    assert _action_codes() - set(actions.LABELS) == set()
    assert {"request.review_requested", "enrollment.window_close"} <= set(actions.LABELS)


def test_alerts_name_settings_that_exist() -> None:
    for action, setting in actions.ALERT_SETTINGS.items():
        assert action in actions.LABELS
        assert isinstance(setting, str) and setting in DEFAULTS
