"""Static files under content-hashed names ("css/site.3f2a9c0d1e4b.css"), kept a year by
browsers (Cache-Control: public, max-age=31536000, immutable) and served by WhiteNoise, with
gzip and brotli copies made once, when no proxy serves them.

At start-up every file in static/ is hashed and copied with its hashed name (and under its own
name) into the build folder (LINDUNGI_STATIC_BUILD_DIR, default instance/static-build), with
.gz and .br beside it. Names carry the content, so copies of earlier releases stay valid for
pages still cached somewhere, and every worker and server of one release makes the same names.
A proxy can serve the same folder at /static/. Templates reach every file through static_url().
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from lindungi import security
from lindungi.urlmemo import url_for

ONE_YEAR = 31_536_000
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
UNHASHED_MAX_AGE = 300  # a file asked for by its plain name (an old bookmark, the favicon)


def hashed_name(relative: str, content: bytes) -> str:
    stem, dot, suffix = relative.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:12]
    return f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else f"{relative}.{digest}"


def _place(source: Path, target: Path, compressor: Compressor) -> None:
    """Copy `source` to `target` with its .br/.gz beside it, each moved into place whole; the
    compressed copies first, so whoever sees the file sees them too."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".build-") as work:
        staged = Path(work) / target.name
        shutil.copyfile(source, staged)
        variants = compressor.compress(str(staged)) if compressor.should_compress(
            target.name) else []
        for variant in variants:
            os.replace(variant, target.parent / Path(variant).name)
        os.replace(staged, target)


def build(static_root: Path, build_dir: Path) -> dict[str, str]:
    """Copy static/ into `build_dir` under hashed and plain names; return plain -> hashed."""
    compressor = Compressor(quiet=True)
    manifest: dict[str, str] = {}
    for source in sorted(p for p in static_root.rglob("*") if p.is_file()):
        relative = source.relative_to(static_root).as_posix()
        content = source.read_bytes()
        name = hashed_name(relative, content)
        manifest[relative] = name
        if not (build_dir / name).exists():
            _place(source, build_dir / name, compressor)
        plain = build_dir / relative
        if not plain.exists() or plain.read_bytes() != content:
            _place(source, plain, compressor)
    return manifest


class StaticFiles(WhiteNoise):
    """WhiteNoise with the year-long, immutable policy for hashed names."""

    def immutable_file_test(self, path: str, url: str) -> bool:  # type: ignore[override]
        return bool(HASHED_NAME.search(url))

    def add_cache_headers(self, headers: Any, path: str, url: str) -> None:
        if self.immutable_file_test(path, url):
            headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
        else:
            headers["Cache-Control"] = f"public, max-age={UNHASHED_MAX_AGE}"


def _security_headers(headers: Any, _path: str, _url: str) -> None:
    for name, value in security.static_file_headers().items():
        headers[name] = value


def static_url(filename: str) -> str:
    """The address of a file in static/, under its hashed name."""
    manifest: dict[str, str] = current_app.extensions["static_manifest"]
    return url_for("static", filename=manifest.get(filename, filename))


def init_app(app: Flask) -> None:
    static_root = Path(app.static_folder or "static")
    build_dir = Path(app.config["STATIC_BUILD_DIR"] or Path(app.instance_path) / "static-build")
    app.extensions["static_manifest"] = build(static_root, build_dir)
    app.wsgi_app = StaticFiles(  # type: ignore[method-assign]
        app.wsgi_app, root=str(build_dir), prefix=app.static_url_path or "/static",
        allow_all_origins=False, add_headers_function=_security_headers,
    )
