"""request.htmx, after CKAN: truthy for htmx requests, with the few headers views look at."""

from __future__ import annotations

from functools import cached_property

from flask import Request


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
