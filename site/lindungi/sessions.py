"""The cookie session, minus one header.

Flask adds "Vary: Cookie" whenever the session object is touched, and Flask-Login touches it after
every request. Public pages never read the session: an unchanged session must not make them
uncacheable for shared caches, nor send a cookie with a page marked public.
"""

from __future__ import annotations

from flask import Flask, Response
from flask.sessions import SecureCookieSessionInterface, SessionMixin


class LindungiSessionInterface(SecureCookieSessionInterface):
    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not session.modified and (not session or response.cache_control.public):
            session.accessed = False
        super().save_session(app, session, response)
