"""The staff overview at /staf/: counts only, no personal data, so every staff role sees it."""

from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import render_template, url_for
from flask_babel import gettext as _

from lindungi.enrollment.statuses import STATUS_LABELS
from lindungi.formatting import to_wita
from lindungi.review import charts, stats
from lindungi.review.blueprint import bp
from lindungi.staff.access import ALL_ROLES, require_roles
from lindungi.templating import locale_code
from lindungi.timeutil import utcnow


def _bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return _("More than %(days)s days", days=low)
    if low == 0:
        return _("Up to %(days)s days", days=high)
    return _("%(low)s to %(high)s days", low=low + 1, high=high)


@bp.get("/")
@require_roles(*ALL_ROLES)
def dashboard() -> str:
    now = utcnow()
    today = to_wita(now).date()
    by_status = stats.counts_by_status()
    by_kecamatan = stats.counts_by_kecamatan()
    weeks = stats.requests_per_week(today)
    times = stats.decision_times(now)
    return render_template(
        "review/dashboard.html",
        total=sum(count.value for count in by_status),
        status_bars=charts.bars([(str(STATUS_LABELS[c.key]), c.value) for c in by_status]),
        kecamatan_bars=charts.bars([(c.key.name, c.value) for c in by_kecamatan]),
        # Each count opens the queue with that filter.
        status_links=[url_for("review.queue", status=c.key.value) for c in by_status],
        kecamatan_links=[url_for("review.queue", kecamatan=c.key.code) for c in by_kecamatan],
        week_bars=charts.bars([(format_date(c.key, "d MMM", locale=locale_code()), c.value)
                               for c in weeks]),
        times=times,
        average_days=format_decimal(times.average_days or 0, format="#,##0.0",
                                    locale=locale_code()),
        time_bars=charts.bars([(_bucket_label(*c.key), c.value) for c in times.buckets]),
        largest=charts.largest, window_days=stats.DECISION_WINDOW_DAYS,
    )
