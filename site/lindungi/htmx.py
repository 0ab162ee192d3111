"""request.htmx, after CKAN: truthy for htmx requests, with the few headers views look at."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from flask import Request, make_response, render_template, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import LengthRequired, RequestEntityTooLarge
from werkzeug.wrappers import Response

from lindungi.textinput import without_controls


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


def _cleaned(values: MultiDict[str, str]) -> ImmutableMultiDict[str, str]:
    return ImmutableMultiDict(
        (without_controls(key), without_controls(value)) for key, value in values.items(multi=True)
    )


class LindungiRequest(Request):
    """request.htmx, and query parameters and form values without control characters (NUL and
    the like: see lindungi.textinput), so no view can pass one to the database. A URL-encoded
    form is at most MAX_FORM_MEMORY_SIZE (Flask's 500 KB), what multipart forms allow each field,
    and a form of either kind must say its length (411 otherwise).

    Werkzeug applies that limit to multipart fields as it streams them, but decodes a
    URL-encoded body whole, in Python, up to MAX_CONTENT_LENGTH (6 MB, for pictures): 50-110 ms
    of a worker per megabyte, which anyone could send. The longest form sent that way, a page's
    two texts of 60,000 characters, stays far below the limit."""

    @cached_property
    def htmx(self) -> HtmxDetails:
        return HtmxDetails(self)

    @cached_property
    def args(self) -> ImmutableMultiDict[str, str]:  # type: ignore[override]
        return _cleaned(super().args)

    def _load_form_data(self) -> None:
        if self.want_form_data_parsed:
            self._refuse_a_form_too_long_to_read()
        super()._load_form_data()
        self.__dict__["form"] = _cleaned(self.__dict__["form"])

    def _refuse_a_form_too_long_to_read(self) -> None:
        if self.content_length is None and "chunked" in self.headers.get(
                "Transfer-Encoding", "").lower():
            # Werkzeug would cut a chunked body at a limit, not refuse it, and a form cut short
            # is not what was sent. Browsers and htmx always give the length; so does nginx.
            raise LengthRequired()
        limit = self.max_form_memory_size
        if (self.mimetype == "application/x-www-form-urlencoded" and limit is not None
                and self.content_length is not None and self.content_length > limit):
            raise RequestEntityTooLarge()


def render_page_or_fragment(page: str, fragment: str, **context: Any) -> Response:
    """One context, two templates: the page (which includes the fragment) for a normal request,
    only the fragment for htmx. Vary: HX-Request keeps caches from mixing them up."""
    template = fragment if request.htmx else page
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response
