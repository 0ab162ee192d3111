"""The figures page and its CSV. Both read the snapshot only and are cached like every public
page (the snapshot's time is part of the ETag)."""

from __future__ import annotations

import csv
import io

from flask import render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from lindungi.caching import cacheable
from lindungi.core import disclosure
from lindungi.core.places import kecamatan_by_code
from lindungi.formatting import format_number
from lindungi.public_figures import snapshot
from lindungi.public_figures.blueprint import bp
from lindungi.public_figures.charts import month_bars, month_label
from lindungi.review.export import escape_cell
from lindungi.templating import locale_code


def kecamatan_name(code: str) -> str:
    place = kecamatan_by_code(code)
    return place.name if place else code


@bp.get("/angka")
@cacheable
def page() -> str:
    current = snapshot.load()
    return render_template(
        "public/figures.html", snapshot=current, threshold=disclosure.THRESHOLD,
        kecamatan_name=kecamatan_name,
        month_name=lambda key: month_label(key, locale_code()),
        bars=month_bars(current.by_month, locale_code()) if current else [],
    )


@bp.get("/angka.csv")
@cacheable
def csv_file() -> Response:
    current = snapshot.load()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([_("Breakdown"), _("Kecamatan or month"), _("Workers covered"),
                     _("Requests received"), _("Requests decided"),
                     _("Median days to a decision")])
    if current is not None:
        lang = locale_code()
        rows = [(_("Kota Makassar"), _("All"), current.total)]
        rows += [(_("Kecamatan"), kecamatan_name(row.key), row) for row in current.by_kecamatan]
        rows += [(_("Month"), month_label(row.key, lang), row) for row in current.by_month]
        for group, label, row in rows:
            # Empty: not shown (fewer than 10, or would give away a hidden count).
            cells = [row.covered, row.received, row.decided]
            median = "" if row.median_days is None else format_number(row.median_days, lang)
            writer.writerow([escape_cell(group), escape_cell(label),
                             *("" if value is None else str(value) for value in cells),
                             escape_cell(median)])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="lindungi-angka-{locale_code()}.csv"')
    return response
