"""The registry of public statements, and how settings reach page text."""

from __future__ import annotations

import pytest

from lindungi.content.rendering import render_markdown, replace_tokens
from lindungi.core.promises import BY_KEY, SETTINGS, STATEMENTS, TOKENS, stored_keys
from lindungi.site_settings.values import SiteValues, markdown_literal


def test_every_statement_is_confirmed_with_a_source_or_named_as_what_it_is() -> None:
    for statement in STATEMENTS:
        assert statement.status in ("confirmed", "assumption", "setting")
        assert len(statement.source) > 10, statement.key
    keys = [s.key for s in STATEMENTS]
    assert len(keys) == len(set(keys))
    # Every promise and channel staff fill in is listed as a setting statement.
    for setting in SETTINGS:
        if setting.group != "look":
            assert setting.key in keys


def test_launch_settings_include_the_channels_retention_and_privacy_officer() -> None:
    required = {s.key for s in SETTINGS if s.launch}
    assert {"office_address", "office_hours", "phone", "email", "retention_approved_years",
            "retention_rejected_years", "privacy_officer"} <= required
    assert "decision_working_days" not in required  # a promise the city may never make


def test_stored_keys_add_the_english_versions() -> None:
    keys = stored_keys()
    assert "office_hours_en" in keys and "home_image_alt_en" in keys
    assert all(len(key) <= 40 for key in keys)  # the column's size
    assert set(TOKENS) <= set(BY_KEY)


def test_a_line_holding_an_empty_setting_is_left_out() -> None:
    text = "Intro.\n\n- Phone: [[phone]]\n- Call centre: [[call_centre]]\n\nEnd [[phone]] too."
    result = replace_tokens(text, {"phone": "", "call_centre": "175"})
    assert result == "Intro.\n\n- Call centre: 175\n"
    filled = replace_tokens(text, {"phone": "0411", "call_centre": "175"})
    assert "- Phone: 0411" in filled and "End 0411 too." in filled


def test_an_unknown_token_stays_visible() -> None:
    assert replace_tokens("[[nope]] [[phone]]", {"phone": ""}) == ""
    assert replace_tokens("[[nope]]", {"phone": ""}) == "[[nope]]"


def test_channel_tokens_are_links_and_text_cannot_inject_markdown() -> None:
    values = SiteValues({"phone": "+62411777321", "office_address": "Jl. *Bold* [x](y)",
                         "email": "a@b.go.id", "decision_working_days": "9"})
    tokens = values.tokens("id")
    html = render_markdown("Call [[phone]] or [[email]] at [[office_address]].", tokens)
    assert 'href="tel:+62411777321"' in html and 'href="mailto:a@b.go.id"' in html
    assert "<strong>" not in html and 'href="y"' not in html
    assert "*Bold* [x](y)" in html
    assert tokens["whatsapp"] == "" and tokens["decision_working_days"] == "9"


@pytest.mark.parametrize("text", [
    "*a* _b_ `c`", "[x](javascript:alert(1))", "<script>x</script>", "# heading", "![i](/x.png)",
    "a\\*b", "~~s~~", "| a | b |", "<https://evil.example>", "{x} (y) !z",
])
def test_markdown_literal_renders_as_the_same_words(text: str) -> None:
    rendered = render_markdown(markdown_literal(text), {})
    assert "<a " not in rendered and "<em>" not in rendered and "<strong>" not in rendered


def test_translated_settings_fall_back_to_indonesian() -> None:
    values = SiteValues({"office_hours": "Senin–Jumat", "office_hours_en": ""})
    assert values.text("office_hours", "en") == "Senin–Jumat"
    values = SiteValues({"office_hours": "Senin–Jumat", "office_hours_en": "Mon–Fri"})
    assert values.text("office_hours", "en") == "Mon–Fri"
    assert [c.key for c in values.channels("en")] == ["office_hours"]
    assert values.whole("decision_working_days") is None
