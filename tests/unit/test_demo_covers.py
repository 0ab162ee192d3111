"""tools/draw_demo_covers.py still runs and still draws exactly the committed cover files.

The site never draws: it seeds from site/lindungi/demo/covers/*.webp. These tests catch a drawing
changed without rewriting its file (or a file edited by hand), and a script that no longer runs.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from lindungi.demo.loader import COVERS_DIR, cover_names, cover_path

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "draw_demo_covers.py"
REDRAW = "rerun tools/draw_demo_covers.py and commit the changed files"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("draw_demo_covers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pixels(path: Path) -> bytes:
    with Image.open(path) as image:
        return image.convert("RGB").tobytes()


def test_script_draws_the_covers_that_are_committed(script):
    assert script.COVERS_DIR == COVERS_DIR
    assert sorted(script.COVER_NAMES) == cover_names()


@pytest.mark.parametrize("name", cover_names())
def test_committed_file_holds_exactly_the_drawing(script, name):
    drawn = script.draw_cover(name)
    assert drawn.size == (1200, 675) and drawn.mode == "RGB"
    assert _pixels(cover_path(name)) == drawn.tobytes(), f"{name}: {REDRAW}"


def test_script_writes_a_cover_file(script, tmp_path, capsys):
    assert script.main(["--out", str(tmp_path), "no-fee"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["no-fee.webp"]
    assert _pixels(tmp_path / "no-fee.webp") == _pixels(cover_path("no-fee"))
    assert "no-fee.webp" in capsys.readouterr().out


def test_script_refuses_an_unknown_cover(script, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        script.main(["--out", str(tmp_path), "sunset"])
    assert exit_info.value.code == 2
    assert "unknown cover(s) sunset" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
