"""The page-weight bench picks images the way a 360px phone would."""

from __future__ import annotations

import gzip

from bench.page_weight import measure, pick_candidate, slot_width

SRCSET = "/m/a-320.webp 320w, /m/a-640.webp 640w, /m/a-960.webp 960w, /m/a-1200.webp 1200w"


def test_slot_width_reads_media_conditions() -> None:
    sizes = "(min-width: 40rem) 14rem, 7rem"
    assert slot_width(sizes, 360) == 112
    assert slot_width(sizes, 1280) == 224
    assert slot_width("100vw", 360) == 360
    assert slot_width("(max-width: 30rem) 50vw, 300px", 360) == 180


def test_candidate_is_the_smallest_wide_enough() -> None:
    assert pick_candidate(SRCSET, "7rem", 360, 2) == "/m/a-320.webp"
    assert pick_candidate(SRCSET, "100vw", 360, 2) == "/m/a-960.webp"
    assert pick_candidate(SRCSET, "100vw", 360, 4) == "/m/a-1200.webp"


def test_measure_counts_every_resource_once() -> None:
    files = {
        "/": b'<html><head><link rel="stylesheet" href="/s.css"><script src="/a.js"></script>'
             b'<script src="/a.js"></script></head><body><img src="/m/a-640.webp" srcset="'
             + SRCSET.encode() + b'" sizes="7rem"><img src="https://elsewhere.example/x.png">'
             b"</body></html>",
        "/s.css": b"body{}" * 100,
        "/a.js": b"x" * 1000,
        "/m/a-320.webp": bytes(range(256)) * 4,
    }
    weight = measure(files.__getitem__, "/")
    assert [r.url for r in weight.resources] == ["/", "/s.css", "/a.js", "/m/a-320.webp"]
    css = next(r for r in weight.resources if r.kind == "css")
    assert css.gzipped == len(gzip.compress(files["/s.css"], compresslevel=6))
    image = next(r for r in weight.resources if r.kind == "image")
    assert image.gzipped <= image.raw
    assert weight.total == sum(r.gzipped for r in weight.resources)
