"""The demo content package (site/lindungi/demo): articles, pages, hospitals and covers.

Pure checks on files: no Flask app, no database.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from lindungi.content.figures import formatted_figures
from lindungi.content.models import Category
from lindungi.content.rendering import replace_tokens
from lindungi.content.sections import PAGE_KEYS, SLUG_MAX
from lindungi.core.parameters import figures
from lindungi.core.promises import TOKENS
from lindungi.demo.loader import (
    ALLOWED_LINK_PATHS,
    ARTICLES_DIR,
    COVERS_DIR,
    KNOWN_TOKENS,
    PAGES_DIR,
    DemoArticle,
    DemoPage,
    cover_names,
    cover_path,
    find_links,
    find_tokens,
    load_articles,
    load_hospitals,
    load_pages,
    split_faq,
)

WITA = timezone(timedelta(hours=8))
LEAD_SLUG = "penandatanganan-kerja-sama-rs-primaya"


@pytest.fixture(scope="module")
def articles() -> list[DemoArticle]:
    return load_articles()


@pytest.fixture(scope="module")
def pages() -> dict[str, DemoPage]:
    return {p.key: p for p in load_pages()}


def _article_texts(articles: list[DemoArticle]):
    for a in articles:
        for lang in ("id", "en"):
            t = getattr(a, lang)
            if t is None:
                continue
            for field in ("title", "summary", "body", "cover_alt", "cover_caption"):
                value = getattr(t, field)
                if value:
                    yield f"{a.source_file} [{lang}].{field}", lang, value


def _page_texts(pages: dict[str, DemoPage]):
    for p in pages.values():
        for lang in ("id", "en"):
            t = getattr(p, lang)
            for field in ("title", "summary", "body"):
                yield f"{p.source_file} [{lang}].{field}", lang, getattr(t, field)


def _all_texts(articles, pages):
    yield from _article_texts(articles)
    yield from _page_texts(pages)


# ---------------------------------------------------------------- articles


def test_enough_articles(articles):
    assert len(articles) >= 8
    assert len(articles) >= 10  # the brief asks for at least ten


def test_lead_article_is_the_primaya_signing(articles):
    lead = next(a for a in articles if a.slug == LEAD_SLUG)
    # The press reported the signing at 13.20 WIB (UTC+7): 14.20 WITA in Makassar.
    assert lead.published_at == datetime(2026, 2, 13, 14, 20, tzinfo=WITA)
    assert lead.published_at.utcoffset() == timedelta(hours=8)  # WITA, not WIB
    assert lead.category == "partnerships"
    assert lead.cover == "primaya-signing"
    assert lead.en is not None
    assert "Munafri Arifuddin" in lead.id.body
    assert "Balai Kota" in lead.id.body


def test_dates_in_the_demo_window(articles):
    start = datetime(2025, 9, 1, tzinfo=WITA)
    end = datetime(2026, 11, 20, 23, 59, 59, tzinfo=WITA)
    for a in articles:
        assert a.published_at.tzinfo is not None, a.source_file
        assert start <= a.published_at <= end, a.source_file
        if a.updated_at:
            assert a.published_at <= a.updated_at <= end, a.source_file


def test_file_order_is_chronological(articles):
    assert [a.source_file for a in articles] == sorted(a.source_file for a in articles)


def test_every_category_used(articles):
    assert {a.category for a in articles} == set(Category)


def test_most_articles_have_english(articles):
    with_en = [a for a in articles if a.en is not None]
    without = [a for a in articles if a.en is None]
    assert len(with_en) >= 0.75 * len(articles)
    assert 1 <= len(without) <= 2  # some show the Indonesian text with a notice
    for a in without:
        assert a.text("en") is a.id


def test_at_most_one_pinned(articles):
    pinned = [a for a in articles if a.pinned_until is not None]
    assert len(pinned) <= 1
    for a in pinned:
        assert a.pinned_until > a.published_at


def test_covers_known_and_described(articles):
    without_cover = [a for a in articles if a.cover is None]
    assert 1 <= len(without_cover) <= 2
    for a in articles:
        if a.cover is None:
            continue
        assert a.cover in cover_names(), a.source_file
        for t in (a.id, a.en):
            if t is not None:
                assert t.cover_alt and len(t.cover_alt) <= 300, a.source_file
                assert t.cover_caption and len(t.cover_caption) <= 300, a.source_file


def test_article_text_lengths(articles):
    for a in articles:
        assert len(a.slug) <= SLUG_MAX
        for t in (a.id, a.en):
            if t is None:
                continue
            assert len(t.title) <= 200, a.source_file
            assert len(t.summary) <= 200, a.source_file
            words = len(re.findall(r"\w+", t.body))
            assert 150 <= words <= 400, f"{a.source_file}: {words} words"


def test_illustrative_claim_story_is_labelled(articles):
    story = next(a for a in articles if a.slug.startswith("ilustrasi-"))
    assert story.category == "claims"
    assert story.id.title.startswith("Ilustrasi")
    assert "ilustrasi" in story.id.body.lower()
    assert story.en is not None and "illustration" in story.en.body.lower()


# ---------------------------------------------------------------- covers


def test_every_cover_file_is_used_by_an_article(articles):
    assert len(cover_names()) >= 10
    assert sorted(a.cover for a in articles if a.cover) == cover_names()


@pytest.mark.parametrize("name", cover_names())
def test_cover_file_is_a_small_1200x675_webp(name):
    path = cover_path(name)
    assert path.parent == COVERS_DIR
    with Image.open(path) as image:
        assert image.format == "WEBP"
        assert image.size == (1200, 675)
        assert image.mode == "RGB"
    # Lossless but flat colours: small enough to commit, re-encoded at several widths by the seed.
    assert path.stat().st_size < 40 * 1024


# ---------------------------------------------------------------- tokens and links


def test_every_token_known(articles, pages):
    for where, _lang, text in _all_texts(articles, pages):
        for token in find_tokens(text):
            assert token in KNOWN_TOKENS, f"{where}: [[{token}]]"


def test_raw_files_have_only_known_tokens():
    """Independent of the loader: scan the TOML source text."""
    for path in sorted([*ARTICLES_DIR.glob("*.toml"), *PAGES_DIR.glob("*.toml")]):
        for token in re.findall(r"\[\[([^\]]*)\]\]", path.read_text(encoding="utf-8")):
            assert token in KNOWN_TOKENS, f"{path.name}: [[{token}]]"


def test_every_internal_link_allowed(articles, pages):
    seen = 0
    for where, lang, text in _all_texts(articles, pages):
        for target in find_links(text):
            seen += 1
            assert target.startswith(f"/{lang}/"), f"{where}: {target}"
            article = target.removeprefix(f"/{lang}/berita/")
            if article != target:  # a link to another demo article must name one that exists
                assert article in {a.slug for a in articles}, f"{where}: {target}"
                continue
            assert target[len(lang) + 1 :] in ALLOWED_LINK_PATHS, f"{where}: {target}"
    assert seen > 20


# Figures the site formats from its parameters module must never be typed in content.
TYPED_FIGURES = [
    (re.compile(r"Rp\s?\d"), "typed rupiah amount"),
    (re.compile(r"Rp\s?\[\["), "'Rp' before a money token (tokens render with Rp)"),
    (re.compile(r"\b2\s?[x×]\s?24\b"), "typed 2 x 24 hours: use [[report_deadline_hours]]"),
    (re.compile(r"\b(48|175)\b"), "typed report deadline or call-centre number"),
    (re.compile(r"\b(16[.,]800|36[.,]800|42[.,]000[.,]000)\b"), "typed contribution/benefit"),
    (re.compile(r"desil 1\s?[–-]\s?4|deciles? 1\s?[–-]\s?4", re.I), "typed decile limit"),
    (re.compile(r"\b18\s?[–-]\s?65\b"), "typed age range"),
]


def test_no_typed_program_figures(articles, pages):
    for where, _lang, text in _all_texts(articles, pages):
        for pattern, why in TYPED_FIGURES:
            assert not pattern.search(text), f"{where}: {why}"


# ---------------------------------------------------------------- pages


def test_all_pages_present_in_both_languages(pages):
    assert set(pages) == set(PAGE_KEYS)
    for p in pages.values():
        assert p.id.title and p.en.title and p.id.body and p.en.body


def test_faq_has_10_to_14_questions(pages):
    for lang in ("id", "en"):
        items = split_faq(getattr(pages["faq"], lang).body)
        assert 10 <= len(items) <= 14, lang
        assert all(q and answer for q, answer in items), lang
    assert len(split_faq(pages["faq"].id.body)) == len(split_faq(pages["faq"].en.body))
    # The decision time is a promise only once staff set it: a token, never a typed number.
    assert "[[decision_working_days]] hari kerja" in pages["faq"].id.body
    assert "[[decision_working_days]] working days" in pages["faq"].en.body
    assert "14 hari kerja" not in pages["faq"].id.body


def test_pages_leave_tables_to_the_site(pages):
    for key in ("manfaat", "klaim"):
        for lang in ("id", "en"):
            body = getattr(pages[key], lang).body
            assert not re.search(r"^\s*\|", body, re.M), f"{key} [{lang}] has a Markdown table"
    for lang in ("id", "en"):
        # the partner-hospital list (addresses, hours) is rendered from the hospital table
        assert "Aroepala" not in getattr(pages["klaim"], lang).body


def test_claim_guide_covers_the_essentials(pages):
    body = pages["klaim"].id.body
    for needle in ("[[report_deadline_hours]]", "KPJ", "KTP", "darurat", "PLKK"):
        assert needle in body


def test_privacy_notice_version_and_retention(pages):
    for lang in ("id", "en"):
        body = getattr(pages["privasi"], lang).body
        assert "1 November 2026" in body  # in force since; the version is the page revision
        assert "27" in body  # UU 27/2022
        assert "3 × 24" in body
        # The periods come from the settings the purge uses (protection.retention).
        assert "[[retention_approved_years]]" in body and "[[retention_rejected_years]]" in body
        assert "lokasi kerja" not in body and "place of work" not in body
        assert "Disdukcapil" in body and "BPJS Ketenagakerjaan" in body


def test_contact_page_invents_no_phone_numbers(pages):
    for lang in ("id", "en"):
        body = getattr(pages["kontak"], lang).body
        assert "[[call_centre]]" in body
        assert not re.search(r"\(?0411\)?[\s-]?\d", body)
        assert not re.search(r"\b0\d{2,3}[\s-]?\d{3,}", body)


# ---------------------------------------------------------------- hospitals


def test_primaya_hospital_seed():
    hospitals = load_hospitals()
    assert len(hospitals) == 1
    h = hospitals[0]
    assert h.name_id == "RS Primaya Makassar"
    assert h.name_en == "Primaya Hospital Makassar"
    assert h.kecamatan_code == "73.71.13"  # Rappocini
    assert h.beds == 108
    assert h.phone == ""  # unknown: never invented
    assert "Aroepala" in h.address and "Rappocini" in h.address
    assert h.map_url.startswith("https://www.openstreetmap.org/")


# ---------------------------------------------------------------- loader validation


GOOD_ARTICLE = '''
slug = "contoh-berita"
category = "service"
published_at = 2026-03-01T09:00:00+08:00
cover = "phone-check"

[id]
title = "Contoh"
summary = "Ringkas."
cover_alt = "Gambar ponsel."
body = """
Isi dengan [[min_age]] dan [tautan](/id/faq).
"""
'''


def _write(tmp_path: Path, text: str, name: str = "01-contoh-berita.toml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_loader_accepts_a_minimal_article(tmp_path):
    [article] = load_articles(_write(tmp_path, GOOD_ARTICLE))
    assert article.slug == "contoh-berita"
    assert article.en is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('category = "service"', 'category = "news"', "category"),
        ('slug = "contoh-berita"', 'slug = "Contoh_Berita"', "slug"),
        ("[[min_age]]", "[[minimum_age]]", "unknown token"),
        ("(/id/faq)", "(/id/tentang)", "link"),
        ("(/id/faq)", "(/en/faq)", "link"),
        ("(/id/faq)", "(https://example.org)", "external link"),
        ('cover = "phone-check"', 'cover = "sunset"', "cover"),
        ('cover_alt = "Gambar ponsel."\n', "", "cover_alt"),
        ("2026-03-01T09:00:00+08:00", "2026-03-01T09:00:00", "offset"),
        ('title = "Contoh"', 'title = "Contoh"\nsubtitle = "x"', "unknown key"),
    ],
)
def test_loader_rejects_bad_content_naming_the_file(tmp_path, old, new, message):
    assert old in GOOD_ARTICLE
    _write(tmp_path, GOOD_ARTICLE.replace(old, new, 1))
    with pytest.raises(ValueError, match=message) as info:
        load_articles(tmp_path)
    assert str(info.value).startswith("01-contoh-berita.toml")


def test_loader_rejects_duplicate_slugs_and_two_pins(tmp_path):
    _write(tmp_path, GOOD_ARTICLE)
    _write(tmp_path, GOOD_ARTICLE.replace("01-", "02-"), "02-contoh-berita.toml")
    with pytest.raises(ValueError, match="already used"):
        load_articles(tmp_path)

    pinned = GOOD_ARTICLE.replace("cover =", "pinned_until = 2026-04-01T00:00:00+08:00\ncover =")
    other = pinned.replace("contoh-berita", "contoh-lain")
    for f in tmp_path.iterdir():
        f.unlink()
    _write(tmp_path, pinned)
    _write(tmp_path, other, "02-contoh-lain.toml")
    with pytest.raises(ValueError, match="only one article"):
        load_articles(tmp_path)


def test_loader_rejects_a_slug_longer_than_the_column(tmp_path):
    long_slug = "-".join(["kata"] * 17)  # 84 characters
    assert len(long_slug) > SLUG_MAX
    _write(tmp_path, GOOD_ARTICLE.replace("contoh-berita", long_slug), f"01-{long_slug}.toml")
    with pytest.raises(ValueError, match=f"at most {SLUG_MAX}"):
        load_articles(tmp_path)


# ---------------------------------------------------------------- figure tokens


def test_tokens_are_every_figure_and_every_setting_token():
    # Figures from core.parameters, and the settings staff fill in (core.promises).
    assert set(figures()) | set(TOKENS) == KNOWN_TOKENS
    assert not set(figures()) & set(TOKENS)  # a setting never shadows a figure
    assert len(KNOWN_TOKENS) >= 46


def test_every_parameter_figure_loads_and_renders_as_a_token(tmp_path):
    every_token = " ".join(f"[[{name}]]" for name in sorted(figures()))
    _write(tmp_path, GOOD_ARTICLE.replace("[[min_age]]", every_token))
    [article] = load_articles(tmp_path)
    assert find_tokens(article.id.body) == sorted(figures())
    for locale in ("id", "en"):
        rendered = replace_tokens(article.id.body, formatted_figures(locale))
        assert "[[" not in rendered, locale
        assert formatted_figures(locale)["city_contribution_monthly"] in rendered


@pytest.mark.parametrize(
    ("token", "hint"),
    [
        ("minimum_age", "did you mean [[min_age]]"),
        ("Call-Centre", "did you mean [[call_centre]]"),
        ("sunset", None),
    ],
)
def test_unknown_token_is_refused_by_name_with_a_hint(tmp_path, token, hint):
    _write(tmp_path, GOOD_ARTICLE.replace("[[min_age]]", f"[[{token}]]"))
    with pytest.raises(ValueError) as info:
        load_articles(tmp_path)
    message = str(info.value)
    assert message.startswith(
        f"01-contoh-berita.toml: [id].body: unknown token [[{token}]]: "
        "not a figure in lindungi.core.parameters"
    )
    if hint:
        assert hint in message
    else:
        assert "did you mean" not in message
