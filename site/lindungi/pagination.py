"""Every list with pages goes through here: Flask-SQLAlchemy's db.paginate, with the page number
read by urlargs.page_number.

Public lists have one address per page (caches and search engines see no duplicates): a page
number that is not one, or a page past the last, is a 404. Staff lists are forgiving instead,
since their rows move away while someone works (a decided request leaves the queue): such a
number reads as page 1, and a page past the last shows the last.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination, SelectPagination

from lindungi.extensions import db
from lindungi.urlargs import page_number


class RowPagination(SelectPagination):
    """db.paginate for a select of several columns: each item is a row, not its first column.
    The count reads the first column only (the others may be per-row subqueries)."""

    def _query_items(self) -> list[Any]:
        select = self._query_args["select"]
        rows = self._query_args["session"].execute(
            select.limit(self.per_page).offset(self._query_offset))
        return list(rows.all())

    def _query_count(self) -> int:
        select = self._query_args["select"]
        keys = select.with_only_columns(*select.selected_columns[:1]).order_by(None).subquery()
        found = self._query_args["session"].execute(
            sa.select(sa.func.count()).select_from(keys)).scalar()
        return int(found or 0)


def paginate(select: sa.Select[Any], per_page: int, *, staff: bool = False,
             rows: bool = False) -> Pagination:
    """The page of `select` the request asks for (?page=). `staff`: forgiving, see above.
    `rows`: items are rows of several columns rather than model objects."""
    number = page_number(lenient=staff)

    def one_page(page: int) -> Pagination:
        if rows:
            return RowPagination(select=select, session=db.session(), page=page,
                                 per_page=per_page, max_per_page=None, error_out=not staff)
        return db.paginate(select, page=page, per_page=per_page, max_per_page=None,
                           error_out=not staff)

    found = one_page(number)
    if staff and found.pages and number > found.pages:
        found = one_page(found.pages)
    return found
