"""Rate limits on the public request form, per client address (Flask-Limiter; shared through
Redis in production, which config.check_production requires).

One client once sent 20 complete requests in 2.3 seconds. The steps share one budget (a family
adding ten workers posts about fifteen pages); sending has its own, small one. Over the limit the
visitor gets the site's "Too many attempts" page in their language (errors.py, status 429) and
nothing is saved."""

from __future__ import annotations

from flask import current_app

from lindungi.extensions import limiter

step_limit = limiter.shared_limit(
    lambda: current_app.config["ENROLLMENT_STEP_LIMIT"], scope="enrollment-steps",
    methods=["POST"],
)
submit_limit = limiter.limit(
    lambda: current_app.config["ENROLLMENT_SUBMIT_LIMIT"], methods=["POST"],
)
