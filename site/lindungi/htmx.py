"""request.htmx, after CKAN: truthy for htmx requests, with the few headers views look at."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from flask import Request, make_response, render_template, request
from werkzeug.wrappers import Response


class HtmxDetails:
    def __init__(self, request: Request) -> None:
        self._headers = request.headers

    def __bool__(self) -> bool:
        return self._headers.get("HX-Request") == "true"

    @property
    def boosted(self) -> bool:
        return self._headers.get("HX-Boosted") == "true"

    @property
    def target(self) -> str | None:
        return self._headers.get("HX-Target")

    @property
    def trigger(self) -> str | None:
        return self._headers.get("HX-Trigger")

    @property
    def history_restore(self) -> bool:
        return self._headers.get("HX-History-Restore-Request") == "true"


class LindungiRequest(Request):
    @cached_property
    def htmx(self) -> HtmxDetails:
        return HtmxDetails(self)


def render_page_or_fragment(page: str, fragment: str, **context: Any) -> Response:
    """One context, two templates: the page (which includes the fragment) for a normal request,
    only the fragment for htmx. Vary: HX-Request keeps caches from mixing them up."""
    template = fragment if request.htmx else page
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response
