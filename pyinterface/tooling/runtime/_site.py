"""Writing a self-contained runtime folder for one site, with its own ``pyodide-lock.json``.

The folder holds the core files, the lock-closure of the packages an app needs and extra
wheels (pyinterface's own, the app's requirements); ``pyodide-lock`` extends the official
lock with those wheels. It is imported only inside :func:`write_runtime`, so vendoring and
``import pyinterface.tooling.runtime`` work without it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._compile import compile_site_runtime
from ._errors import RuntimeIntegrityError, RuntimeSourceError
from ._hashing import _copy_hashed, _redo_fix
from ._lock import _canonical, package_closure
from ._packages import ensure_package_files
from ._pins import CORE_FILES, MANIFEST_NAME, PYODIDE_VERSION, _LOCK_NAME
from ._vendor import _check_file, _read_manifest, ensure_runtime

if TYPE_CHECKING:
    from pyodide_lock import PyodideLockSpec


def _load_lock_tools() -> tuple[type[PyodideLockSpec], Any]:
    try:
        # add_wheels_to_spec imports packaging and pkginfo lazily: check them here, so a
        # missing one gets the message below instead of failing in the middle of an export.
        import packaging.requirements  # noqa: F401
        import pkginfo  # noqa: F401
        from pyodide_lock import PyodideLockSpec, utils
    except ImportError as exc:
        raise ImportError(
            f"write_runtime() needs pyodide-lock with its wheel extra ({exc}); "
            "install it with `pip install 'pyodide-lock[wheel]'`."
        ) from exc
    # pyodide-lock caches wheel metadata by path; a wheel rebuilt under the same name
    # (the usual case for an app's own wheel) must not get the old metadata.
    getattr(getattr(utils, "_wheel_metadata", None), "cache_clear", lambda: None)()
    return PyodideLockSpec, utils.add_wheels_to_spec


def write_runtime(
    dest: Path,
    *,
    packages: Iterable[str],
    wheels: Iterable[Path] = (),
    source: Path | None = None,
    log: Callable[[str], object] | None = None,
    apps: Iterable[Path] = (),
) -> Path:
    """Write a self-contained Pyodide folder for ``loadPyodide({indexURL: dest})``.

    Copies the core files, the lock-closure of ``packages`` (lock names, e.g. ``"numpy"``,
    ``"scikit-learn"``: any package of the lock; one not in the cache yet is added to it first,
    see :mod:`._packages`) and the extra pure-Python ``wheels`` into ``dest``, and writes
    ``dest/pyodide-lock.json``: the official lock keeping only what was copied, extended
    with the wheels by ``pyodide-lock``. A wheel's ``depends`` are evaluated for Pyodide
    (``sys_platform == "emscripten"``), so ``pyodide-lock; sys_platform != "emscripten"``
    is not a browser dependency, while what a wheel does need is pulled into the closure.
    Every copied file is hashed as it is copied and checked against its pin.

    ``source`` is a runtime from :func:`ensure_runtime` (the default cache if omitted).
    The stdlib zip and the wheels are byte-compiled for Python 3.12 (see :mod:`._compile`);
    ``log`` gets a one-line note when that is skipped (default: a logging warning). ``apps``:
    the ``.py`` files of the apps the site runs; the stdlib modules they import are compiled
    and shipped in the stdlib zip, the rest fetched on first use (:mod:`._stdlib_split`).
    Files already in ``dest`` that this does not write are left alone. Returns ``dest``.
    """
    PyodideLockSpec, add_wheels_to_spec = _load_lock_tools()
    src = Path(source) if source is not None else ensure_runtime()
    manifest = _read_manifest(src)
    if manifest is None:
        raise RuntimeSourceError(
            f"{src} is not a runtime vendored by ensure_runtime() (no {MANIFEST_NAME})."
        )
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)

    # The lock itself is a core file: check it before trusting the sha256 values inside it.
    lock_info = manifest["files"][_LOCK_NAME]
    _check_file(src, _LOCK_NAME, lock_info["sha256"], "core", None)
    official = PyodideLockSpec.from_json(src / _LOCK_NAME)

    extra: list[Path] = []
    for wheel in wheels:
        wheel = Path(wheel)
        if wheel.suffix != ".whl" or not wheel.is_file():
            raise FileNotFoundError(f"{wheel} is not a wheel file; build it first (pip wheel).")
        copied = dest / wheel.name
        if wheel.resolve() != copied.resolve():
            shutil.copyfile(wheel, copied)
        extra.append(copied)
    try:
        spec = add_wheels_to_spec(official, extra, base_path=dest)
    except RuntimeError as exc:
        raise RuntimeSourceError(
            f"cannot add {[w.name for w in extra]} to the Pyodide {PYODIDE_VERSION} lock: {exc} "
            "A wheel may only depend (under sys_platform == 'emscripten') on packages of the "
            "Pyodide lock or on other wheels passed to write_runtime()."
        ) from exc
    added = {name for name in spec.packages if name not in official.packages} | {
        _canonical(w.name.split("-")[0]) for w in extra
    }
    added &= set(spec.packages)

    depends = {name: list(p.depends) for name, p in spec.packages.items()}
    closure = package_closure([*packages, *added], depends)
    # Every package of the lock can be had: one not in the cache yet is added to it now.
    ensure_package_files(src, {
        name: (official.packages[name].file_name, official.packages[name].sha256) for name in closure if name not in added
    })

    for name in CORE_FILES:
        if name != _LOCK_NAME:
            _copy_checked(src / name, dest / name, manifest["files"][name]["sha256"], src)
    for name in closure:
        if name not in added:
            p = official.packages[name]
            _copy_checked(src / p.file_name, dest / p.file_name, p.sha256, src)

    spec.packages = {name: spec.packages[name] for name in closure}
    for p in spec.packages.values():
        if Path(p.file_name).is_absolute() or "://" in p.file_name or ".." in Path(p.file_name).parts:
            raise RuntimeSourceError(f"lock entry {p.name!r} has a non-relative file name {p.file_name!r}")
    # .pyc for Python 3.12 in the stdlib zip and every wheel, ours and Pyodide's (their Python
    # modules ship as sources: numpy's 174 compiled at each import); see ._compile. ``log`` gets
    # a one-line note when no 3.12 compiler is found and the files stay as shipped.
    wheels_written = [p.file_name for p in spec.packages.values() if p.file_name.endswith(".whl")]
    compile_site_runtime(dest, spec, wheels_written, source=src, log=log, apps=list(apps))
    tmp_lock = dest / f".{_LOCK_NAME}.tmp"
    spec.to_json(tmp_lock)
    os.replace(tmp_lock, dest / _LOCK_NAME)
    return dest


def _copy_checked(src: Path, dest: Path, expected: str, runtime: Path) -> None:
    if not src.is_file():
        raise RuntimeIntegrityError(src, expected, "missing file", _redo_fix(runtime))
    tmp = dest.with_name(f".{dest.name}.tmp")
    with src.open("rb") as fh:
        actual, _ = _copy_hashed(fh, tmp)
    if actual != expected:
        tmp.unlink()
        raise RuntimeIntegrityError(src, expected, actual, _redo_fix(runtime))
    os.replace(tmp, dest)
