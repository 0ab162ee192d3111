"""A non-editable install is the same site: the wheel carries every file the code reads, and an
installed copy, away from the source tree, serves pages, static files and the Indonesian catalog.

The wheel is built from a copy of the files git tracks (as a fresh clone has them), so a file the
code needs but the packaging leaves out fails here rather than on a server. About 15 s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lindungi.paths import PROJECT_ROOT

PACKAGE_SOURCE = "site/lindungi/"
BUNDLED_FOLDERS = ("templates/", "static/")


def _tracked_files() -> list[str]:
    git = shutil.which("git")
    if git is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which files belong to the project")
    listing = subprocess.run(  # noqa: S603 - fixed arguments
        [git, "ls-files", "-z"], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True
    ).stdout
    # Tracked but deleted in the working tree (a move in progress) is not part of this build.
    return [name for name in listing.split("\0") if name and (PROJECT_ROOT / name).is_file()]


def _expected_in_wheel(tracked: list[str]) -> set[str]:
    expected = set()
    for name in tracked:
        if name.startswith(PACKAGE_SOURCE):
            expected.add("lindungi/" + name.removeprefix(PACKAGE_SOURCE))
        elif name.startswith(BUNDLED_FOLDERS):
            expected.add("lindungi/bundled/" + name)
        elif name.startswith("translations/") and name.endswith(".po"):
            expected.add("lindungi/bundled/" + name.removesuffix(".po") + ".mo")
    return expected


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    tracked = _tracked_files()
    source = tmp_path_factory.mktemp("clone")
    for name in tracked:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", str(dist), str(source)],
        check=True, capture_output=True,
    )
    (wheel,) = dist.glob("lindungi-*.whl")
    return wheel, tracked


def test_wheel_carries_every_file_of_the_package_and_the_site(built) -> None:
    wheel, tracked = built
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _expected_in_wheel(tracked)
    # The derived list really covers what the code reads, not only Python modules.
    assert {"lindungi/staff/common_passwords.txt", "lindungi/data/makassar-kelurahan.csv",
            "lindungi/migrations/script.py.mako", "lindungi/bundled/templates/base.html",
            "lindungi/bundled/translations/id/LC_MESSAGES/messages.mo"} <= expected
    assert sorted(expected - names) == []


# Runs in a fresh interpreter with only the installed copy of lindungi on its path, from a folder
# that is not the source tree: creates the schema with the migrations, loads the demo content and
# requests a few pages.
INSTALLED_SITE_CHECK = """
import json, sys
import lindungi
from flask_migrate import upgrade
from lindungi.paths import INSTANCE_DIR, PROJECT_ROOT

app = lindungi.create_app({"TESTING": True, "SECRET_KEY": "install-test"})
with app.app_context():
    upgrade()
seeded = app.test_cli_runner().invoke(args=["seed-demo"])
client = app.test_client()
pages = {path: client.get(path) for path in
         ("/healthz", "/id/", "/en/", "/id/berita", "/static/css/site.css")}
print(json.dumps({
    "package": lindungi.__file__,
    "site_files": str(PROJECT_ROOT),
    "instance": str(INSTANCE_DIR),
    "seed_exit": seeded.exit_code,
    "seed_output": seeded.output,
    "status": {path: response.status_code for path, response in pages.items()},
    "id_home": pages["/id/"].get_data(as_text=True),
    "en_home": pages["/en/"].get_data(as_text=True),
    "news": pages["/id/berita"].get_data(as_text=True),
}))
"""


def test_installed_copy_serves_the_site_away_from_the_source_tree(built, tmp_path: Path) -> None:
    wheel, _ = built
    target = tmp_path / "site-packages"
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("LINDUNGI_")}
    environment |= {"PYTHONPATH": str(target), "LINDUNGI_INSTANCE_PATH": str(tmp_path / "inst")}
    run = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", INSTALLED_SITE_CHECK], cwd=tmp_path, env=environment,
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.splitlines()[-1])

    assert Path(result["package"]).is_relative_to(target)
    assert Path(result["site_files"]) == target / "lindungi" / "bundled"
    assert result["instance"] == str(tmp_path / "inst")
    assert (tmp_path / "inst" / "lindungi.sqlite3").is_file()
    assert result["seed_exit"] == 0, result["seed_output"]
    assert result["status"] == dict.fromkeys(
        ("/healthz", "/id/", "/en/", "/id/berita", "/static/css/site.css"), 200)
    # The compiled catalog is installed: Indonesian pages are translated, English ones are not.
    assert "Langsung ke isi utama" in result["id_home"]
    assert "Skip to main content" in result["en_home"]
    # The demo content (TOML files and WebP covers in the package) reached the site.
    assert "<article" in result["news"]
    assert "has-cover" in result["news"]
    assert any((tmp_path / "inst" / "media").glob("*.webp"))
