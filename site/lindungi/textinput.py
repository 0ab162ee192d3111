"""Control characters never reach a model, a query or a page.

PostgreSQL refuses NUL in text (a 500 wherever it is stored or searched for), SQLite stores it and
then breaks every XML document it lands in (the Atom feed, the sitemap), and the other C0/C1
controls are invisible on screen. No form on this site has a use for them, so they are removed
from every query parameter and form value as the request is read (LindungiRequest), and forms
(lindungi.forms.BaseForm) also turn line breaks and tabs into spaces except in text areas."""

from __future__ import annotations

import re

# C0 controls except tab, line feed and carriage return; DEL; C1 controls; the two code points
# XML never allows (U+FFFE, U+FFFF); lone surrogates (an undecodable byte sequence).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?|\t|\n")
_CRLF = re.compile("\r\n?")


def without_controls(value: str) -> str:
    """The text with every control character removed (tabs and line breaks are kept)."""
    return _CONTROL.sub("", value)


def single_line(value: str) -> str:
    """For a one-line field: controls removed, tabs and line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", without_controls(value))


def multi_line(value: str) -> str:
    """For a text area: controls removed, line breaks as \\n (what browsers send is \\r\\n)."""
    return _CRLF.sub("\n", without_controls(value))


def xml_text(value: object) -> str:
    """Text that is legal in XML 1.0, for rows stored before these rules (the feed, sitemaps)."""
    return without_controls(str(value)) if value is not None else ""
