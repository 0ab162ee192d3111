"""The one stylesheet stays well formed: each capability's section starts at the top level, so an
unclosed @media block in one section cannot swallow the next section's rules."""

from __future__ import annotations

import re

from lindungi.paths import PROJECT_ROOT

CSS = PROJECT_ROOT / "static" / "css" / "site.css"


def _depth_at_section_comments(text: str) -> list[tuple[int, int]]:
    depth, found = 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("/*") and depth != 0:
            found.append((number, depth))
        depth += line.count("{") - line.count("}")
    found.append((-1, depth))
    return found


def test_braces_balance_and_sections_start_at_top_level() -> None:
    problems = [(line, depth) for line, depth in _depth_at_section_comments(CSS.read_text())
                if depth != 0]
    assert problems == [], f"unclosed blocks (line, depth): {problems}"


def test_no_top_level_selector_is_defined_twice() -> None:
    text = CSS.read_text()
    depth, seen, repeated = 0, set(), []
    for line in text.splitlines():
        match = re.match(r"^([^@/\s][^{]*)\{", line)
        if depth == 0 and match:
            selector = " ".join(match.group(1).split())
            if selector in seen:
                repeated.append(selector)
            seen.add(selector)
        depth += line.count("{") - line.count("}")
    assert repeated == []
