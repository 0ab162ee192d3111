"""Every capability's models, imported once so that metadata (create_all, Alembic) sees all tables.

Each capability keeps its own models module; this file only lists them.
"""

from lindungi.audit import models as audit_models  # noqa: F401
from lindungi.content import models as content_models  # noqa: F401
from lindungi.enrollment import models as enrollment_models  # noqa: F401
from lindungi.review import models as review_models  # noqa: F401
from lindungi.site_settings import models as site_settings_models  # noqa: F401
from lindungi.staff import models as staff_models  # noqa: F401
