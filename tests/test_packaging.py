"""The wheel `pip install pyinterface-app` gets can export apps on its own, without a checkout.

It carries the JS bridge as ``pyinterface/tooling/_site`` (setup.py); the npm libraries are vendored
into the user cache on first export, like the Pyodide runtime. Built offline from a copy of
this checkout with the test venv's setuptools.
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

from pyinterface.tooling._frontend import ensure_frontend_vendor
from pyinterface.tooling.runtime import ensure_runtime

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "vendor", "test")
    for name in ("pyinterface", "site"):
        shutil.copytree(ROOT / name, src / name, ignore=junk)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(src)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (built,) = dist.glob("pyinterface_app-*.whl")  # the distribution's name; the import name is pyinterface
    return built


def test_the_wheel_is_named_pyinterface_app_and_needs_its_export_tools(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (metadata,) = [name for name in zf.namelist() if name.endswith(".dist-info/METADATA")]
        text = zf.read(metadata).decode()
    assert "\nName: pyinterface-app\n" in text and "Requires-Python: >=3.11" in text
    assert "Requires-Dist: tinycss2>=1.2; sys_platform != \"emscripten\"" in text


def test_the_wheel_carries_the_bridge_but_not_its_tests_or_vendored_libraries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("pyinterface.mjs", "worker.mjs", "protocol.mjs", "pyinterface.css", "components/index.mjs",
                   "file-protocol.js", "pages/site-index.html"):
        assert f"pyinterface/tooling/_site/{needed}" in names
    assert not any(name.startswith(("pyinterface/tooling/_site/test/", "pyinterface/tooling/_site/vendor/")) for name in names)


def test_an_installed_wheel_exports_an_app_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    # A fresh user cache, offline: the runtime already vendored, and the npm tarballs npm would fetch.
    cache = tmp_path / "cache"
    cache.mkdir()
    runtime = ensure_runtime()
    (cache / runtime.name).symlink_to(runtime, target_is_directory=True)
    ensure_frontend_vendor()  # fills the checkout's npm cache (build/.cache/npm) if this runs first
    shutil.copytree(ROOT / "build" / ".cache" / "npm", cache / "npm")
    out = tmp_path / "out"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import pyinterface; "
        "assert pyinterface.__file__.startswith(sys.argv[1]), pyinterface.__file__; "
        "from pyinterface.tooling.export import export_app; export_app(sys.argv[2], sys.argv[3])"
    )
    env = {**os.environ, "PYINTERFACE_CACHE": str(cache)}
    subprocess.run(
        [sys.executable, "-c", code, str(installed), str(ROOT / "examples" / "gender_classifier.py"), str(out)],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert (out / "pyinterface" / "pyinterface.mjs").is_file()
    assert (out / "pyinterface" / "vendor" / "dompurify" / "purify.es.mjs").is_file()
    assert (out / "pyinterface" / "vendor" / "marked" / "marked.esm.js").is_file()
    assert json.loads((out / "app" / "manifest.json").read_text())["entry"] == "gender_classifier.py"
    (browser_wheel,) = (out / "pyodide").glob("pyinterface-*.whl")
    assert not any("/_site/" in name for name in zipfile.ZipFile(browser_wheel).namelist())
