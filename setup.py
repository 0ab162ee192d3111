"""The one build step pyproject.toml cannot declare: the wheel carries the site's own files.

templates/, static/ and translations/ stay at the top of the repository, beside site/ (the
product's layout, so the site runs from its source tree). A wheel has no source tree, so the
build copies templates/ and static/ into the package as lindungi/bundled/ and compiles the
translation catalogs there (.mo files are build output and not kept in git); lindungi.paths
uses that folder when it exists. Editable installs read the source tree and skip this.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
COPIED_FOLDERS = ("templates", "static")


class BuildPyWithSiteFiles(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        bundled = Path(self.build_lib) / "lindungi" / "bundled"
        for folder in COPIED_FOLDERS:
            for source in sorted((ROOT / folder).rglob("*")):
                if source.is_file() and not source.name.startswith("."):
                    target = bundled / source.relative_to(ROOT)
                    self.mkpath(str(target.parent))
                    self.copy_file(str(source), str(target))
        self._compile_catalogs(bundled)

    def _compile_catalogs(self, bundled: Path) -> None:
        # Babel is in build-system.requires; the same compile as `make compile` (no fuzzy entries).
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_file in sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po")):
            mo_file = bundled / po_file.relative_to(ROOT).with_suffix(".mo")
            self.mkpath(str(mo_file.parent))
            with po_file.open("rb") as source:
                catalog = read_po(source)
            with mo_file.open("wb") as target:
                write_mo(target, catalog)


setup(cmdclass={"build_py": BuildPyWithSiteFiles})
