"""Item 11 of issue 15: a corpus of classic XSS payloads through every stored and reflected field,
then every page that may show them opened in Chromium: no dialog may open, no Content Security
Policy violation may be reported, and no page may hold an inline handler, an inline script or a
javascript: link, nor the result of a template expression.

The fields are found as in the property tests (every form's text fields, from the pages), so
forms added later get the payloads too. Two browser sessions, not hundreds of launches."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import cycle

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from werkzeug.serving import make_server

from tests.browser.conftest import CSP_LISTENER
from tests.security.crawl import forms_by_endpoint, viewers
from tests.security.discovery import FormSpec, endpoint_of, forms_on, paths_of, rules
from tests.security.world import World

pytestmark = pytest.mark.browser

CORPUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    '"><script>alert(4)</script>',
    "'><img src=x onerror=alert(5)>",
    "javascript:alert(6)",
    "[klik](javascript:alert(7))",
    "![x](javascript:alert(8))",
    '<a href="javascript:alert(9)">x</a>',
    '" autofocus onfocus=alert(10) x="',
    "' onmouseover=alert(11) '",
    "{{7*191}}",
    "${7*191}#{7*191}",
    "</textarea><script>alert(14)</script>",
    "</title><script>alert(15)</script>",
    '<iframe src="javascript:alert(16)"></iframe>',
    "<details open ontoggle=alert(17)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxOCk8L3NjcmlwdD4=)",
    "<style>@import 'x.css'</style><body onload=alert(19)>",
    '";alert(20);//',
    "<math><mtext></p><script>alert(21)</script>",
    "[a](JaVaScRiPt:alert(22)) <a href=' javascript:alert(23)'>y</a>",
]
TEMPLATE_RESULT = "1337"  # 7*191: a template that evaluated a payload would show it
DOM_PROBLEMS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
    }
    const href = (el.getAttribute('href') || el.getAttribute('src') || '').trim().toLowerCase();
    if (href.startsWith('javascript:') || href.startsWith('data:text/html'))
      found.push(el.tagName + ' ' + href.slice(0, 30));
  }
  for (const s of document.querySelectorAll('script:not([src])'))
    if (s.type !== 'application/ld+json') found.push('inline script');
  if (document.body && document.body.innerText.includes('""" + TEMPLATE_RESULT + """'))
    found.push('template evaluated');
  return found;
}"""


@pytest.fixture(scope="module")
def server(world: World) -> Iterator[str]:
    http = make_server("127.0.0.1", 0, world.app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(timeout=5)


class Watched:
    """A browser context per world client, recording dialogs and CSP violations."""

    def __init__(self, browser, world: World, base: str) -> None:  # type: ignore[no-untyped-def]
        self.browser, self.world, self.base = browser, world, base
        self.pages: dict[str, Page] = {}
        self.dialogs: list[str] = []

    def page(self, name: str) -> Page:
        if name not in self.pages:
            context: BrowserContext = self.browser.new_context()
            context.add_init_script(CSP_LISTENER)
            context.add_cookies([{"name": key, "value": value, "url": self.base}
                                 for key, value in self.world.cookies.get(name, [])])
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message),
                                              dialog.dismiss()))
            self.pages[name] = page
        return self.pages[name]

    def problems(self, name: str, where: str) -> list[str]:
        page = self.pages[name]
        found = page.evaluate("window.__cspViolations || []")
        found += page.evaluate(DOM_PROBLEMS)
        found += self.dialogs
        self.dialogs.clear()
        return [f"{where}: {problem}" for problem in found]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages.clear()


def store_payloads(world: World, forms: dict[str, FormSpec]) -> int:
    """Each text field of each form, one at a time, set to a payload and posted as its page
    shows it now (fresh defaults: versions move as edits land). Returns how many were taken."""
    payloads = cycle(CORPUS)
    taken = 0
    for spec in forms.values():
        for name in spec.text_fields():
            if name in ("version", "token") or name.endswith("-version"):
                continue
            client = world.client(spec.client)
            shown = client.get(spec.page, check=False)
            current = next((f for f in forms_on(shown.get_data(as_text=True), spec.page, "")
                            if f.action == spec.action), None)
            if current is None:
                continue
            values = current.defaults()
            values.setlist(name, ["\n".join(CORPUS)] if "body" in name else [next(payloads)])
            response = client.post(spec.action, data=values, check=False)
            assert response.status_code < 500, (spec.action, name)
            taken += response.status_code in (302, 303)
    # The request the applicant filled in (names and addresses are payloads if allowed) is sent.
    applicant = world.client("applicant")
    check = applicant.get("/id/daftar/periksa", check=False)
    for form in forms_on(check.get_data(as_text=True), "/id/daftar/periksa", "applicant"):
        if endpoint_of(world.app, form.action, "POST") == "enrollment.submit":
            applicant.post(form.action, data=form.defaults(), check=False)
    return taken


def test_payloads_never_run_anywhere(world: World, server: str, browser: Browser) -> None:
    forms = forms_by_endpoint(world)
    problems: list[str] = []
    # The session's Chromium (tests/conftest.py): one per test process.
    watched = Watched(browser, world, server)
    # The checks themselves can fail: a page with an injected handler and link.
    probe = watched.page("visitor")
    probe.set_content("<img src=x onerror=alert(1)><a href=' javascript:alert(2)'>x</a>")
    assert len(watched.problems("visitor", "probe")) >= 2
    # Reflected: each form sent from its page in the browser with every text field a payload.
    world.restore()
    reflected = 0
    for endpoint, spec in sorted(forms.items()):
        fields = [n for n in spec.text_fields() if n not in ("version", "token")]
        if not fields or endpoint == "editor.live_preview":
            continue
        page = watched.page(spec.client)
        page.goto(server + spec.page)
        if page.evaluate(FILL, [spec.action, CORPUS]):
            with page.expect_navigation():
                page.evaluate(SEND)
            reflected += 1
        problems += watched.problems(spec.client, f"{endpoint} sent")
    assert reflected >= 15
    # Stored: payloads in every field that keeps them, then every page opened as someone
    # who may see it, with every query parameter it uses set to a payload as well.
    world.restore()
    assert store_payloads(world, forms) >= 10
    opened = 0
    for rule in rules(world.app, "GET"):
        if rule.endpoint in ("public.feed", "site.sitemap", "site.sitemap_pages",
                             "site.sitemap_articles", "figures.csv_file"):
            continue  # not HTML
        name = viewers(world.app, rule)[0] if rule.rule.startswith("/staf") else "visitor"
        for path in paths_of(world.app, rule):
            page = watched.page(name)
            for query in ("", "?q=" + CORPUS[0] + "&next=" + CORPUS[5] + "&kategori="
                          + CORPUS[3] + "&page=" + CORPUS[9] + "&search-q=" + CORPUS[1]):
                page.goto(server + path + query.replace("#", "%23"))
                opened += 1
                problems += watched.problems(name, path + query[:20])
    watched.close()
    assert opened >= 80
    assert problems == [], "\n".join(problems[:40])


FILL = """([action, corpus]) => {
  const form = [...document.querySelectorAll('form')].find(
      f => new URL(f.action, location.href).pathname === action);
  if (!form) return false;
  let i = 0;
  for (const el of form.querySelectorAll('input, textarea')) {
    const type = (el.type || 'text').toLowerCase();
    if (['hidden', 'checkbox', 'radio', 'submit', 'button', 'file'].includes(type)) continue;
    el.value = corpus[i++ % corpus.length];
  }
  form.setAttribute('data-payloads', '');
  return true;
}"""
# After the call returns: the navigation would destroy the context evaluating it.
SEND = """() => setTimeout(() => HTMLFormElement.prototype.submit.call(
    document.querySelector('form[data-payloads]')), 0)"""
