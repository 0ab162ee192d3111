"""The page cache's pure rules: what may be stored, which encoding is served, the version."""

from __future__ import annotations

from lindungi.pagecache.entry import StoredPage, make_page
from lindungi.pagecache.middleware import choose_encoding, storable
from lindungi.pagecache.stores import is_current, new_version

HTML = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public, max-age=300")]


def test_storable_only_for_200_301_and_404() -> None:
    assert storable("200 OK", HTML)
    assert storable("301 MOVED PERMANENTLY", HTML)
    assert storable("404 NOT FOUND", HTML)
    for status in ("302 FOUND", "304 NOT MODIFIED", "400 BAD REQUEST", "429 TOO MANY REQUESTS",
                   "500 INTERNAL SERVER ERROR", "503 SERVICE UNAVAILABLE"):
        assert not storable(status, HTML), status


def test_never_stored_with_a_cookie_private_or_encoded() -> None:
    assert not storable("200 OK", [*HTML, ("Set-Cookie", "a=b")])
    assert not storable("200 OK", [*HTML, ("Vary", "HX-Request, Cookie")])
    assert not storable("200 OK", [*HTML, ("Vary", "*")])
    assert not storable("200 OK", [("Cache-Control", "no-store")])
    assert not storable("200 OK", [("Cache-Control", "private, max-age=60")])
    assert not storable("200 OK", [("Cache-Control", "no-cache")])
    assert not storable("200 OK", [*HTML, ("Content-Encoding", "gzip")])


def test_encoding_choice() -> None:
    both = {"identity": b"", "gzip": b"", "br": b""}
    assert choose_encoding("gzip, deflate, br", both) == "br"
    assert choose_encoding("gzip", both) == "gzip"
    assert choose_encoding("br;q=0, gzip;q=0.8", both) == "gzip"
    assert choose_encoding("gzip;q=0.0", both) == "identity"
    assert choose_encoding("", both) == "identity"
    assert choose_encoding("*", {"identity": b"", "gzip": b""}) == "gzip"
    assert choose_encoding("gzip", {"identity": b""}) == "identity"


def test_stored_page_round_trips_through_bytes() -> None:
    page = make_page("v1 -", "200 OK", [*HTML, ("Date", "x"), ("Set-Cookie", "never")],
                     b"<p>halo</p>" * 100, compressible=True)
    assert {"identity", "gzip"} <= set(page.bodies)
    assert ("Date", "x") not in page.headers
    again = StoredPage.from_bytes(page.to_bytes())
    assert again == page


def test_small_or_binary_bodies_are_not_compressed() -> None:
    assert set(make_page("v", "200 OK", HTML, b"<p>hi</p>", compressible=True).bodies) == {
        "identity"}
    assert set(make_page("v", "200 OK", HTML, b"x" * 5000, compressible=False).bodies) == {
        "identity"}


def test_version_goes_out_of_date_at_the_next_scheduled_change() -> None:
    assert not is_current(None, 100.0)
    forever = new_version(None)
    assert is_current(forever, 1e12)
    due = new_version(200.0)
    assert is_current(due, 199.9) and not is_current(due, 200.0)
    assert new_version(None) != forever


def test_process_stores_of_two_workers_see_each_new_version_at_once(tmp_path) -> None:
    from lindungi.pagecache.stores import ProcessStore

    one = ProcessStore(tmp_path / "version", 1024 * 1024)
    two = ProcessStore(tmp_path / "version", 1024 * 1024)
    assert two.read_version() is None
    for _ in range(20):  # quick successive writes, each seen by the other worker
        version = new_version(None)
        one.set_version(version)
        assert two.read_version() == version


def test_process_store_drops_least_recently_used_pages_beyond_its_size() -> None:
    from pathlib import Path

    from lindungi.pagecache.stores import ProcessStore

    store = ProcessStore(Path("/nonexistent/version"), 40_000)
    page = make_page("v", "200 OK", HTML, b"x" * 9_000, compressible=False)
    for n in range(6):
        store.put(f"k{n}", page)
        store.lookup("k0")  # k0 stays in use
    assert store.lookup("k0")[1] is not None and store.lookup("k1")[1] is None
    assert store.size <= 40_000
