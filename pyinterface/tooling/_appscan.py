"""Learn what an app builds by running it under CPython in a child process.

The exporter needs the app's Interface config and the modules the app imports, and it must
see them exactly as ``python app.py`` would: the app's own imports, its folder on
``sys.path``, ``__name__ == "__main__"`` so a ``demo.launch()`` guard runs. A child process
keeps the app's imports, globals and side effects out of the exporter, and gives every
export a clean ``sys.modules`` to diff against. An audit hook (``sys.addaudithook``) notes the
files inside the app's folder that the app opens for reading while it runs: ``open()``,
``np.load``, ``PIL.Image.open`` and a ``css=`` path all raise the ``open`` audit event, so the
export ships the data files the app reads without the user listing them.

The child is ``python -m pyinterface.tooling._appscan APP RESULT TIMEOUT DUMP CACHE``: it sets
``pyinterface._launch.recording`` (launch() only records), runs the app, and writes a JSON
:class:`AppScan` to ``RESULT``. On failure it prints the app's traceback to stderr and
writes ``{"error": "<one line>"}`` instead. Then, for ``cache_examples=True``, it runs fn on the
examples, recording each in ``CACHE`` (:mod:`pyinterface.tooling._cache_examples`). An app still
running after ``TIMEOUT`` seconds (importing, or caching its examples) is stopped, its stack
written to ``DUMP`` (see :mod:`pyinterface.tooling._scanlimit`); examples not cached by then are
left to the page.
"""

from __future__ import annotations

import faulthandler
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._cache_examples import CachedExamples, read_record, record_examples
from ._scanlimit import DEFAULT_TIMEOUT, PARENT_GRACE, check_timeout, overrun_message

__all__ = ["AppError", "AppScan", "scan_app"]


class AppError(Exception):
    """The app failed to run or built no Interface; the message is one line naming the file.

    ``traceback_printed`` says whether the app's traceback went to stderr just before.
    """

    def __init__(self, message: str, *, traceback_printed: bool = False) -> None:
        super().__init__(message)
        self.traceback_printed = traceback_printed


@dataclass(frozen=True)
class AppScan:
    """What running an app under CPython showed."""

    #: ``Interface.config()`` of the launched Interface (or the global ``demo``).
    config: dict[str, Any]
    #: Top-level modules the app imported -> the file they came from (None for built-ins).
    modules: dict[str, str | None]
    #: Pyodide packages the Interface's components and interpretation need (``Interface.pyodide_packages``).
    packages: list[str]
    #: The app loaded a Hub model or Space (``gr.load``) while it ran: the page then needs
    #: pyodide-http for the blocking requests that load makes at import time.
    uses_hub: bool = False
    #: Files inside the app's folder the app opened for reading (posix paths relative to it).
    opened: tuple[str, ...] = ()
    #: ``cache_examples=True``: fn's outputs for the examples (None: the app does not cache them).
    cached: CachedExamples | None = None


def scan_app(app: Path, env: Mapping[str, str] | None = None, path: Sequence[Path] = (),
             timeout: float = DEFAULT_TIMEOUT) -> AppScan:
    """Run ``app`` in a child CPython; raise :class:`AppError` if it fails (traceback already printed).

    ``env`` adds environment variables for the child (the export's ``HF_ENDPOINT`` and
    ``HF_INFERENCE_ENDPOINT``, so ``gr.load`` asks the same Hub the page will). ``path`` goes
    on the child's ``PYTHONPATH``: the pure-Python wheels of ``--requirements``, importable as
    they are (zipimport), so the app runs here as on the page without installing them.
    ``timeout``: seconds the app may take to build its Interface; past it the child is stopped
    and the error names the line it was on."""
    app = Path(app).resolve()
    try:
        timeout = check_timeout(timeout)
    except ValueError as exc:
        raise AppError(f"{app.name}: {exc}") from None
    with tempfile.TemporaryDirectory(prefix="pyinterface-scan-") as tmp:
        result, dump, record = Path(tmp) / "result.json", Path(tmp) / "stack.txt", Path(tmp) / "cache.jsonl"
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "pyinterface.tooling._appscan", str(app), str(result), repr(timeout), str(dump),
                 str(record)],
                cwd=app.parent,
                env={**_child_env(path), **(env or {})},
                check=False,
                timeout=timeout + PARENT_GRACE,
            )
        except subprocess.TimeoutExpired:  # run() has killed it; the watchdog could not run
            raise AppError(overrun_message(app, timeout, "")) from None
        stack = dump.read_text(encoding="utf-8", errors="replace") if dump.is_file() else ""
        try:
            data = json.loads(result.read_text(encoding="utf-8") or "{}") if result.is_file() else {}
        except ValueError:
            data = {}
        examples = (data.get("config") or {}).get("examples") or {}
        cached = read_record(record, len(examples.get("samples", ())), timeout, stack, app.parent)
    if stack.strip() and "config" not in data:
        raise AppError(overrun_message(app, timeout, stack))
    caching_overran = cached is not None and cached.stopped_at is not None  # the Interface was built in time
    if (proc.returncode != 0 and not caching_overran) or "error" in data or "config" not in data:
        summary = data.get("error") or f"the Python process running it exited with status {proc.returncode}"
        raise AppError(f"{app.name}: {summary}", traceback_printed=bool(data.get("traceback")))
    return AppScan(
        config=data["config"],
        modules=data["modules"],
        packages=list(data["packages"]),
        uses_hub=bool(data.get("uses_hub")),
        opened=tuple(data.get("opened", ())),
        cached=cached,
    )


def _child_env(extra: Sequence[Path] = ()) -> dict[str, str]:
    """The child must import the same pyinterface as this process; from a checkout that is
    not installed, that means putting the checkout on PYTHONPATH (never site-packages, which
    would then shadow the standard library). ``extra`` entries come first."""
    import site

    env = dict(os.environ)
    here = Path(__file__).resolve().parents[2]
    installed = {Path(p).resolve() for p in [*site.getsitepackages(), site.getusersitepackages()]}
    entries = [str(p) for p in extra] + ([str(here)] if here not in installed else [])
    if entries:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [*entries, env.get("PYTHONPATH")]))
    return env


# --------------------------------------------------------------------------- child side


#: Characters of an ``open()`` mode that writes (``os.open`` reports no mode, only flags).
_WRITE_MODE_CHARACTERS = frozenset("wax+")


def _record_reads(seen: set[str]) -> None:
    """Add to ``seen`` the absolute path of every file opened for reading from now on."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or not args:
            return
        path, mode = args[0], args[1] if len(args) > 1 else "r"
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        if isinstance(path, os.PathLike):
            path = os.fspath(path)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str):
            return  # a file descriptor: already open
        if mode is None:
            if flags & (os.O_WRONLY | os.O_RDWR):
                return
        elif _WRITE_MODE_CHARACTERS & set(str(mode)):
            return
        seen.add(os.path.abspath(path))

    sys.addaudithook(hook)


def _opened_inside(seen: set[str], folder: Path) -> list[str]:
    """The recorded reads that are files inside ``folder`` (not bytecode caches), relative to it.

    Not resolved: a symlink inside the folder that leads out is reported as the app saw it, so
    the exporter can refuse it by name."""
    found = set()
    for name in seen:
        path = Path(name)
        if not path.is_relative_to(folder) or not path.is_file():
            continue
        relative = path.relative_to(folder)
        if "__pycache__" not in relative.parts and path.suffix not in (".pyc", ".pyo"):
            found.add(relative.as_posix())
    return sorted(found)


def _run(app: Path) -> tuple[dict[str, Any], Any]:
    """Run the app exactly as the browser worker does (same function), noting what it imports;
    return the scan and the Interface."""
    import pyinterface
    from pyinterface._launch import NoInterfaceError, run_app

    before = set(sys.modules)
    reads: set[str] = set()
    _record_reads(reads)
    try:
        interface = run_app(app, app.parent)
    except NoInterfaceError as exc:
        raise AppError(str(exc)) from None
    new_top = sorted({name.partition(".")[0] for name in set(sys.modules) - before} - {pyinterface.__name__})
    modules = {name: getattr(sys.modules.get(name), "__file__", None) for name in new_top}
    config = interface.config()
    json.dumps(config, allow_nan=False)  # fail here, naming the app, if the config is not plain JSON
    # pyinterface.hub itself is imported by `import pyinterface`; its _function module only
    # when a model or Space is actually loaded.
    uses_hub = "pyinterface.hub._function" in sys.modules
    return {
        "config": config, "modules": modules, "packages": interface.pyodide_packages(), "uses_hub": uses_hub,
        "opened": _opened_inside(set(reads), app.parent),
    }, interface


def main(argv: list[str]) -> int:
    app, result = Path(argv[0]).resolve(), Path(argv[1])
    with open(argv[3], "w", encoding="utf-8") as dump:
        # Armed before the app runs, so the limit covers importing its packages too; the watchdog
        # is a C thread, so it fires even while the app sleeps, loops or blocks on a read.
        faulthandler.dump_traceback_later(float(argv[2]), exit=True, file=dump)
        try:
            data, interface = _guarded_run(app)
            # Written before the examples run: if the time limit stops them, the scan stands.
            result.write_text(json.dumps(data), encoding="utf-8")
            if interface is not None and interface.cache_examples and interface.example_samples:
                record_examples(interface, Path(argv[4]))
        finally:
            faulthandler.cancel_dump_traceback_later()
    return 1 if "error" in data else 0


def _guarded_run(app: Path) -> tuple[dict[str, Any], Any]:
    try:
        return _run(app)
    except AppError as exc:
        return {"error": str(exc).removeprefix(f"{app.name} ")}, None
    except BaseException as exc:  # the app's own error, whatever it is: report it, never hide it
        from .._worker import _user_traceback  # the traceback the page would show, same frames

        print(_user_traceback(exc, app.parent), end="", file=sys.stderr)
        first_line = next(iter(str(exc).strip().splitlines()), "")
        summary = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
        return {"error": summary, "traceback": True}, None


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
