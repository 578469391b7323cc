"""Fixtures that run code inside the vendored Pyodide runtime under Node.

Once per session: vendor Pyodide (``ensure_runtime``, offline after the first time), build
the pyinterface wheel from this checkout, and ``write_runtime`` both into a temporary
folder, exactly as ``pyinterface export`` will. ``run_pyodide(code)`` then boots a fresh
Pyodide in Node from that folder (fetch disabled) and returns the value of the code's last
expression, parsed from JSON.

Test modules here set ``pytestmark = pytest.mark.pyodide``; they skip only when ``node``
is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().with_name("run_in_pyodide.mjs")
#: Lock packages written next to the pyinterface wheel; tests may load any subset.
RUNTIME_PACKAGES = ("numpy", "pillow")
#: Packages ``run_pyodide`` loads unless told otherwise.
DEFAULT_PACKAGES = ("pyinterface",)
#: Per-run limit: a boot takes ~1-2 s, so two minutes means something hangs.
TIMEOUT_S = 120

RunPyodide = Callable[..., Any]


class PyodideRunError(AssertionError):
    """The code raised inside Pyodide (or Node failed); the message holds the traceback."""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the Pyodide tests need Node.js >= 20 on PATH")
    return node


def build_wheel(out_dir: Path) -> Path:
    """The pyinterface wheel of this checkout, built exactly as ``pyinterface export`` ships it."""
    from pyinterface.tooling._wheel import build_pyinterface_wheel

    return build_pyinterface_wheel(out_dir, package_dir=REPO / "pyinterface")


@pytest.fixture(scope="session")
def node() -> str:
    """Path of ``node``; skips the session's Pyodide tests when it is missing."""
    return _node()


@pytest.fixture(scope="session")
def pyinterface_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def pyodide_runtime(node: str, tmp_path_factory: pytest.TempPathFactory, pyinterface_wheel: Path) -> Path:
    """A runtime folder with numpy, pillow and this checkout's pyinterface wheel.

    ``node`` comes first so a machine without Node skips before anything is built.
    """
    from pyinterface.tooling.runtime import write_runtime

    dest = tmp_path_factory.mktemp("pyodide-runtime")
    return write_runtime(dest, packages=RUNTIME_PACKAGES, wheels=[pyinterface_wheel])


def run_in_runtime(runtime: Path, code: str, packages: Iterable[str] = DEFAULT_PACKAGES) -> Any:
    """Run ``code`` in a fresh Pyodide from ``runtime``; return its last expression's value."""
    command = [_node(), str(RUNNER), str(runtime), "-", "--packages", ",".join(packages)]
    proc = subprocess.run(command, input=code, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if proc.returncode != 0:
        raise PyodideRunError(
            f"code failed inside Pyodide (exit {proc.returncode}):\n{proc.stderr}\n--- stdout ---\n{proc.stdout}"
        )
    lines = proc.stdout.rstrip("\n").splitlines()
    if not lines:
        raise PyodideRunError(f"run_in_pyodide.mjs printed nothing:\n{proc.stderr}")
    return json.loads(lines[-1])


@pytest.fixture(scope="session")
def run_pyodide(pyodide_runtime: Path) -> Iterator[RunPyodide]:
    """``run_pyodide(code, packages=("pyinterface",)) -> object`` (the JSON-decoded result)."""

    def run(code: str, packages: Iterable[str] = DEFAULT_PACKAGES) -> Any:
        return run_in_runtime(pyodide_runtime, code, packages)

    yield run
