"""Every capability's models, imported once so that metadata (create_all, Alembic) sees all tables.

Each capability keeps its own models module; this file only lists them.
"""

from lindungi.audit import models as audit_models  # noqa: F401
from lindungi.content import models as content_models  # noqa: F401
from lindungi.enrollment import models as enrollment_models  # noqa: F401
from lindungi.enrollment import resume as enrollment_resume  # noqa: F401
from lindungi.enrollment import review_requests  # noqa: F401
from lindungi.enrollment import window as enrollment_window  # noqa: F401
from lindungi.outbox import models as outbox_models  # noqa: F401
from lindungi.protection import models as protection_models  # noqa: F401
from lindungi.public_figures import models as figures_models  # noqa: F401
from lindungi.review import models as review_models  # noqa: F401
from lindungi.site_settings import models as site_settings_models  # noqa: F401
from lindungi.staff import models as staff_models  # noqa: F401
