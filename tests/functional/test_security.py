"""The security baseline every response carries, and the designed error pages."""

from __future__ import annotations

from io import BytesIO

import pytest
from flask import Flask, abort

from tests.support.checking import soup_of


def test_security_headers_on_every_page(client) -> None:
    response = client.get("/id/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "HX-Request" in response.headers["Vary"]


def test_no_inline_script_or_handlers(client) -> None:
    soup = soup_of(client.get("/id/"))
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json"
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag.name
        assert "style" not in tag.attrs
    config = soup.find("meta", attrs={"name": "htmx-config"})
    assert '"includeIndicatorStyles": false' in config["content"]


def test_public_page_sets_no_cookie(client) -> None:
    response = client.get("/id/")
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


def test_session_cookie_flags(app: Flask) -> None:
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None


def test_post_without_csrf_token_gets_designed_400(app: Flask) -> None:
    @app.post("/id/_test-form")
    def _test_form() -> str:
        return "saved"

    response = app.test_client().post("/id/_test-form", data={"x": "1"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Formulir ini sudah kedaluwarsa" in page
    assert "saved" not in page and "Traceback" not in page


@pytest.mark.parametrize(
    ("path", "lang", "code", "title"),
    [
        ("/id/tidak-ada", "id", 404, "Halaman tidak ditemukan"),
        ("/en/does-not-exist", "en", 404, "Page not found"),
        ("/xx/", "id", 404, "Halaman tidak ditemukan"),
    ],
)
def test_not_found_is_translated(client, path: str, lang: str, code: int, title: str) -> None:
    response = client.get(path)
    assert response.status_code == code
    soup = soup_of(response)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == title


def test_method_not_allowed(client) -> None:
    response = client.delete("/id/")
    assert response.status_code == 405
    assert "Tindakan itu tidak bisa dilakukan di sini" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("code", "text"),
    [(403, "Anda tidak dapat membuka halaman ini"), (413, "Berkas terlalu besar"),
     (429, "Terlalu banyak percobaan"), (400, "Permintaan tidak dapat dibaca")],
)
def test_designed_error_pages(app: Flask, code: int, text: str) -> None:
    @app.get("/id/_test-abort")
    def _abort() -> str:
        abort(code)

    response = app.test_client().get("/id/_test-abort")
    assert response.status_code == code
    assert text in response.get_data(as_text=True)


def test_unexpected_error_shows_no_traceback(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/en/_test-crash")
    def _crash() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/en/_test-crash")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side" in page
    assert "secret internals" not in page and "Traceback" not in page


def test_htmx_error_returns_fragment(client) -> None:
    response = client.get("/id/tidak-ada", headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert "<html" not in response.get_data(as_text=True)


def test_public_pages_send_no_cookie_to_a_visitor_with_a_session(app: Flask) -> None:
    """A family with an enrollment draft in progress reads the news: the public, cacheable
    pages must neither refresh their cookie nor vary on it."""

    @app.get("/id/_test-start-session")
    def _start() -> str:
        from flask import session

        session.permanent = True
        session["draft"] = "x"
        return "started"

    client = app.test_client()
    assert "Set-Cookie" in client.get("/id/_test-start-session", check=False).headers
    for path in ["/id/", "/en/", "/id/berita", "/id/cek-kelayakan"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
        assert "Cookie" not in response.headers.get("Vary", ""), path


@pytest.mark.parametrize(("lang", "title", "unreadable"), [
    ("id", "Isian terlalu panjang", "Permintaan tidak dapat dibaca"),
    ("en", "What you sent is too long", "The request could not be read"),
])
def test_a_url_encoded_form_over_the_limit_is_refused_unread(app: Flask, lang: str, title: str,
                                                             unreadable: str) -> None:
    """Werkzeug decodes such a body whole, in Python; multipart fields have the same limit."""
    reached = []

    @app.post(f"/{lang}/_test-long-form")
    def _long_form() -> str:
        reached.append(True)
        return "saved"

    limit = app.config["MAX_FORM_MEMORY_SIZE"]
    client = app.test_client()
    over = client.post(f"/{lang}/_test-long-form", data="x=" + "a" * (limit - 1),
                       content_type="application/x-www-form-urlencoded")
    assert over.status_code == 413
    assert soup_of(over).h1.get_text(strip=True) == title
    # At the limit the form is read: the CSRF check then refuses it for its missing token.
    at_limit = client.post(f"/{lang}/_test-long-form", data="x=" + "a" * (limit - 2),
                           content_type="application/x-www-form-urlencoded")
    assert at_limit.status_code == 400
    # Sent in chunks, with no length given, a form would be cut at a limit rather than refused.
    for content_type in ("application/x-www-form-urlencoded", "multipart/form-data; boundary=b"):
        chunked = client.post(f"/{lang}/_test-long-form", input_stream=BytesIO(b"x=" * limit),
                              content_type=content_type, environ_overrides={
                                  "wsgi.input_terminated": True, "CONTENT_LENGTH": "",
                                  "HTTP_TRANSFER_ENCODING": "chunked"})
        assert chunked.status_code == 411
        assert soup_of(chunked).h1.get_text(strip=True) == unreadable
    assert not reached
