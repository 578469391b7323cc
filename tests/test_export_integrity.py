"""An export stops, naming the file, when a runtime file or a package file in the cache is corrupt.

The export copies every runtime file it ships out of the cache, hashing it in the same pass
against its pin (pyinterface.tooling.runtime._site); a file with other bytes but the same size
(what the cache's cheap size check cannot see) must stop the export before anything is written.
These tests work on a copy of the real cache made of hard links, so the shared cache
(~/.cache/pyinterface) is never touched: the damaged file is replaced, not written through.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pyinterface.tooling import runtime
from pyinterface.tooling.export import export_app

from .test_export import run_cli, write_app

IMAGE_APP = """
import pyinterface as gr

demo = gr.Interface(lambda image: image, gr.Image(), gr.Image())
"""


@pytest.fixture
def cache_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``$PYINTERFACE_CACHE`` pointing at hard links to the real vendored runtime."""
    real = runtime.ensure_runtime()
    copy = tmp_path / "cache" / real.name
    copy.mkdir(parents=True)
    for file in real.iterdir():
        os.link(file, copy / file.name)
    monkeypatch.setenv("PYINTERFACE_CACHE", str(copy.parent))
    return copy


def _damage(file: Path) -> None:
    """Flip the first byte of a new copy of ``file`` (the hard-linked original is left alone)."""
    data = bytearray(file.read_bytes())
    data[0] ^= 0xFF
    file.unlink()
    file.write_bytes(bytes(data))


def _package_file(cache: Path, name: str) -> Path:
    import json

    lock = json.loads((cache / "pyodide-lock.json").read_text(encoding="utf-8"))
    return cache / lock["packages"][name]["file_name"]


@pytest.mark.parametrize("which", ["runtime file", "package file"])
def test_export_stops_naming_a_corrupt_cached_file(cache_copy: Path, tmp_path: Path, which: str) -> None:
    damaged = cache_copy / "pyodide.asm.wasm" if which == "runtime file" else _package_file(cache_copy, "numpy")
    size = damaged.stat().st_size
    _damage(damaged)
    assert damaged.stat().st_size == size and runtime.ensure_runtime() == cache_copy  # sizes look right
    app = write_app(tmp_path / "app", IMAGE_APP)
    with pytest.raises(runtime.RuntimeIntegrityError) as info:
        export_app(app, tmp_path / "out")
    message = str(info.value)
    assert info.value.file == str(damaged)
    assert message.startswith(f"integrity check failed for {damaged}: expected "), message
    assert "python -m pyinterface.tooling.runtime" in message
    assert not (tmp_path / "out").exists()


def test_cli_export_stops_naming_a_corrupt_runtime_file(cache_copy: Path, tmp_path: Path) -> None:
    damaged = cache_copy / "python_stdlib.zip"
    _damage(damaged)
    app = write_app(tmp_path / "app", IMAGE_APP)
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: integrity check failed for {damaged}: expected "), last
    assert not (tmp_path / "out").exists()
