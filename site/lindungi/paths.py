"""Where the site's files are, and which version of the code is running.

The product's layout keeps templates/, static/, translations/ and instance/ at the top of the
repository, beside site/lindungi/, so the site runs from its source tree.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

try:
    __version__ = version("lindungi")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
