"""Every kind of message reads in both languages, holds the reference and the link, and nothing
else can be put into it."""

from __future__ import annotations

import pytest
from flask import Flask

from lindungi.core.reference import new_reference
from lindungi.outbox.models import MessageKind
from lindungi.outbox.texts import SUBJECTS, compose

LINK = "https://lindungi.makassarkota.go.id/id/status"


# The request kinds; RESUME_LINK below; the staff kinds are in outbox.staff_notices.
@pytest.mark.parametrize("kind", list(SUBJECTS))
def test_every_kind_reads_in_both_languages(app: Flask, kind: MessageKind) -> None:
    reference = new_reference()
    with app.app_context():
        texts = {lang: compose(kind, lang, reference, LINK) for lang in ("id", "en")}
        email = compose(kind, "id", reference, LINK, email=True)
    assert texts["id"] != texts["en"]  # translated, not the English msgid
    for text in texts.values():
        assert reference in text.subject and reference in text.body and LINK in text.body
        assert "%(" not in text.body and "\n" not in text.body
        assert len(text.body) <= 320  # at most two SMS segments, even in Indonesian
    assert email.body.startswith(texts["id"].body + "\n\n")
    assert "gratis" in email.body  # the e-mail footer: registration is free


@pytest.mark.parametrize("value", ["7371014508800001", "Siti Aminah", "LM-7K3Q-9F2Y",
                                   "<b>LM</b>", ""])
def test_only_a_valid_reference_goes_into_a_message(app: Flask, value: str) -> None:
    with app.app_context(), pytest.raises(ValueError, match="reference"):
        compose(MessageKind.RECEIVED, "id", value, LINK)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://x.example/status?nik=1",
                                  "https://x.example/<b>", "ftp://x.example/status"])
def test_only_a_plain_web_link_goes_into_a_message(app: Flask, link: str) -> None:
    with app.app_context(), pytest.raises(ValueError, match="link"):
        compose(MessageKind.RECEIVED, "id", new_reference(), link)
