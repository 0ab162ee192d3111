"""Changing settings: write the rows that changed, audit which keys changed (their values are
public contact details and promises, not personal data, but the log keeps only names), flush.
The caller commits."""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from flask import g

from lindungi.audit import actions
from lindungi.content.models import ArticleText, PageText
from lindungi.content.prerender import prerender
from lindungi.core.promises import TOKENS, stored_keys
from lindungi.extensions import db
from lindungi.site_settings.models import SiteSetting


def save_settings(values: Mapping[str, str], *, actor_id: int | None = None) -> list[str]:
    """Store the given settings (unknown keys are refused); returns the keys that changed."""
    known = set(stored_keys())
    unknown = set(values) - known
    if unknown:
        raise KeyError(f"unknown settings: {', '.join(sorted(unknown))}")
    rows = {row.key: row for row in db.session.scalars(sa.select(SiteSetting))}
    changed: list[str] = []
    for key in stored_keys():
        if key not in values:
            continue
        new = values[key].strip()
        row = rows.get(key)
        if (row.value if row else "") == new:
            continue
        if row is None:
            row = SiteSetting(key=key, value=new)
            db.session.add(row)
        row.value = new
        row.updated_by_id = actor_id
        changed.append(key)
    if changed:
        actions.log(actions.SETTINGS_SAVED, actor_id=actor_id, target_type="settings",
                    changed=changed)
        db.session.flush()  # the new values, for the renderings below to read
        g.pop("site_values", None)  # this request's copy (site_settings.values.current)
        _render_again({key.removesuffix("_en") for key in changed} & set(TOKENS))
    db.session.flush()
    return changed


def _render_again(tokens: set[str]) -> None:
    """Store again the rendered bodies that show a changed setting (content.prerender); any
    missed would still be rendered afresh on display, as their stored key no longer matches."""
    if not tokens:
        return
    for model in (ArticleText, PageText):
        uses = sa.or_(*(model.body.contains(f"[[{token}]]") for token in sorted(tokens)))
        for text in db.session.scalars(sa.select(model).where(uses)):
            prerender(text)
