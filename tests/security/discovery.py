"""Finding what to attack from the app itself, so forms and routes added later are covered without
editing a list: the routes from app.url_map (with sample values for their arguments, read from
the database), and each form's fields from the page that shows it (inputs, selects, text areas,
named buttons, and the fields an htmx hx-post element sends)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import sqlalchemy as sa
from bs4 import BeautifulSoup, Tag
from flask import Flask
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter

from lindungi.content.models import Article
from lindungi.content.sections import PAGE_KEYS
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker
from lindungi.extensions import db
from lindungi.staff.models import StaffUser

# Routes that serve files, not pages with parameters or forms.
NOT_PAGES = {"static", "site.media", "site.favicon"}
TEXT_KINDS = {"text", "search", "email", "tel", "url", "number", "date", "password", "hidden",
              "textarea", "datetime-local", "month", "time", "week", "color", "range"}


def _ids(model: type, column: sa.ColumnElement) -> Callable[[], list[int]]:  # type: ignore[type-arg]
    return lambda: list(db.session.scalars(sa.select(column).order_by(column)))


# Sample values for every route argument name in use. A route with an argument missing here
# fails test_every_route_argument_has_samples: add how to find a real value for it.
ARGUMENT_SAMPLES: dict[str, Callable[[], list]] = {  # type: ignore[type-arg]
    "lang": lambda: ["id"],
    "n": lambda: [1, 2],
    "program": lambda: ["jkk"],
    "number": lambda: [1, 2],
    "key": lambda: [PAGE_KEYS[0], "faq"],
    "slug": lambda: list(db.session.scalars(sa.select(Article.slug).order_by(Article.id)))[:1],
    "article_id": _ids(Article, Article.id),
    "account_id": _ids(StaffUser, StaffUser.id),
    "request_id": _ids(EnrollmentRequest, EnrollmentRequest.id),
    "worker_id": lambda: _ids(EnrollmentWorker, EnrollmentWorker.id)()[:1],
}


def rules(app: Flask, method: str) -> list[Rule]:
    return sorted((r for r in app.url_map.iter_rules()
                   if method in (r.methods or ()) and r.endpoint not in NOT_PAGES),
                  key=lambda r: r.rule)


def paths_of(app: Flask, rule: Rule) -> Iterator[str]:
    """The rule's path with each combination of sample arguments (the database's real ids)."""
    fixed = rule.defaults or {}  # a rule that fixes an argument (a worker's first page)
    with app.app_context():
        choices = [[(name, v) for v in dict.fromkeys(_samples(rule, name))]
                   for name in sorted(rule.arguments) if name not in fixed]
    # Built before the first yield: a request context left pushed while the caller sends
    # requests would lend them its app context, and with it `g` (Flask-Login's current user
    # from the first request would then answer for every client).
    with app.test_request_context():
        paths = [app.url_for(rule.endpoint, **dict(combination), **fixed)
                 for combination in itertools.product(*choices)]
    yield from paths


def _samples(rule: Rule, name: str) -> list:  # type: ignore[type-arg]
    """The argument's words when its converter allows only some (a worker page's topic), else
    the sample values (real ids from the database)."""
    converter = rule._converters.get(name)
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    return ARGUMENT_SAMPLES[name]()


def endpoint_of(app: Flask, path: str, method: str) -> str | None:
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(path).path, method=method)
    except HTTPException:
        return None
    return str(endpoint)


@dataclass
class Field:
    name: str
    kind: str  # an input type, "select", "textarea", "button" or "file"
    options: list[str] = field(default_factory=list)
    default: list[str] = field(default_factory=list)


@dataclass
class FormSpec:
    action: str
    page: str  # where it was found
    client: str  # the World client name that saw it
    fields: list[Field]
    multipart: bool = False

    def defaults(self) -> MultiDict[str, str]:
        """What a browser would send without touching anything (first named button)."""
        values: MultiDict[str, str] = MultiDict()
        for f in self.fields:
            for value in (f.default if f.kind != "button" else f.options[:1]):
                values.add(f.name, value)
        return values

    def text_fields(self) -> list[str]:
        return [f.name for f in self.fields if f.kind in TEXT_KINDS and f.name != "csrf_token"]


def forms_on(html: str, page: str, client: str) -> list[FormSpec]:
    """Every POST form on the page and every element that posts with hx-post."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() == "post":
            found.append(FormSpec(form.get("action") or page, page, client, _fields(form),
                                  "multipart" in (form.get("enctype") or "")))
    for element in soup.select("[hx-post]"):
        form = element if element.name == "form" else element.find_parent("form")
        fields = _fields(form) if form else []
        wanted = element.get("hx-params")
        if wanted and wanted != "*":
            names = {n.strip() for n in wanted.removeprefix("not ").split(",")}
            excluded = wanted.startswith("not ")
            fields = [f for f in fields
                      if (f.name in names) != excluded or f.name == "csrf_token"]
        for name, value in json.loads(element.get("hx-vals") or "{}").items():
            fields.append(Field(name, "hidden", default=[str(value)]))
        found.append(FormSpec(element["hx-post"], page, client, fields))
    return found


def _fields(form: Tag) -> list[Field]:
    fields: dict[str, Field] = {}
    for tag in form.find_all(["input", "select", "textarea", "button"]):
        name = tag.get("name")
        if not name or tag.has_attr("disabled"):
            continue
        kind = _kind(tag)
        spec = fields.setdefault(name, Field(name, kind))
        if tag.name == "select":
            options = tag.find_all("option")
            spec.options += [o.get("value", o.get_text()) for o in options]
            spec.default += [o.get("value", o.get_text()) for o in options
                             if o.has_attr("selected")][:1] or spec.options[:1]
        elif kind in ("checkbox", "radio", "button"):
            spec.options.append(tag.get("value", "on" if kind != "button" else ""))
            if tag.has_attr("checked"):
                spec.default.append(spec.options[-1])
        elif kind == "textarea":
            spec.default.append(tag.get_text().removeprefix("\n"))
        elif kind != "file":
            spec.default.append(tag.get("value", ""))
    return list(fields.values())


def _kind(tag: Tag) -> str:
    if tag.name in ("select", "textarea"):
        return str(tag.name)
    if tag.name == "button" or (tag.get("type") or "").lower() == "submit":
        return "button"
    return (tag.get("type") or "text").lower()
