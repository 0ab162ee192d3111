"""requirements.lock (docs/security.md) pins every production dependency of pyproject.toml, with
a version its specifier allows and at least one hash: run `make lock` after changing either."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from lindungi.paths import PROJECT_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+)",
                 re.MULTILINE)


def test_the_lock_pins_every_production_dependency_with_hashes() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(text) for text in [
        *project["dependencies"], *project["optional-dependencies"]["postgres"],
        *project["optional-dependencies"]["redis"]]]
    lock = (PROJECT_ROOT / "requirements.lock").read_text()
    pinned = {canonicalize_name(name): version for name, version, _ in PIN.findall(lock)}
    assert len(pinned) == lock.count("==")  # every pin carries hashes
    for requirement in wanted:
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is not in requirements.lock"
        assert requirement.specifier.contains(version), (
            f"{requirement.name}=={version} does not match {requirement.specifier}: make lock")
