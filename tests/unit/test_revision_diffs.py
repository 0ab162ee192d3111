"""Revision snapshots compared field by field, and the pieces the difference view shows."""

from __future__ import annotations

from lindungi.content.revisions import (
    ARTICLE_FIELDS,
    Piece,
    changed_fields,
    inline_diff,
    line_diff,
    text_languages,
)


def test_changed_fields_in_form_order_and_empty_equals_missing() -> None:
    before = {"slug": "a", "id.title": "Judul", "en.caption": "", "extra": 1}
    after = {"slug": "b", "id.title": "Judul baru", "extra": 2}
    assert changed_fields(before, after, ARTICLE_FIELDS) == ["id.title", "slug", "extra"]
    assert changed_fields({}, {"id.title": "X", "en.title": ""}, ARTICLE_FIELDS) == ["id.title"]
    assert changed_fields(after, after, ARTICLE_FIELDS) == []


def test_inline_diff_marks_words() -> None:
    assert inline_diff("Jadwal verifikasi data", "Jadwal baru verifikasi") == [
        Piece("same", "Jadwal"), Piece("ins", "baru"), Piece("same", "verifikasi"),
        Piece("del", "data"),
    ]
    assert inline_diff("", "Baru") == [Piece("ins", "Baru")]


def test_line_diff_keeps_context_and_shrinks_long_unchanged_stretches() -> None:
    old = "\n".join(f"baris {n}" for n in range(1, 11))
    new = old.replace("baris 6", "baris enam")
    pieces = line_diff(old, new, context=2)
    assert [p.kind for p in pieces] == ["gap", "same", "same", "del", "ins", "same", "same", "gap"]
    assert pieces[3:5] == [Piece("del", "baris 6"), Piece("ins", "baris enam")]
    assert line_diff("satu", "satu") == [Piece("same", "satu")]


def test_text_languages_from_a_snapshot() -> None:
    assert text_languages({"id.title": "A", "en.title": "B"}) == ["id", "en"]
    assert text_languages({"id.title": "A", "slug": "a"}) == ["id"]
