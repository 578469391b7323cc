"""``pyinterface export``: turn ``app.py`` into a static folder that runs it in the browser.

The folder (everything resolved now, so the page never reaches PyPI)::

    DIR/index.html            <pyinterface-app src="app/manifest.json"> + the bridge's script tag
    DIR/pyinterface/          the JS bridge (the repo's site/ without pages/ and test/)
    DIR/pyodide/              the pinned runtime: core files, the packages the app needs, the
                              pyinterface wheel and --requirements wheels, and a lock naming them
    DIR/app/manifest.json     {"entry", "files", "packages", "config"[, "hub"]}
    DIR/app/<files>           the app's folder

Every URL in it is relative, so it works at ``/``, under a sub-path (GitHub Pages) and from
any static server. Steps, each its own function: run the app under CPython to learn its
config and imports (:mod:`pyinterface._appscan`), decide the Pyodide packages, collect the
app's files, then write the folder.

An app that loads Hub models or Spaces (``gr.load``) gets pyodide-http (its blocking loads at
import time need synchronous requests) and, with ``--hf-endpoint`` / ``--hf-inference-endpoint``,
a ``"hub"`` entry the worker turns into ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT``. A token is
never exported: there is no flag for one, and ``HF_TOKEN`` is only seen by the export's own
run of the app; a visitor pastes theirs into the page.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._appscan import AppError, AppScan, scan_app
from .errors import PyinterfaceError

__all__ = [
    "AppError", "ExportError", "ExportResult", "MAX_APP_BYTES", "collect_app_files", "export_app", "hub_settings",
    "index_html", "needed_packages",
]

#: A larger app folder is refused: it is probably not meant to be shipped to every visitor.
MAX_APP_BYTES = 50 * 1024 * 1024
#: Folders never shipped with an app.
_SKIP_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv", "env"})
#: Lock name of the package that makes blocking Hub requests possible in the worker.
_HUB_SYNC_PACKAGE = "pyodide-http"


class ExportError(PyinterfaceError):
    """The app cannot be exported as asked; the message names the problem and the fix."""


@dataclass(frozen=True)
class ExportResult:
    out: Path
    entry: str
    files: list[str]
    packages: list[str]
    config: dict[str, Any]


# --------------------------------------------------------------------------- packages


def _import_names(runtime: Path, wheels: Sequence[tuple[str, Path]] = ()) -> dict[str, str]:
    """Import name -> lock package name, for what this runtime and the extra ``wheels`` ship."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import parse_top_level_import_name

    lock = PyodideLockSpec.from_json(runtime / "pyodide-lock.json")
    names: dict[str, str] = {}
    for name, spec in lock.packages.items():
        # A CPython module Pyodide splits out (ssl, lzma...) that is not vendored is skipped:
        # CPython imports some of them on its own, and Pyodide's stdlib fallback covers the rest.
        if spec.package_type == "package" or (runtime / spec.file_name).is_file():
            for module in spec.imports:
                names.setdefault(module, name)
    for name, wheel in wheels:
        for module in parse_top_level_import_name(wheel) or ():
            names[module] = name
    return names


def needed_packages(scan: AppScan, import_names: dict[str, str], app_dir: Path) -> tuple[list[str], list[str]]:
    """(Pyodide lock packages the app needs, warnings about imports the page may not satisfy)."""
    import sys

    packages: set[str] = set()
    warnings: list[str] = []
    for module, origin in sorted(scan.modules.items()):
        if module in import_names:
            packages.add(import_names[module])
        elif module in sys.stdlib_module_names or module.startswith("_") or origin is None:
            continue
        elif not Path(origin).resolve().is_relative_to(app_dir):
            warnings.append(
                f"the app imports {module!r} (from {origin}), which is neither a Pyodide package nor in "
                f"the app's folder: if the page needs it, add its pure-Python wheel with --requirements."
            )
    packages.update(scan.packages)  # what the Interface's components and interpretation import
    return sorted(packages), warnings


# --------------------------------------------------------------------------- app files


def _is_export(folder: Path) -> bool:
    return (folder / "app" / "manifest.json").is_file() and (folder / "pyodide").is_dir()


def _skip_dir(folder: Path, out: Path | None) -> bool:
    name = folder.name
    if name.startswith(".") or name in _SKIP_DIRS or name.endswith(".egg-info"):
        return True
    if (folder / "pyvenv.cfg").is_file() or _is_export(folder):
        return True
    return out is not None and folder.resolve() == out


def collect_app_files(
    app: Path, *, out: Path | None = None, include: Sequence[str] = (), max_bytes: int = MAX_APP_BYTES
) -> list[str]:
    """The app folder's files to ship (posix paths relative to it), the app file first.

    Skips caches, dotfiles, virtualenvs, node_modules, earlier exports and ``out``.
    ``include`` (glob patterns relative to the folder) narrows the set to what matches.
    """
    app = Path(app).resolve()
    root = app.parent
    out = Path(out).resolve() if out is not None else None
    files: list[tuple[str, int]] = []
    stack, seen = [root], {root}
    while stack:
        folder = stack.pop()
        for path in sorted(folder.iterdir()):
            if path.is_dir():
                if not _skip_dir(path, out) and path.resolve() not in seen:  # a symlink loop ends here
                    seen.add(path.resolve())
                    stack.append(path)
            elif path.is_file() and not path.name.startswith(".") and path.suffix not in (".pyc", ".pyo"):
                relative = path.relative_to(root)
                if path == app or not include or any(relative.match(p) or relative.as_posix() == p for p in include):
                    files.append((relative.as_posix(), path.stat().st_size))
    total = sum(size for _, size in files)
    if total > max_bytes:
        largest = ", ".join(f"{name} ({size / 1e6:.1f} MB)" for name, size in sorted(files, key=lambda f: -f[1])[:3])
        raise ExportError(
            f"the app folder {root} holds {total / 1e6:.1f} MB in {len(files)} files, more than the "
            f"{max_bytes / 1e6:.0f} MB every visitor would download (largest: {largest}). Move the app "
            "into a folder of its own, or pass --include PATTERN for the files it needs "
            "(e.g. --include 'data/*.png')."
        )
    entry = app.relative_to(root).as_posix()
    return [entry] + sorted(name for name, _ in files if name != entry)


# --------------------------------------------------------------------------- the folder


def _prepare_out(out: Path) -> None:
    """Create ``out``, or clear a previous export in it; refuse to write over anything else."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out {out} is a file; give a folder (it is created if missing).")
    if out.is_dir() and any(out.iterdir()):
        if not ((out / "index.html").is_file() and _is_export(out)):
            raise ExportError(
                f"--out {out} is not empty and holds no earlier export; choose a new or empty folder "
                "(an earlier export there is replaced)."
            )
        for name in ("app", "pyinterface", "pyodide"):
            shutil.rmtree(out / name, ignore_errors=True)
        (out / "index.html").unlink()
    out.mkdir(parents=True, exist_ok=True)


def index_html(title: str, *, stylesheet: bool) -> str:
    """The page: one ``<pyinterface-app>`` element and the bridge's module script, all relative."""
    link = '  <link rel="stylesheet" href="pyinterface/pyinterface.css">\n' if stylesheet else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{html.escape(title)}</title>\n"
        f"{link}"
        '  <script type="module" src="pyinterface/pyinterface.mjs"></script>\n'
        "</head>\n"
        "<body>\n"
        "  <noscript>This app runs Python in your browser: please enable JavaScript to use it.</noscript>\n"
        '  <pyinterface-app src="app/manifest.json"></pyinterface-app>\n'
        "</body>\n"
        "</html>\n"
    )


def hub_settings(hf_endpoint: str | None, hf_inference_endpoint: str | None) -> dict[str, str]:
    """The manifest's ``"hub"`` entry: the endpoints given, as http(s) URLs without a trailing slash."""
    from urllib.parse import urlsplit

    from .hub._settings import DEFAULT_HUB_ENDPOINT, DEFAULT_INFERENCE_ENDPOINT

    settings: dict[str, str] = {}
    for key, flag, value, default in (
        ("endpoint", "--hf-endpoint", hf_endpoint, DEFAULT_HUB_ENDPOINT),
        ("inference_endpoint", "--hf-inference-endpoint", hf_inference_endpoint, DEFAULT_INFERENCE_ENDPOINT),
    ):
        if value is None:
            continue
        url = value.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ExportError(
                f"{flag} must be an http(s) URL such as {default!r}, got {value!r}. "
                f"Fix it, or leave {flag} out to use {default}."
            )
        settings[key] = url
    return settings


def _hub_env(settings: dict[str, str]) -> dict[str, str]:
    """What the export's run of the app sees: the same Hub as the page."""
    from .hub._settings import ENDPOINT_VARIABLES

    return {ENDPOINT_VARIABLES[key]: value for key, value in settings.items()}


def _copy_bridge(dest: Path) -> bool:
    """Copy the JS bridge and its vendored npm libraries to ``dest`` (not its pages or tests);
    return whether it has a stylesheet."""
    from . import _frontend

    vendor = _frontend.ensure_frontend_vendor()
    shutil.copytree(_frontend.site_dir(), dest, ignore=shutil.ignore_patterns("pages", "test", "vendor", "node_modules", ".*"))
    shutil.copytree(vendor, dest / "vendor", ignore=shutil.ignore_patterns(".*"))
    return (dest / "pyinterface.css").is_file()


def export_app(
    app: str | Path,
    out: str | Path,
    *,
    requirements: str | Path | None = None,
    include: Sequence[str] = (),
    log: Callable[[str], object] | None = None,
    hf_endpoint: str | None = None,
    hf_inference_endpoint: str | None = None,
) -> ExportResult:
    """Export ``app`` to the static folder ``out`` (see the module docstring).

    ``hf_endpoint`` / ``hf_inference_endpoint`` set the Hub API and inference bases the page
    (and the export's own run of the app) use for ``gr.load``; the page's
    ``<pyinterface-app hf-endpoint=... hf-inference-endpoint=...>`` attributes override them.

    Raises :class:`ExportError` (bad arguments, a folder too large, a platform wheel) and
    :class:`~pyinterface._appscan.AppError` (the app failed; its traceback is on stderr).
    ``log(str)`` receives progress and warnings (default: print to stderr).
    """
    import sys

    from . import runtime
    from ._requirements import download_wheels
    from ._wheel import build_pyinterface_wheel

    say = log or (lambda message: print(message, file=sys.stderr))
    app, out = Path(app).resolve(), Path(out).resolve()
    if not app.is_file() or app.suffix != ".py":
        raise ExportError(f"APP must be a Python file such as app.py; {app} is not one.")
    if app.parent == out or app.parent.is_relative_to(out):
        raise ExportError(f"--out {out} contains the app itself; choose a folder of its own, e.g. {app.parent / 'site-out'}.")
    req = Path(requirements).resolve() if requirements is not None else None
    if req is not None and not req.is_file():
        raise ExportError(f"--requirements {requirements}: no such file.")

    hub = hub_settings(hf_endpoint, hf_inference_endpoint)
    scan = scan_app(app, env=_hub_env(hub))
    files = collect_app_files(app, out=out, include=include)
    source = runtime.ensure_runtime()
    with tempfile.TemporaryDirectory(prefix="pyinterface-wheels-") as downloads:
        extra = download_wheels(req, Path(downloads)) if req is not None else []
        if scan.uses_hub and _HUB_SYNC_PACKAGE not in {name for name, _ in extra}:
            # The pinned PyPI wheel replaces the lock entry, whose file is not vendored.
            extra.append((_HUB_SYNC_PACKAGE, runtime.ensure_extra_wheel(_HUB_SYNC_PACKAGE)))
        packages, warnings = needed_packages(scan, _import_names(source, extra), app.parent)
        for warning in warnings:
            say(f"warning: {warning}")
        _prepare_out(out)
        try:
            runtime.write_runtime(
                out / "pyodide", packages=packages, wheels=[build_pyinterface_wheel(), *(w for _, w in extra)], source=source
            )
        except runtime.RuntimeSourceError as exc:
            raise ExportError(f"cannot write the Pyodide runtime for {app.name}: {exc}") from exc
    stylesheet = _copy_bridge(out / "pyinterface")

    for name in files:
        target = out / "app" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(app.parent / name, target)
    manifest_packages = sorted({*packages, *(name for name, _ in extra)})  # the worker loads these
    manifest = {"entry": files[0], "files": files, "packages": manifest_packages, "config": scan.config}
    if hub:
        manifest["hub"] = hub
    (out / "app" / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    title = scan.config.get("title") or scan.config.get("name") or "pyinterface app"
    (out / "index.html").write_text(index_html(str(title), stylesheet=stylesheet), encoding="utf-8")
    return ExportResult(out=out, entry=files[0], files=files, packages=manifest_packages, config=scan.config)

