"""Helpers for the editor's tests (functional and browser): form values, posting the article
form, pictures made in the test, and reading articles back."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import TestResponse, encode_multipart

from lindungi.content.models import Article, ArticleText
from lindungi.extensions import db


def article_values(**overrides: Any) -> dict[str, Any]:
    """A complete, valid article form (Indonesian only, a draft)."""
    values: dict[str, Any] = {
        "id_title": "Jadwal Verifikasi Data Peserta",
        "id_summary": "Petugas kelurahan memeriksa data peserta mulai pekan depan.",
        "id_body": "Petugas akan datang ke kelurahan.\n\n## Yang dibawa\n\n- KTP\n- KK",
        "category": "service",
        "state": "draft",
        "action": "save",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def english_values(**overrides: Any) -> dict[str, Any]:
    values = {
        "en_title": "Participant Data Checks",
        "en_summary": "Kelurahan staff check participants' data from next week.",
        "en_body": "Staff will come to the kelurahan.\n\n## What to bring\n\n- ID card",
    }
    values.update(overrides)
    return values


def post_article(
    client: FlaskClient, path: str = "/staf/berita/baru", **values: Any
) -> TestResponse:
    """POST the article form as a browser would (multipart), with the client's CSRF token.

    The body is encoded in memory: the test client spools a large one to a temporary file
    that nobody closes when the server refuses it before reading (413)."""
    data: dict[str, Any] = {"csrf_token": client.token}
    for key, value in values.items():
        if isinstance(value, tuple):
            stream, name = value
            value = FileStorage(stream=stream, filename=name)
        data[key] = value
    boundary, body = encode_multipart(data)
    return client.post(path, data=body,
                       content_type=f'multipart/form-data; boundary="{boundary}"')


def picture(width: int = 800, height: int = 450, fmt: str = "PNG", **save: Any) -> bytes:
    image = Image.new("RGB", (width, height), (11, 110, 105))
    for x in range(0, width, 40):  # some detail, so the encoders have work to do
        image.paste((243, 233, 210), (x, 0, x + 20, height // 2))
    buffer = BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "sampul.jpg") -> tuple[BytesIO, str]:
    return BytesIO(data), name


def article_by_title(app: Flask, title: str) -> Article:
    """The article (detached, texts and cover loaded) whose Indonesian title is `title`."""
    with app.app_context():
        article = db.session.scalar(
            sa.select(Article).join(ArticleText).where(ArticleText.title == title))
        assert article is not None, f"no article titled {title!r}"
        _ = article.cover, list(article.texts)
        db.session.expunge_all()
        return article


def load_article(app: Flask, article_id: int) -> Article:
    with app.app_context():
        article = db.session.get(Article, article_id)
        assert article is not None
        _ = article.cover, list(article.texts)
        db.session.expunge_all()
        return article
