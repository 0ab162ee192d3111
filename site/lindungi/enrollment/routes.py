"""Import this module to get the enrollment blueprint with every route attached."""

from lindungi.enrollment import status_views, views, worker_views  # noqa: F401 - routes
from lindungi.enrollment.blueprint import bp

__all__ = ["bp"]
