"""Measurements for `make bench`: wrk runs (median of several), a staff sign-in over HTTP, and
what pages weigh on the wire as the server sends them (compressed when the browser asks)."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench.page_weight import _Collector

WRK_DIR = Path(__file__).resolve().parent / "wrk"
CONNECTIONS = 32
THREADS = 2
ACCEPT = "br, gzip"  # what phones' browsers send


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.getuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)  # noqa: S603
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True,  # noqa: S603
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("wrk") or "/usr/bin/wrk"


def wrk(url: str, seconds: float, connections: int = CONNECTIONS, headers: str = "",
        script: str = "report.lua", env: dict[str, str] | None = None) -> dict:
    threads = min(THREADS, connections)
    environ = {**os.environ, "WRK_HEADERS": headers, "WRK_THREADS": str(threads),
               "WRK_REPORT": str(WRK_DIR / "report.lua"), **(env or {})}
    result = subprocess.run(  # noqa: S603 - our own fixed arguments
        [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(WRK_DIR / script), url],
        capture_output=True, text=True, env=environ, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK_JSON "))
    figures = json.loads(line.removeprefix("WRK_JSON "))
    figures["rps"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0.0
    return figures


def median_of(runs: list[dict]) -> dict:
    """Each figure's median over the runs (errors: the sum)."""
    keys = [key for key in runs[0] if key not in ("errors", "status_errors")]
    merged = {key: statistics.median(run[key] for run in runs) for key in keys}
    merged["errors"] = sum(run["errors"] for run in runs)
    merged["runs"] = len(runs)
    return merged


def repeated(url: str, seconds: float, runs: int, **kwargs) -> dict:
    wrk(url, 1, **kwargs)  # warm-up: caches filled, workers' imports done
    return median_of([wrk(url, seconds, **kwargs) for _ in range(runs)])


class Reference:
    """The bare Flask endpoint, measured next to every figure: each run of a page is paired
    with a run of the reference just before it, and the figure is the median of the pairs'
    ratios. On a machine shared with other jobs the load moves during a bench; both sides of
    a ratio then see the same load."""

    def __init__(self, url: str, seconds: float) -> None:
        self.url = url
        self.seconds = seconds
        self.runs: list[dict] = []

    def run(self) -> dict:
        figures = wrk(self.url, self.seconds)
        self.runs.append(figures)
        return figures

    def summary(self) -> dict:
        merged = median_of(self.runs)
        merged["min_rps"] = round(min(run["rps"] for run in self.runs))
        merged["max_rps"] = round(max(run["rps"] for run in self.runs))
        return merged


def paired(reference: Reference, url: str, seconds: float, runs: int, **kwargs) -> dict:
    """The page's figures (medians) with "ratio": the median of (page / reference) over runs
    made in pairs, and "ref_rps": the reference's median in those pairs."""
    wrk(url, 1, **kwargs)  # warm-up: caches filled, workers' imports done
    pages, ratios, refs = [], [], []
    for _ in range(runs):
        ref = reference.run()
        page = wrk(url, seconds, **kwargs)
        pages.append(page)
        refs.append(ref["rps"])
        ratios.append(page["rps"] / ref["rps"] if ref["rps"] else 0.0)
    merged = median_of(pages)
    merged["ratio"] = statistics.median(ratios)
    merged["ref_rps"] = statistics.median(refs)
    return merged


def staff_cookie(base: str, email: str, password: str) -> str:
    """Signs in through the form, as a browser does; returns the session cookie's value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/staf/masuk").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if token is None:
        token = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert token is not None, "no CSRF token on the sign-in page"
    data = urllib.parse.urlencode({"csrf_token": token.group(1), "email": email,
                                   "password": password}).encode()
    opener.open(base + "/staf/masuk", data=data).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    return cookies["lindungi_session"]


def post_with_cookie(base: str, path: str, cookie: str, fields: dict[str, str]) -> str:
    """POSTs a staff form (CSRF token taken from the page) and returns the new cookie value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"lindungi_session={cookie}")]
    page = opener.open(base + path).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token is not None
    data = urllib.parse.urlencode({"csrf_token": token.group(1), **fields}).encode()
    opener.open(base + path, data=data).read()
    return {c.name: c.value for c in jar}.get("lindungi_session", cookie)


def wire_bytes(base: str, path: str) -> int:
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": ACCEPT})  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310 - our own server
        return len(response.read())


def first_visit_bytes(base: str, path: str) -> tuple[int, list[tuple[str, int]]]:
    """The page and everything it loads (CSS, JS, images as a 360px phone at DPR 2 picks
    them, icon, manifest), as the server sends each with Accept-Encoding: br, gzip."""
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "identity"})  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310
        html = response.read().decode()
    parts = [(path, wire_bytes(base, path))]
    collector = _Collector(360, 2.0)
    collector.feed(html)
    seen: set[str] = set()
    for _kind, url in collector.found:
        target = urljoin(path, url)
        if target in seen or urlsplit(target).netloc:
            continue
        seen.add(target)
        parts.append((target, wire_bytes(base, target)))
    return sum(size for _, size in parts), parts
