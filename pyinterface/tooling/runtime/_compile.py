"""Byte-compiling a site's runtime at export: ``.pyc`` for CPython 3.12 in the stdlib zip and the wheels.

Pyodide's ``python_stdlib.zip`` and pure-Python wheels carry only sources, so every page load
compiles each module it imports (most of ``loadPyodide``'s ``finalizeBootstrap``). Compiling once
here saves that in every visitor's browser.

The ``.pyc`` must be made by a Python 3.12 (Pyodide 0.27.7 runs 3.12.7; the bytecode format of a
minor release is fixed, so any 3.12.x writes what it loads), while the tooling runs on 3.11. So a
3.12 compiler is looked for, in this order:

1. CPython 3.12 on ``PATH`` (``python3.12``) or in pyenv (``$PYENV_ROOT/versions/3.12.*``);
2. the runtime itself, booted under Node (it *is* 3.12);
3. none: the runtime is written as shipped and :func:`compile_runtime` returns a one-line note.

Every ``.pyc`` is written with ``unchecked-hash`` invalidation: Pyodide unpacks wheels with new
mtimes, and a hash-based ``.pyc`` does not depend on them. What is compiled, and where it goes:

- a wheel (pyinterface's, Pyodide's own such as numpy's, the app's requirements): every module
  but its tests, as ``name.pyc`` *instead of* ``name.py``. A page whose packages are all pure
  Python imports its wheels straight from the zip (``zipimport``, so the boot can be
  snapshotted, site/snapshot.mjs), and ``zipimport`` only reads ``name.pyc`` beside a module,
  never ``__pycache__``; unpacked by ``loadPackage`` the same files load sourceless too.
  Measured under Node on a busy machine: ``import pyinterface._worker`` from the zip 0.7-1.0 s
  with sources against 0.18 s; ``import numpy`` 3.1 s against 0.9 s. Sources kept beside
  ``__pycache__`` files would add their size again (numpy 3.1 MB as shipped, 4.5 MB with both,
  3.6 MB sourceless). Frames in that code show file and line but no source text (pyinterface's
  are left out of the app's tracebacks anyway). ``RECORD`` lists what the wheel now holds;
- the stdlib zip: only the modules a page loads (:mod:`._stdlib_imports`, about 170 of 511;
  the others then move to a second zip that a visit downloads only when it imports one of them,
  :mod:`._stdlib_split`),
  as ``name.pyc`` *instead of* ``name.py``, which ``zipimport`` loads sourceless, as Pyodide's
  own compiled builds do. Compiling everything, or keeping those sources too, adds 4 MB
  (1.7 MB) to every first visit for no faster boot; this adds 0.8 MB. A traceback through one
  of those stdlib modules shows no source line. Code is named ``/lib/python312.zip/<member>``,
  the name ``zipimport`` would give it.

Output is reproducible (same archive and compiler, same bytes: entries keep their order, dates
and compression; the compiler runs with a fixed hash seed) and cached under
``<cache>/pyc/``, keyed by the archive's sha256 and the compiler, so a second export copies files.
``PYINTERFACE_NO_PYC=1`` turns the step off (the note says so).
"""

from __future__ import annotations

import base64
import copy
import csv
import glob
import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._hashing import sha256_file
from ._pins import PYODIDE_VERSION
from ._stdlib_split import add_finder, split_stdlib

if TYPE_CHECKING:
    from pyodide_lock import PyodideLockSpec

__all__ = [
    "PYC_MAGIC_312", "STDLIB_ZIP", "Archive", "CompileError", "Compiler", "compile_archives", "compile_runtime",
    "compile_site_runtime", "find_compiler", "wheel_archive",
]  # fmt: skip

_log = logging.getLogger("pyinterface.tooling.runtime")
#: The core file holding the stdlib.
STDLIB_ZIP = "python_stdlib.zip"
#: The magic number of CPython 3.12's ``.pyc`` (``importlib.util.MAGIC_NUMBER``), as hex.
PYC_MAGIC_312 = "cb0d0d0a"
#: Where the runtime mounts the stdlib zip: ``zipimport`` names code from it ``/lib/python312.zip/<member>``.
_STDLIB_PREFIX = "/lib/python312.zip/"
#: Where a wheel's files land in the runtime (the loader renames code to the real path anyway).
_SITE_PACKAGES = "/lib/python3.12/site-packages/"
#: Bump when what this module writes changes, so older cached archives are not reused.
_FORMAT = "5"
_OFF_ENV = "PYINTERFACE_NO_PYC"
_PROBE_TIMEOUT_S = 30
#: Compiling the whole stdlib inside Pyodide under Node took 30 s on a busy 2-core machine.
_COMPILE_TIMEOUT_S = 600

#: Runs under the 3.12 compiler (CPython, or Pyodide under Node with ROOT mounted at the same
#: path): compiles each source listed in ROOT/jobs.json to ``<source>c``, reports in ROOT/result.json.
_DRIVER = """\
import json, py_compile, sys
root = sys.argv[1]
with open(root + "/jobs.json") as fh:
    jobs = json.load(fh)
failed = {}
for rel, dfile in jobs:
    path = root + "/" + rel
    try:
        py_compile.compile(path, cfile=path + "c", dfile=dfile, doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    except py_compile.PyCompileError as exc:
        failed[rel] = exc.msg.strip().splitlines()[-1]
with open(root + "/result.json", "w") as fh:
    json.dump({"version": sys.version, "failed": failed}, fh)
"""

#: Boots the runtime under Node, mounts ROOT and runs the driver inside it.
_NODE_DRIVER = """\
import path from "node:path";
import { pathToFileURL } from "node:url";
const [runtime, root] = process.argv.slice(-2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: runtime + path.sep, stdout: () => {}, stderr: (l) => console.error(l) });
py.FS.mkdirTree(root);
py.FS.mount(py.FS.filesystems.NODEFS, { root }, root);
py.globals.set("__root", root);
py.runPython("import runpy, sys; sys.argv = ['driver', __root]; runpy.run_path(__root + '/driver.py', run_name='__main__')");
"""


class CompileError(RuntimeError):
    """A 3.12 compiler was found but did not do its job."""


@dataclass(frozen=True)
class Compiler:
    """A Python 3.12 that writes ``.pyc`` for the runtime."""

    #: What it is, for notes and errors: ``"CPython 3.12.1 (/usr/bin/python3.12)"``.
    label: str
    #: The command that runs the driver (the CPython one takes it with ``-c``, the Node one reads
    #: ROOT/driver.py inside Pyodide); ROOT is appended.
    command: tuple[str, ...]
    #: Its exact version: part of the cache key, as another patch release may emit other bytes.
    version: str


# --------------------------------------------------------------------------- finding a compiler


def _pyenv_pythons() -> list[str]:
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = glob.glob(str(root / "versions" / "3.12.*" / "bin" / "python3.12"))

    def patch(path: str) -> tuple[int, ...]:
        tail = Path(path).parents[1].name.split(".")[2]
        return (int(tail),) if tail.isdigit() else (-1,)

    return sorted(found, key=patch, reverse=True)  # the newest patch release is the closest to 3.12.7


def _probe_cpython(executable: str) -> Compiler | None:
    """The interpreter as a compiler if it really is 3.12 (a pyenv shim may only say it is not)."""
    probe = "import importlib.util, sys; print(importlib.util.MAGIC_NUMBER.hex()); print(sys.version)"
    try:
        proc = subprocess.run([executable, "-c", probe], capture_output=True, text=True,
                              timeout=_PROBE_TIMEOUT_S, env=_clean_env(), check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = proc.stdout.splitlines()
    if proc.returncode != 0 or len(lines) < 2 or lines[0] != PYC_MAGIC_312:
        return None
    version = lines[1].split()[0]
    return Compiler(f"CPython {version} ({executable})", (executable, "-s", "-S", "-c", _DRIVER), lines[1])


def find_compiler(runtime: Path) -> tuple[Compiler | None, str]:
    """The first 3.12 compiler available (see the module docstring), or None and why not.

    ``runtime`` is a vendored runtime folder (it has ``pyodide.mjs``), used under Node.
    """
    seen: set[str] = set()
    for candidate in [shutil.which("python3.12"), *_pyenv_pythons()]:
        if candidate is None or candidate in seen:
            continue
        seen.add(candidate)
        if (compiler := _probe_cpython(candidate)) is not None:
            return compiler, ""
    node = shutil.which("node")
    if node is not None and (Path(runtime) / "pyodide.mjs").is_file():
        command = (node, "--input-type=module", "-e", _NODE_DRIVER, "--", str(Path(runtime).resolve()))
        return Compiler(f"Pyodide {PYODIDE_VERSION} under Node ({node})", command, f"pyodide-{PYODIDE_VERSION}"), ""
    return None, "no Python 3.12 (python3.12 on PATH or in pyenv) and no Node.js to compile inside Pyodide"


def _clean_env() -> dict[str, str]:
    # A fixed hash seed keeps set/frozenset constants in one order; the user's PYTHON* settings
    # (a PYTHONPATH for 3.11, PYTHONOPTIMIZE) must not reach the 3.12 compiler.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    return env


# --------------------------------------------------------------------------- what is compiled where


@dataclass(frozen=True)
class Archive:
    """One zip to compile: which ``.py`` members (each replaced by its ``.pyc``), and whether it is a wheel."""

    path: Path
    #: The ``.py`` members to compile.
    members: frozenset[str]
    #: A wheel: its code is named for site-packages and its ``RECORD`` is rewritten; else the stdlib zip.
    is_wheel: bool = False

    def pyc_name(self, member: str) -> str:
        """``name.pyc`` where ``name.py`` was: what ``zipimport`` and the sourceless loader read."""
        return member + "c"

    def code_name(self, member: str) -> str:
        """The file name compiled into the code: what the runtime's own import would give it."""
        return (_SITE_PACKAGES if self.is_wheel else _STDLIB_PREFIX) + member

    def cache_key(self, compiler: Compiler) -> str:
        parts = [_FORMAT, compiler.version, str(self.is_wheel), *sorted(self.members)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def wheel_archive(path: Path) -> Archive:
    """Every module of a wheel but its tests (a page never runs them; they stay as shipped)."""
    from ._stdlib_imports import is_test_member

    with zipfile.ZipFile(path) as zf:
        members = frozenset(
            n for n in zf.namelist()
            if n.endswith(".py") and not n.split("/", 1)[0].endswith((".dist-info", ".data")) and not is_test_member(n)
        )
    return Archive(Path(path), members, is_wheel=True)


# --------------------------------------------------------------------------- compiling


def _run_compiler(compiler: Compiler, root: Path, jobs: list[tuple[str, str]]) -> dict[str, str]:
    """Compile ``jobs`` (source under ``root``, file name for its code); return the failures."""
    (root / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    (root / "driver.py").write_text(_DRIVER, encoding="utf-8")
    try:
        proc = subprocess.run([*compiler.command, str(root)], capture_output=True, text=True,
                              timeout=_COMPILE_TIMEOUT_S, env=_clean_env(), check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CompileError(f"{compiler.label} failed to run: {exc}") from exc
    result_file = root / "result.json"
    if proc.returncode != 0 or not result_file.is_file():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise CompileError(f"{compiler.label} exited with {proc.returncode}: {tail}")
    return json.loads(result_file.read_text(encoding="utf-8"))["failed"]


def _record_row(name: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return [name, f"sha256={digest}", str(len(data))]


def _rewrite_record(record: bytes, rows: list[list[str]], removed: set[str]) -> bytes:
    """``RECORD`` without the ``removed`` files' rows, with ``rows`` added before its own (unhashed) row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(row for row in csv.reader(io.StringIO(record.decode("utf-8"))) if row and row[0] not in removed)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _rewrite(archive: Archive, dest: Path, pycs: dict[str, bytes]) -> None:
    """The archive with each compiled member's ``.pyc`` (same date, mode and compression) after
    its source, or instead of it; a wheel's ``RECORD`` last, listing what it now holds."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    added: list[list[str]] = []
    removed: set[str] = set()
    with zipfile.ZipFile(archive.path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        record = None
        for info in zin.infolist():
            if archive.is_wheel and info.filename.endswith(".dist-info/RECORD"):
                record = info
                continue
            data = zin.read(info)
            pyc = pycs.get(info.filename)
            if pyc is None:
                zout.writestr(copy.copy(info), data)  # a copy: writestr sets the offset of the info it gets
            else:
                removed.add(info.filename)
            if pyc is not None:
                new = zipfile.ZipInfo(archive.pyc_name(info.filename), date_time=info.date_time)
                new.compress_type, new.external_attr = info.compress_type, info.external_attr
                zout.writestr(new, pyc)
                added.append(_record_row(new.filename, pyc))
        if record is not None:
            zout.writestr(copy.copy(record), _rewrite_record(zin.read(record), added, removed))
    os.replace(tmp, dest)


def compile_archives(archives: Sequence[Archive], compiler: Compiler, cache: Path) -> dict[Path, Path]:
    """Each archive's compiled copy in ``cache`` (made with one run of ``compiler`` for all
    archives not cached yet). Raises :class:`CompileError` when the compiler fails."""
    cache.mkdir(parents=True, exist_ok=True)
    out: dict[Path, Path] = {}
    todo: list[tuple[Archive, Path]] = []
    for archive in archives:
        cached = cache / f"{sha256_file(archive.path)}-{archive.cache_key(compiler)}{archive.path.suffix}"
        out[archive.path] = cached
        if not cached.is_file():
            todo.append((archive, cached))
    if not todo:
        return out
    with tempfile.TemporaryDirectory(prefix="pyinterface-pyc-") as tmp:
        root = Path(tmp)
        jobs: list[tuple[str, str]] = []
        for index, (archive, _) in enumerate(todo):
            with zipfile.ZipFile(archive.path) as zf:
                for name in sorted(archive.members):
                    rel = f"{index}/{name}"
                    (root / rel).parent.mkdir(parents=True, exist_ok=True)
                    (root / rel).write_bytes(zf.read(name))
                    jobs.append((rel, archive.code_name(name)))
        failed = _run_compiler(compiler, root, jobs)
        for index, (archive, cached) in enumerate(todo):
            # A source that does not compile (a Python 2 test file, say) stays a source, as
            # compileall leaves it; importing it fails in the page exactly as it would have.
            pycs = {
                name: (root / f"{index}/{name}c").read_bytes()
                for name in archive.members
                if f"{index}/{name}" not in failed
            }
            _rewrite(archive, cached, pycs)
    return out


def _stdlib_archive(path: Path, wheels: Sequence[Path], cache: Path, apps: Sequence[Path] = ()) -> Archive:
    """The stdlib zip, compiling the modules a page loads (with the ``apps``' own imports); the
    (slow) search is cached."""
    from ._stdlib_imports import BOOT_ROOTS, loaded_stdlib_members

    parts = [_FORMAT, *BOOT_ROOTS, *(sha256_file(p) for p in [path, *wheels, *apps])]
    key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    found = cache / f"stdlib-members-{key[:32]}.json"
    try:
        members = json.loads(found.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        members = sorted(loaded_stdlib_members(path, wheels, apps))
        tmp = found.with_name(f".{found.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(members), encoding="utf-8")
        os.replace(tmp, found)
    return Archive(path, frozenset(members))


def compile_runtime(
    dest: Path, *, stdlib: str, wheels: Sequence[str], source: Path, cache: Path, apps: Sequence[Path] = ()
) -> tuple[dict[str, str], str]:
    """Replace the stdlib zip and ``wheels`` (file names in ``dest``) by their compiled copies.

    Returns (file name -> new sha256 for each replaced file, a note: empty, or one line saying
    what was skipped and why). ``source`` is the vendored runtime (booted under Node when no
    CPython 3.12 is found); ``cache`` holds the compiled archives.
    """
    if os.environ.get(_OFF_ENV, "") not in ("", "0"):
        return {}, f"note: the runtime was not byte-compiled ({_OFF_ENV} is set); pages compile Python as they boot."
    compiler, why = find_compiler(source)
    if compiler is None:
        return {}, (
            f"note: the runtime was not byte-compiled ({why}); the app works but boots slower. "
            "Install Python 3.12 or Node.js and export again."
        )
    dest = Path(dest)
    wheel_paths = [dest / name for name in wheels]
    not_zips = [p.name for p in [dest / stdlib, *wheel_paths] if not zipfile.is_zipfile(p)]
    if not_zips:
        return {}, f"note: the runtime was not byte-compiled: {', '.join(not_zips)} is not a zip file."
    cache.mkdir(parents=True, exist_ok=True)
    boot = _stdlib_archive(dest / stdlib, wheel_paths, cache, apps)
    # The modules a page does not load at start move to a second zip after compiling; the
    # finder that fetches it on first use is compiled with the rest (_stdlib_split).
    boot = Archive(boot.path, boot.members | {add_finder(boot.path, boot.members)})
    archives = [boot, *map(wheel_archive, wheel_paths)]
    try:
        compiled = compile_archives(archives, compiler, cache)
    except CompileError as exc:
        return {}, f"note: the runtime was not byte-compiled: {exc}"
    shas: dict[str, str] = {}
    for path, cached in compiled.items():
        tmp = path.with_name(f".{path.name}.tmp")
        shutil.copyfile(cached, tmp)
        os.replace(tmp, path)
        shas[path.name] = sha256_file(path)
    # What a page does not load at start moves to a second zip, fetched on first use.
    split_stdlib(dest / stdlib, boot.members)
    return shas, ""


def compile_site_runtime(
    dest: Path, spec: PyodideLockSpec, wheels: Sequence[str], *, source: Path, log: Callable[[str], object] | None,
    apps: Sequence[Path] = (),
) -> None:
    """:func:`compile_runtime` for :func:`~._site.write_runtime`: the stdlib zip and ``wheels``
    in ``dest``, with the lock ``spec`` given each replaced file's sha256 (the page checks it)."""
    from ._vendor import cache_root

    shas, note = compile_runtime(dest, stdlib=STDLIB_ZIP, wheels=wheels, source=source, cache=cache_root() / "pyc", apps=apps)
    for package in spec.packages.values():
        if package.file_name in shas:
            package.sha256 = shas[package.file_name]
    if note:
        (log or _log.warning)(note)
