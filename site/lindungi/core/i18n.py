"""Translation marker for the pure core.

The core has no Flask or Babel imports, so it cannot translate anything itself. Every user-facing
string is an English msgid wrapped in ``N_`` so that ``pybabel extract -k N_`` finds it; the web
layer passes the msgid (and its params dict) to gettext when it renders the page.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` as a msgid for extraction; the web layer translates it with gettext at
    render time. Returns the message unchanged."""
    return message
