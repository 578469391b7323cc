"""Build the pyinterface wheel the browser installs, from the package files in use right now.

Why not ``pip wheel``: a user who ``pip install``-ed pyinterface has no source tree to build
from, only the installed package folder. That folder *is* the pure-Python wheel's content,
so the wheel is written straight from it with ``zipfile`` plus the three ``.dist-info``
files a wheel needs (``METADATA``, ``WHEEL``, ``RECORD``). The same code works from a
checkout, an editable install and a site-packages install, needs no build backend and no
network, and is byte-for-byte reproducible (fixed timestamps, sorted entries).

Wheels are cached by the hash of their content under ``<cache>/wheels/``, so exporting
twice with an unchanged package reuses the file.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
import zipfile
from pathlib import Path

__all__ = ["WHEEL_TAG", "build_pyinterface_wheel", "package_files"]

#: pyinterface is pure Python: one wheel runs on CPython and Pyodide alike.
WHEEL_TAG = "py3-none-any"
#: Fixed zip timestamps keep the wheel (and so its sha256 in the lock) reproducible.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: The browser needs neither the caches nor the build-time tooling (export, serve, the command
#: line, vendoring, and the JS bridge copy a pip-installed wheel carries in it): the page's wheel
#: holds the library and the worker side only.
_SKIP_DIRS = frozenset({"__pycache__", "_site"})
_TOOLING = "tooling"
_SKIP_SUFFIXES = (".pyc", ".pyo")


def _package_dir() -> Path:
    import pyinterface

    return Path(pyinterface.__file__).resolve().parent


def package_files(package_dir: Path | None = None) -> list[tuple[str, Path]]:
    """(archive name, file) for every file of the installed package, sorted, caches skipped."""
    root = package_dir or _package_dir()
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(root):
        top = Path(folder) == root
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".") and not (top and d == _TOOLING))
        for name in files:
            if name.endswith(_SKIP_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder) / name
            found.append((f"{root.name}/{path.relative_to(root).as_posix()}", path))
    return sorted(found)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def _dist_info(name: str, version: str) -> dict[str, bytes]:
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {name}\n"
        f"Version: {version}\n"
        "Summary: Gradio 3's Interface, running entirely in the browser on Pyodide.\n"
        "Requires-Python: >=3.11\n"
    )
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: pyinterface.tooling._wheel\n"
        "Root-Is-Purelib: true\n"
        f"Tag: {WHEEL_TAG}\n"
    )
    return {"METADATA": metadata.encode(), "WHEEL": wheel.encode(), "top_level.txt": f"{name}\n".encode()}


def _write_wheel(dest: Path, entries: list[tuple[str, bytes]], dist_info: str) -> None:
    record_lines = [f"{arcname},{_record_hash(data)},{len(data)}" for arcname, data in entries]
    record_lines.append(f"{dist_info}/RECORD,,")
    entries = [*entries, (f"{dist_info}/RECORD", ("\n".join(record_lines) + "\n").encode())]
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


def build_pyinterface_wheel(cache_dir: Path | None = None, *, package_dir: Path | None = None) -> Path:
    """Return a wheel of the pyinterface package files in use, building it if not cached.

    ``cache_dir`` defaults to ``<runtime cache>/wheels`` (``$PYINTERFACE_CACHE`` or
    ``~/.cache/pyinterface``). The wheel's name is the standard
    ``pyinterface-<version>-py3-none-any.whl`` (pyodide-lock reads name and tags from it);
    its folder is named after the content hash, so a changed file gives a new wheel.
    """
    from pyinterface import __version__
    from pyinterface.tooling.runtime import cache_root

    # The import name, not the PyPI distribution's (pyinterface-app): the page never meets PyPI,
    # and the worker and the lock know the package as "pyinterface".
    name = "pyinterface"
    dist_info = f"{name}-{__version__}.dist-info"
    entries = [(arcname, path.read_bytes()) for arcname, path in package_files(package_dir)]
    entries += [(f"{dist_info}/{file}", data) for file, data in _dist_info(name, __version__).items()]

    digest = hashlib.sha256()
    for arcname, data in entries:
        digest.update(arcname.encode() + b"\0" + hashlib.sha256(data).digest())
    folder = Path(cache_dir or cache_root() / "wheels") / f"{name}-{__version__}-{digest.hexdigest()[:16]}"
    wheel = folder / f"{name}-{__version__}-{WHEEL_TAG}.whl"
    if wheel.is_file():
        return wheel
    folder.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed: a concurrent export never sees half a zip.
    fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".whl", dir=folder)
    os.close(fd)
    try:
        _write_wheel(Path(tmp), entries, dist_info)
        os.replace(tmp, wheel)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return wheel
