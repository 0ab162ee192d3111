"""Where the site's files are, and which version of the code is running.

The product's layout keeps templates/, static/, translations/ and instance/ at the top of the
repository, beside site/lindungi/, so the site runs from its source tree (and from an editable
install of it). A wheel has no source tree: its build (setup.py) copies templates/ and static/
into the package as lindungi/bundled/ and compiles translations/ there, so a non-editable
`pip install .` serves the same site.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

try:
    __version__ = version("lindungi")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

PACKAGE_DIR = Path(__file__).resolve().parent
# Only an installed wheel has this folder; a source tree keeps the same folders at its top.
BUNDLED_DIR = PACKAGE_DIR / "bundled"
IS_BUNDLED = BUNDLED_DIR.is_dir()

# The folder that holds templates/, static/ and translations/.
PROJECT_ROOT = BUNDLED_DIR if IS_BUNDLED else PACKAGE_DIR.parents[1]

# Settings file, SQLite database and uploads: instance/ beside the source, or for an installed
# copy Flask's own default for installed packages (site-packages may not be writable).
# LINDUNGI_INSTANCE_PATH overrides both; the folder has to be known before settings are read.
INSTANCE_DIR = Path(
    os.environ.get("LINDUNGI_INSTANCE_PATH")
    or (Path(sys.prefix) / "var" / "lindungi-instance" if IS_BUNDLED else PROJECT_ROOT / "instance")
)
