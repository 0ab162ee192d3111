"""A test client that checks every HTML page it fetches (after GOV.UK Notify's test client).

Each page must have a non-empty <title>, lang on <html>, no duplicate ids, and forms with an
action and a method; POST forms must carry a CSRF token. htmx fragments (no <html>) are checked
for ids and forms only. A test that means to fetch something unusual passes check=False.
"""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from werkzeug.test import TestResponse, run_wsgi_app


class PageProblem(AssertionError):
    pass


def check_html(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    problems: list[str] = []
    root = soup.find("html")
    if root is not None:
        title = soup.find("title")
        if title is None or not title.get_text(strip=True):
            problems.append("no <title> text")
        if not root.get("lang"):
            problems.append("<html> has no lang")
        if len(soup.find_all("h1")) != 1:
            problems.append(f"{len(soup.find_all('h1'))} <h1> elements (want exactly one)")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    problems += [f"duplicate id {name!r}" for name, count in ids.items() if count > 1]
    for form in soup.find_all("form"):
        if form.get("action") is None or not form.get("method"):
            problems.append(f"form without action/method: {str(form)[:80]}")
        if (form.get("method") or "").lower() == "post" and not form.find(
            "input", attrs={"name": "csrf_token"}
        ):
            problems.append(f"POST form without csrf_token: {str(form)[:80]}")
    if problems:
        raise PageProblem("; ".join(problems))
    return soup


class CheckingClient(FlaskClient):
    def open(self, *args, check: bool = True, **kwargs) -> TestResponse:
        response = super().open(*args, **kwargs)
        if check and response.mimetype == "text/html" and response.status_code != 304:
            check_html(response.get_data(as_text=True))
        return response

    def run_wsgi_app(self, environ, buffered: bool = False):  # type: ignore[no-untyped-def]
        """Without a cookie jar, only the app's answer. Werkzeug's own works out the request's
        whole URL to match cookies even when there is no jar, which decodes the query string
        in Python: with the property tests' long values, a sixth of their time."""
        if self._cookies is None:
            return run_wsgi_app(self.application, environ, buffered=buffered)
        return super().run_wsgi_app(environ, buffered=buffered)


def soup_of(response: TestResponse) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
