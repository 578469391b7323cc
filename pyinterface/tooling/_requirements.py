"""``export --requirements req.txt``: fetch the extra wheels an app needs, pure-Python only.

The page installs wheels from its own folder with no network, so every extra package is
downloaded now, with pip (its index settings, cache and hash checking apply), and only
``*-none-any`` wheels are accepted: a platform wheel (``cp312-manylinux``...) holds machine
code the browser cannot run. ``--no-deps`` keeps the set exactly what the file lists; a
wheel's dependencies must be listed too or be Pyodide packages (``write_runtime`` checks).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .export import ExportError

__all__ = ["download_wheels", "is_pure_wheel"]


def is_pure_wheel(wheel: Path) -> bool:
    """True for a wheel whose tags say it runs anywhere (``py3-none-any`` and the like)."""
    from packaging.utils import parse_wheel_filename

    _, _, _, tags = parse_wheel_filename(wheel.name)
    # "py2.py3-none-any" arrives split into one tag per interpreter.
    return any(t.abi == "none" and t.platform == "any" and t.interpreter.startswith("py3") for t in tags)


def download_wheels(requirements: Path, dest: Path) -> list[tuple[str, Path]]:
    """Download the wheels ``requirements`` lists into ``dest``; return (lock name, wheel) pairs.

    Relative paths in the file are read relative to the file's folder, as a reader expects.
    """
    from packaging.utils import canonicalize_name, parse_wheel_filename

    command = [
        sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--no-deps",
        "--disable-pip-version-check", "--no-input", "-q", "-r", str(requirements), "-d", str(dest),
    ]  # fmt: skip
    proc = subprocess.run(command, cwd=requirements.parent, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-10:])
        raise ExportError(
            f"--requirements {requirements}: `pip download` failed (exit {proc.returncode}):\n{tail}\n"
            "Every line must name a package with a pure-Python wheel on the index, or a local .whl file."
        )
    wheels = sorted(dest.glob("*.whl"))
    platform = [wheel.name for wheel in wheels if not is_pure_wheel(wheel)]
    if platform:
        raise ExportError(
            f"--requirements {requirements}: {', '.join(platform)} "
            f"{'is a platform wheel' if len(platform) == 1 else 'are platform wheels'} (compiled code), "
            "which the browser cannot install. Only pure-Python (*-none-any) wheels can be bundled; if "
            "Pyodide ships the package (numpy, pandas, pillow, ...), drop it from the file and just import it."
        )
    return [(canonicalize_name(parse_wheel_filename(wheel.name)[0]), wheel) for wheel in wheels]
