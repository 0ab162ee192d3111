"""First-load weight of a page: HTML + CSS + JS + images (+ icon and manifest), gzipped.

The budget for the home page is 60 KB: residents open the site on cheap phones with slow, paid
data. Images are chosen from srcset the way a phone of VIEWPORT CSS pixels and DPR device pixel
ratio would choose them, and every image counts (lazy ones too, to stay on the safe side).

    python bench/page_weight.py --base http://127.0.0.1:5000 /id/ /en/
    (tests/functional/public/test_page_weight.py runs the same code through the test client)
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

BUDGET_BYTES = 60 * 1000
VIEWPORT = 360
DPR = 2.0
ROOT_FONT_PX = 16

Fetch = Callable[[str], bytes]


@dataclass
class Resource:
    url: str
    kind: str
    raw: int
    gzipped: int


@dataclass
class Weight:
    path: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.gzipped for r in self.resources)

    def report(self) -> str:
        lines = [f"{self.path}: {self.total / 1000:.1f} KB gzipped (budget "
                 f"{BUDGET_BYTES / 1000:.0f} KB)"]
        lines += [f"  {r.kind:<10} {r.gzipped:>7} B  ({r.raw} B raw)  {r.url}"
                  for r in self.resources]
        return "\n".join(lines)


def _length_px(text: str, viewport: int) -> float:
    match = re.fullmatch(r"\s*([\d.]+)(px|rem|em|vw)\s*", text)
    if not match:
        return float(viewport)
    value, unit = float(match.group(1)), match.group(2)
    return {"px": value, "rem": value * ROOT_FONT_PX, "em": value * ROOT_FONT_PX,
            "vw": value * viewport / 100}[unit]


def slot_width(sizes: str, viewport: int) -> float:
    """The width `sizes` gives an image on this screen (min-width/max-width conditions only)."""
    for entry in (part.strip() for part in sizes.split(",") if part.strip()):
        condition = re.match(r"\((min|max)-width:\s*([^)]+)\)\s*(.+)", entry)
        if condition is None:
            return _length_px(entry, viewport)
        limit = _length_px(condition.group(2), viewport)
        fits = viewport >= limit if condition.group(1) == "min" else viewport <= limit
        if fits:
            return _length_px(condition.group(3), viewport)
    return float(viewport)


def pick_candidate(srcset: str, sizes: str, viewport: int = VIEWPORT, dpr: float = DPR) -> str:
    """The srcset candidate a browser would fetch: the smallest wide enough, else the largest."""
    candidates = []
    for part in srcset.split(","):
        url, _, descriptor = part.strip().partition(" ")
        width = int(descriptor.strip().rstrip("w") or 0)
        candidates.append((width, url))
    candidates.sort()
    needed = slot_width(sizes or "100vw", viewport) * dpr
    return next((url for width, url in candidates if width >= needed), candidates[-1][1])


class _Collector(HTMLParser):
    def __init__(self, viewport: int, dpr: float) -> None:
        super().__init__()
        self.viewport, self.dpr = viewport, dpr
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and "stylesheet" in rel:
            self.found.append(("css", a["href"]))
        elif tag == "link" and ("icon" in rel or "manifest" in rel):
            self.found.append(("icon" if "icon" in rel else "manifest", a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag == "img":
            src = a.get("src", "")
            if a.get("srcset"):
                src = pick_candidate(a["srcset"], a.get("sizes", ""), self.viewport, self.dpr)
            self.found.append(("image", src))


def _gzipped(data: bytes, kind: str) -> int:
    packed = len(gzip.compress(data, compresslevel=6))
    # Images are compressed already: a server sends them as they are when gzip would not help.
    return min(packed, len(data)) if kind in ("image", "icon") else packed


def measure(fetch: Fetch, path: str, viewport: int = VIEWPORT, dpr: float = DPR) -> Weight:
    html = fetch(path)
    weight = Weight(path, [Resource(path, "html", len(html), _gzipped(html, "html"))])
    collector = _Collector(viewport, dpr)
    collector.feed(html.decode("utf-8"))
    seen: set[str] = set()
    for kind, url in collector.found:
        target = urljoin(path, url)
        if target in seen or urlsplit(target).netloc:
            continue  # fetched once; other hosts are never referenced by this site
        seen.add(target)
        data = fetch(target)
        weight.resources.append(Resource(target, kind, len(data), _gzipped(data, kind)))
    return weight


def http_fetcher(base: str) -> Fetch:
    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(base.rstrip("/") + path) as response:  # noqa: S310
            return response.read()

    return fetch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["/id/", "/en/"])
    parser.add_argument("--base", default="http://127.0.0.1:5000")
    parser.add_argument("--viewport", type=int, default=VIEWPORT)
    parser.add_argument("--dpr", type=float, default=DPR)
    args = parser.parse_args(argv)
    over = False
    for path in args.paths:
        weight = measure(http_fetcher(args.base), path, args.viewport, args.dpr)
        print(weight.report())
        over |= weight.total > BUDGET_BYTES
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
