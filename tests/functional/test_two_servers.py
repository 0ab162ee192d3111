"""Two gunicorn app servers on one PostgreSQL and one Redis, behind a real nginx that uses the
configuration docs/deploy.md ships: what one server does, the other (and nginx) sees."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from bench.servers import free_port, gunicorn
from flask_migrate import upgrade

from lindungi import create_app
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.support import postgres_apps
from tests.support.apps import base_config
from tests.support.enrollment import worker_answers
from tests.support.nginx import Nginx, nginx_binary
from tests.support.redis_server import redis_url  # noqa: F401 - fixture

PASSWORD = "two servers password 1"
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("LINDUNGI_TEST_POSTGRES_URL"),
                       reason="LINDUNGI_TEST_POSTGRES_URL is not set"),
    pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (make test does)"),
]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Browser:
    """One visitor: cookies kept across servers (one site name, as behind a load balancer)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects())

    def open(self, url: str, data: dict[str, str] | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=30) as response:
                return Answer(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), dict(error.headers))

    def token(self, url: str) -> str:
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.open(url).body)
        assert found is not None, url
        return found.group(1)

    def post(self, url: str, data: dict[str, str], token_from: str | None = None) -> Answer:
        return self.open(url, {"csrf_token": self.token(token_from or url), **data})


@dataclass
class Site:
    a: str
    b: str
    proxy: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, redis_url: str  # noqa: F811
         ) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("two-servers")
    url = postgres_apps.create(postgres_apps.new_name("two"))
    app = create_app({**base_config(folder), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        accounts.create_staff("editor@makassarkota.go.id", Role.COMMUNICATIONS, PASSWORD)
        db.session.commit()
        db.engine.dispose()
    nginx_port = free_port()
    shared = {
        "LINDUNGI_DATABASE_URL": url, "LINDUNGI_REDIS_URL": redis_url,
        "LINDUNGI_SECRET_KEY": secrets.token_hex(32), "LINDUNGI_PROXY_HOPS": "1",
        # Personal data is sealed: every server holds the same keys.
        "LINDUNGI_DATA_KEYS": app.config["DATA_KEYS"],
        "LINDUNGI_INDEX_KEY": app.config["INDEX_KEY"],
        "LINDUNGI_BASE_URL": f"http://127.0.0.1:{nginx_port}",
        "LINDUNGI_MEDIA_DIR": str(folder / "media"),
        "LINDUNGI_STATIC_BUILD_DIR": str(folder / "static-build"),
    }
    log = folder / "gunicorn.log"
    # Each server its own version file: only Redis can make them agree.
    with gunicorn("lindungi:create_app()", {**shared, "LINDUNGI_PAGE_CACHE_VERSION_FILE":
                                            str(folder / "version-a")}, log, workers=1) as a, \
         gunicorn("lindungi:create_app()", {**shared, "LINDUNGI_PAGE_CACHE_VERSION_FILE":
                                            str(folder / "version-b")}, log, workers=1) as b:
        (folder / "nginx").mkdir()
        proxy = Nginx(folder / "nginx", nginx_port,
                      [base.removeprefix("http://") for base in (a.base, b.base)],
                      str(folder / "static-build"))
        proxy.start()
        try:
            yield Site(a.base, b.base, f"http://127.0.0.1:{nginx_port}")
        finally:
            proxy.stop()
            postgres_apps.drop(url)


def test_a_staff_session_works_on_both_and_ends_on_both(site: Site) -> None:
    browser = Browser()
    signed_in = browser.post(site.a + "/staf/masuk",
                             {"email": "editor@makassarkota.go.id", "password": PASSWORD})
    assert signed_in.status in (302, 303)
    assert browser.open(site.b + "/staf/").status == 200
    copied = Browser()  # the same cookie, kept by someone after sign-out
    for cookie in browser.jar:
        copied.jar.set_cookie(cookie)
    assert browser.post(site.a + "/staf/keluar", {}, token_from=site.a + "/staf/").status in (
        302, 303)
    for base in (site.a, site.b):
        assert copied.open(base + "/staf/").status in (302, 303)  # back to the sign-in page


def test_the_status_lookup_limit_counts_across_both(site: Site) -> None:
    browser = Browser()
    answers = {"reference": "LM-AAAA-AAAA", "birth_day": "1", "birth_month": "1",
               "birth_year": "1980"}
    statuses = [browser.post(base + "/id/status", answers).status
                for base in [site.a, site.b] * 5]  # 10 per minute in all
    assert 429 not in statuses
    assert browser.post(site.b + "/id/status", answers).status == 429
    assert browser.post(site.a + "/id/status", answers).status == 429


def test_an_enrollment_continues_across_both(site: Site) -> None:
    browser = Browser()
    first = browser.post(site.a + "/id/daftar/pemohon", {"who": "self"})
    assert first.status == 303
    worker = browser.post(site.b + "/id/daftar/pekerja/1", worker_answers(serial=77),
                          token_from=site.b + "/id/daftar/pekerja/1")
    assert worker.status == 303, worker.body[:300]
    page = browser.open(site.a + "/id/daftar/pekerja/1")
    assert page.status == 200
    assert "Siti Aminah" in page.body  # what server B stored, shown by server A


def test_a_publish_through_one_is_visible_through_the_other_and_nginx(site: Site) -> None:
    reader = Browser()
    before = reader.open(site.proxy + "/id/berita")
    assert before.status == 200 and "Jadwal Dua Server" not in before.body
    assert "Jadwal Dua Server" not in reader.open(site.b + "/id/berita").body  # now cached on B
    editor = Browser()
    editor.post(site.a + "/staf/masuk", {"email": "editor@makassarkota.go.id",
                                         "password": PASSWORD})
    saved = editor.post(site.a + "/staf/berita/baru", {
        "id_title": "Jadwal Dua Server", "id_summary": "Ringkasan berita dari server A.",
        "id_body": "Isi berita.", "category": "service", "state": "published",
        "action": "save"})
    assert saved.status in (302, 303), saved.body[:300]
    assert "Jadwal Dua Server" in reader.open(site.b + "/id/berita").body
    # nginx's micro-cache keeps a page one second (docs/deploy.md); on a loaded machine its
    # clock and ours drift a little, so look again for a few seconds before giving up.
    deadline = time.monotonic() + 5
    while "Jadwal Dua Server" not in reader.open(site.proxy + "/id/berita").body:
        assert time.monotonic() < deadline, "the publish never reached readers through nginx"
        time.sleep(0.5)


def test_nginx_serves_hashed_static_files_and_never_caches_staff(site: Site) -> None:
    page = Browser().open(site.proxy + "/id/")
    css = re.search(r'href="(/static/[^"]+\.css)"', page.body)
    assert css is not None
    answer = Browser().open(site.proxy + css.group(1))
    assert answer.status == 200
    assert "immutable" in answer.headers.get("Cache-Control", "")
    staff = Browser().open(site.proxy + "/staf/masuk")
    assert "X-Proxy-Cache" not in staff.headers

