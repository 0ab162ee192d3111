"""The cookie session, minus one header.

Flask adds "Vary: Cookie" whenever the session object is touched, and Flask-Login touches it after
every request. Public pages never read the session, so an empty, unchanged session must not make
every public page uncacheable for shared caches.
"""

from __future__ import annotations

from flask import Flask, Response
from flask.sessions import SecureCookieSessionInterface, SessionMixin


class LindungiSessionInterface(SecureCookieSessionInterface):
    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not session and not session.modified:
            session.accessed = False
        super().save_session(app, session, response)
