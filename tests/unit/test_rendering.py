"""Markdown from staff becomes safe HTML; figures fill [[tokens]]; search highlights are safe."""

from __future__ import annotations

import pytest

from lindungi.content import rendering
from lindungi.content.figures import format_figure, formatted_figures
from lindungi.content.search import excerpt, highlight
from lindungi.core.parameters import Figure

FIGURES = {"city_contribution_monthly": "Rp16.800", "max_decile": "4"}
HOST = "lindungi.makassarkota.go.id"


def render(text: str) -> str:
    return str(rendering.render_markdown(text, FIGURES, HOST))


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
])
def test_raw_html_is_shown_as_text(source: str) -> None:
    html = render(source)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<style" not in html and "<a " not in html
    assert "&lt;" in html


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,<b>x</b>",
    "//evil.example/x", "file:///etc/passwd",
])
def test_dangerous_link_targets_are_dropped(target: str) -> None:
    html = render(f"[click]({target})")
    assert "href" not in html
    assert "click" in html


def test_backslash_paths_stay_on_this_site() -> None:
    # Browsers read "/\\host" as "//host"; markdown-it encodes the backslash, making it a path.
    html = render("[click](/\\evil.example)")
    assert 'href="/%5Cevil.example"' in html


def test_links_to_other_sites_get_rel_and_site_links_do_not() -> None:
    html = render("[a](https://example.org/x) [b](/id/klaim) [c](mailto:dinas@makassarkota.go.id) "
                  f"[d](tel:175) [e](https://{HOST}/id/faq)")
    assert '<a href="https://example.org/x" rel="noopener noreferrer">a</a>' in html
    assert '<a href="/id/klaim">b</a>' in html
    assert '<a href="mailto:dinas@makassarkota.go.id">c</a>' in html
    assert '<a href="tel:175">d</a>' in html
    assert f'<a href="https://{HOST}/id/faq">e</a>' in html


MEDIA = "/media/" + "0123456789abcdef" * 2 + "-320.webp"


def test_images_only_from_this_site() -> None:
    html = render(f"![remote](https://tracker.example/p.png) ![local]({MEDIA})")
    assert "tracker.example" not in html and "remote" in html
    assert f'<img src="{MEDIA}" alt="local"' in html
    assert 'loading="lazy"' in html


@pytest.mark.parametrize("source", [
    "/staf/pendaftaran/1", "/staf/pendaftaran/ekspor.csv", "/id/berita", "/static/x.png",
    f"{MEDIA}?x=1", f"{MEDIA}#x", "/media/../staf/pendaftaran/1", "//evil.example/a.webp",
    "/media/abc-320.webp", "data:image/png;base64,AAAA",
])
def test_an_image_may_only_be_uploaded_media(source: str) -> None:
    """An image pointing at a staff page would be fetched with a reader's cookies."""
    html = render(f"![gambar]({source}) <img src=\"{source}\">")
    assert "<img" not in html


def test_headings_never_compete_with_the_page_title() -> None:
    html = render("# Big\n\n## Section\n\n### Sub")
    assert "<h1" not in html
    assert "<h2>Big</h2>" in html and "<h2>Section</h2>" in html and "<h3>Sub</h3>" in html


def test_tables_lists_quotes_and_emphasis_survive_without_inline_styles() -> None:
    html = render("| a | b |\n|--:|---|\n| 1 | 2 |\n\n- one\n- two\n\n> said\n\n*em* **strong**")
    assert '<div class="table-scroll"><table>' in html and "</table></div>" in html
    assert "style=" not in html  # the CSP forbids inline styles
    assert "<ul>" in html and "<blockquote>" in html
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html


def test_tokens_become_figures_and_unknown_tokens_stay_visible() -> None:
    html = render("Kota membayar [[city_contribution_monthly]] untuk desil 1-[[max_decile]]. "
                  "[[no_such_figure]]")
    assert "Rp16.800" in html and "desil 1-4" in html
    assert "[[no_such_figure]]" in html
    assert rendering.unknown_tokens("[[max_decile]] [[nope]]", FIGURES) == ["nope"]


def test_figures_are_formatted_per_language() -> None:
    indonesian, english = formatted_figures("id"), formatted_figures("en")
    assert indonesian["city_contribution_monthly"] == "Rp16.800"
    assert english["jkm_total"] == "Rp42,000,000"
    assert indonesian["jkk_rate_percent"] == "1%"
    assert indonesian["call_centre"] == "175"
    assert indonesian["report_deadline_hours"] == "48"
    assert format_figure(Figure("number", 65, ""), "id") == "65"


def test_sections_split_at_second_level_headings() -> None:
    intro, sections = rendering.split_sections(
        "Pengantar.\n\n## Siapa yang bisa ikut?\n\nDesil 1-[[max_decile]].\n\n## Gratis?\n\nYa.",
        FIGURES)
    assert "Pengantar" in intro
    assert [s.heading for s in sections] == ["Siapa yang bisa ikut?", "Gratis?"]
    assert "Desil 1-4" in sections[0].body


def test_plain_text_for_search() -> None:
    text = rendering.plain_text("## Judul\n\n*Iuran* [[city_contribution_monthly]] & [tautan](/x)",
                                FIGURES)
    assert text == "Judul Iuran Rp16.800 & tautan"


def test_text_fields_are_escaped() -> None:
    assert str(rendering.text_with_figures("<b>[[max_decile]]</b>", FIGURES)) == \
        "&lt;b&gt;4&lt;/b&gt;"


def test_highlight_escapes_text_and_marks_whole_words() -> None:
    html = str(highlight("RS <b>Primaya</b> & primayanya, bukan Xprimaya", ["primaya"]))
    assert "&lt;b&gt;<mark>Primaya</mark>&lt;/b&gt;" in html
    assert "<mark>primayanya</mark>" in html
    assert "Xprimaya" in html and "X<mark>" not in html
    assert str(highlight("a <i>b</i>", [])) == "a &lt;i&gt;b&lt;/i&gt;"


def test_highlight_treats_query_words_literally() -> None:
    assert str(highlight("anything at all", [".*", "a|b"])) == "anything at all"


def test_excerpt_centres_on_the_first_match() -> None:
    text = " ".join(["isi"] * 100) + " kecelakaan kerja " + " ".join(["lagi"] * 100)
    short = excerpt(text, ["kecelakaan"], width=80)
    assert "kecelakaan" in short
    assert short.startswith("…") and short.endswith("…")
    assert len(short) <= 82
    assert excerpt("pendek", ["x"]) == "pendek"
