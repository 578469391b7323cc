"""``pyinterface export``: turn ``app.py`` into a static folder that runs it in the browser.

The folder (everything resolved now, so the page never reaches PyPI)::

    DIR/index.html            <pyinterface-app src="app/manifest.json" standalone> + the loader's script tag
    DIR/pyinterface.js        the loader: one module script tag on any page, on any origin, defines
                              <pyinterface-app> (it re-exports pyinterface/pyinterface.mjs)
    DIR/.nojekyll             GitHub Pages serves the folder as is
    DIR/pyinterface/          the JS bridge (the repo's site/ without pages/ and test/)
    DIR/pyodide/              the pinned runtime: core files, the packages the app needs, the
                              pyinterface wheel and --requirements wheels, and a lock naming them
    DIR/app/manifest.json     {"entry", "files", "packages", "config", "css", "runtime", "pyodide"[, "hub"][, "cached_outputs"]}
                              css: the app's CSS with file= URLs rewritten (the page uses it in place
                              of the live config's css, which may name a path only this machine has);
                              runtime: the runtime folder's URL relative to the manifest;
                              pyodide: its version (apps on one page share one runtime)
    DIR/app/<files>           what the app ships from its folder (see pyinterface.tooling._appfiles)
    DIR/app/cached_examples/  cache_examples=True: the examples' media outputs, computed at export;
                              the manifest's "cached_outputs" holds one list of wire outputs per
                              example (paths into this folder for media), or null for an example
                              the page caches on its first click (see pyinterface.tooling._cache_examples)
    DIR/service-worker.js     --offline only: caches the whole export for revisits with no network,
                              registered by DIR/pyinterface/offline.mjs (see pyinterface.tooling._offline)
    DIR/playground/           a site of several apps, or --playground: an editor, the app beside it
                              and a Python console (see pyinterface.tooling._playground)

Several apps (``pyinterface export a.py b.py --out DIR``) share one runtime and one bridge::

    DIR/index.html, DIR/pyinterface.js, DIR/.nojekyll, DIR/pyinterface/, DIR/pyodide/
    DIR/<stem>/index.html     loads ../pyinterface.js
    DIR/<stem>/app/manifest.json   "runtime": "../../pyodide/"

Every URL in it is relative, so it works at ``/``, under a sub-path (GitHub Pages) and from
any static server. Steps, each its own function: run the app under CPython to learn its
config, imports and the files it reads (:mod:`pyinterface.tooling._appscan`), decide the Pyodide
packages and the files to ship (refusing secrets and paths outside the folder), then write
the folder beside ``--out`` and swap it in, so a failed export leaves ``--out`` as it was.

An app that loads Hub models or Spaces (``gr.load``) gets pyodide-http (its blocking loads at
import time need synchronous requests) and, with ``--hf-endpoint`` / ``--hf-inference-endpoint``
(or ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT`` in the environment, which the export's run of the
app loads through too), a ``"hub"`` entry the worker turns into those variables. A token is
never exported: there is no flag for one, and ``HF_TOKEN`` is only seen by the export's own
run of the app; a visitor pastes theirs into the page.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict, Unpack

from .._app_imports import HUB_SYNC_PACKAGE
from .._hub_shared import ENDPOINT_VARIABLES
from ._appfiles import MAX_APP_BYTES, collect_app_files, module_files
from ._apppackages import import_names as _import_names, needed_packages
from ._appscan import AppError, AppScan, scan_app
from ._cache_examples import CachedExamples, check_cache_folder_free, ship
from ._exporterror import ExportError
from ._pages import app_page
from ._playground import RUNTIME_PACKAGES as PLAYGROUND_PACKAGES, RUNTIME_WHEELS as PLAYGROUND_WHEELS, write_playground
from ._scanlimit import DEFAULT_TIMEOUT

__all__ = [
    "AppError", "ExportError", "ExportOptions", "ExportResult", "MAX_APP_BYTES", "collect_app_files", "export_app",
    "export_site",
    "hub_settings", "index_html", "needed_packages",
]

#: The loader at an export's root, and what it holds: the bridge's entry, re-exported.
LOADER_NAME = "pyinterface.js"
LOADER_SOURCE = (
    "// pyinterface's loader: <script type=\"module\" src=\".../pyinterface.js\"> on any page defines\n"
    "// <pyinterface-app>; the bridge, the runtime and the worker are found next to this file.\n"
    "// It starts the worker and the runtime's download first (a small module graph), then loads the UI's.\n"
    'import { startEarly } from "./pyinterface/early-start.mjs";\n'
    "startEarly();\n"
    "export const { PyinterfaceAppElement, mount, registerRenderer, PROTOCOL_VERSION } =\n"
    '  await import("./pyinterface/pyinterface.mjs");\n'
)
#: The loader a single-file export inlines (see pyinterface.tooling._singlefile); folders leave it out.
SINGLE_FILE_LOADER = "single-file.js"
#: A multi-app site's index page when the caller gives no title.
_SITE_TITLE = "pyinterface apps"
_SITE_LEAD = (
    "Apps whose Python runs in your browser, on Pyodide. This site is static files only: no server runs any code."
)

index_html = app_page  # the name this module has always exported


@dataclass(frozen=True)
class ExportResult:
    #: The app's folder in the export (the export itself for a single app).
    out: Path
    entry: str
    files: list[str]
    packages: list[str]
    config: dict[str, Any]
    #: Bytes of each shipped app file, by its path relative to the app's folder.
    sizes: dict[str, int]


# --------------------------------------------------------------------------- the folder


def hub_settings(hf_endpoint: str | None, hf_inference_endpoint: str | None,
                 environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The manifest's ``"hub"`` entry: the endpoints given, as http(s) URLs without a trailing slash.

    An endpoint not given comes from ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT`` in ``environ``
    (default: ``os.environ``), the variables the export's own run of the app loads through, so
    the page calls the same Hub as ``python app.py`` did. ``HF_TOKEN`` is never read here.
    """
    import os
    from urllib.parse import urlsplit

    from ..hub._settings import DEFAULT_HUB_ENDPOINT, DEFAULT_INFERENCE_ENDPOINT

    environ = os.environ if environ is None else environ
    settings: dict[str, str] = {}
    for key, flag, value, default in (
        ("endpoint", "--hf-endpoint", hf_endpoint, DEFAULT_HUB_ENDPOINT),
        ("inference_endpoint", "--hf-inference-endpoint", hf_inference_endpoint, DEFAULT_INFERENCE_ENDPOINT),
    ):
        variable = ENDPOINT_VARIABLES[key]
        source, fix = flag, f"leave {flag} out to use {default}"
        if value is None and environ.get(variable, "").strip():
            value, source = environ[variable], f"{variable} (from the environment)"
            fix = f"unset {variable} to use {default}, or give {flag}"
        if value is None:
            continue
        url = value.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ExportError(f"{source} must be an http(s) URL such as {default!r}, got {value!r}. Fix it, or {fix}.")
        settings[key] = url
    return settings


def _hub_env(settings: dict[str, str]) -> dict[str, str]:
    """What the export's run of the app sees: the same Hub as the page."""
    return {ENDPOINT_VARIABLES[key]: value for key, value in settings.items()}


def _copy_bridge(dest: Path) -> bool:
    """Copy the JS bridge and its vendored npm libraries to ``dest`` (not its pages or tests);
    return whether it has a stylesheet."""
    from . import _frontend

    vendor = _frontend.ensure_frontend_vendor()
    from ._offline import OFFLINE_ONLY  # written by write_offline, for --offline exports only

    # "playground": the playground page's modules and its editor (site/playground/,
    # vendor/playground/) ship only with --playground, as DIR/playground/ (tooling/_playground.py).
    shutil.copytree(_frontend.site_dir(), dest,
                    ignore=shutil.ignore_patterns("pages", "test", "vendor", "node_modules", ".*", *OFFLINE_ONLY,
                                                  SINGLE_FILE_LOADER, "playground"))
    shutil.copytree(vendor, dest / "vendor", ignore=shutil.ignore_patterns(".*", "playground"))
    return (dest / "pyinterface.css").is_file()


# --------------------------------------------------------------------------- one app, planned


@dataclass(frozen=True)
class _Plan:
    """One app, run and checked, nothing written yet: what its folder in the export holds."""

    source: Path
    files: list[str]
    #: The config with css and example paths as shipped; its css is the manifest's "css" too.
    config: dict[str, Any]
    packages: list[str]
    #: cache_examples=True: fn's outputs for the examples, computed by the export's run of the app.
    cached: CachedExamples | None = None


def _check_app(app: Path, out: Path) -> None:
    if not app.is_file() or app.suffix != ".py":
        raise ExportError(f"APP must be a Python file such as app.py; {app} is not one.")
    if app.parent == out or app.parent.is_relative_to(out):
        raise ExportError(f"--out {out} contains the app itself; choose a folder of its own, e.g. {app.parent / 'site-out'}.")


def _plan_app(
    app: Path, out: Path, *, scan: AppScan, import_names: dict[str, str], include: Sequence[str],
    allow_secrets: bool, say: Callable[[str], object],
) -> _Plan:
    """Decide what ``app`` ships and loads; raise ExportError before anything is written."""
    from ._references import check_no_local_paths, config_files
    from ._secrets import check_config_has_no_token, check_no_secrets

    root = app.parent
    referenced = config_files(scan.config, root)
    check_no_local_paths(referenced.config, root)
    used = [*module_files(scan.modules, root), *scan.opened, *referenced.files]
    files = collect_app_files(app, referenced=used, include=include, out=out, warn=lambda m: say(f"warning: {m}"))
    packages, warnings = needed_packages(scan, import_names, root, files)  # from the code it ships
    for warning in warnings:
        say(f"warning: {warning}")
    if not allow_secrets:
        check_no_secrets(root, files)
        check_config_has_no_token(referenced.config, app.name)
    if scan.cached is not None:
        check_cache_folder_free(files, app.name)
        for line in scan.cached.report(app.name, (referenced.config.get("examples") or {}).get("samples", [])):
            say(line)
    return _Plan(source=app, files=files, config=referenced.config, packages=packages, cached=scan.cached)


# --------------------------------------------------------------------------- writing


def _write_app(plan: _Plan, dest: Path, *, runtime_url: str, base: str, stylesheet: bool,
               packages: list[str], hub: dict[str, str]) -> ExportResult:
    """Write one app's page, files and manifest under ``dest`` (the export, or its <stem>/)."""
    from . import runtime

    root = plan.source.parent
    for name in plan.files:
        target = dest / "app" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    manifest: dict[str, Any] = {
        "entry": plan.files[0], "files": plan.files, "packages": packages, "config": plan.config,
        "css": plan.config.get("css"), "runtime": runtime_url, "pyodide": runtime.PYODIDE_VERSION,
    }
    if hub:
        manifest["hub"] = hub
    if plan.cached is not None:
        manifest["cached_outputs"] = ship(plan.cached, plan.config, dest / "app")
    (dest / "app" / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    title = plan.config.get("title") or plan.config.get("name") or "pyinterface app"
    (dest / "index.html").write_text(app_page(str(title), stylesheet=stylesheet, base=base, manifest=manifest), encoding="utf-8")
    sizes = {name: (root / name).stat().st_size for name in plan.files}
    return ExportResult(out=dest, entry=plan.files[0], files=plan.files, packages=packages, config=plan.config,
                        sizes=sizes)


def _write_shared(dest: Path, *, packages: list[str], wheels: list[Path], source: Path,
                  say: Callable[[str], object] | None = None, apps: Sequence[Path] = ()) -> bool:
    """The parts every app of the export shares: runtime, bridge, loader; True if there is a stylesheet."""
    from . import runtime
    from ._wheel import build_pyinterface_wheel

    try:
        runtime.write_runtime(dest / "pyodide", packages=packages, wheels=[build_pyinterface_wheel(), *wheels],
                              source=source, log=say, apps=apps)
    except runtime.RuntimeSourceError as exc:
        raise ExportError(f"cannot write the Pyodide runtime: {exc}") from exc
    (dest / LOADER_NAME).write_text(LOADER_SOURCE, encoding="utf-8")
    (dest / ".nojekyll").write_text("", encoding="utf-8")
    return _copy_bridge(dest / "pyinterface")


def _summary(config: dict[str, Any]) -> str:
    text = str(config.get("description") or "").strip().splitlines()
    return text[0].replace("**", "") if text else ""


def _write_index(dest: Path, results: Sequence[ExportResult], *, title: str, lead: str, playground: bool) -> None:
    from . import _frontend
    from ._pages import site_index

    apps = [(r.out.name, str(r.config.get("title") or r.out.name), _summary(r.config)) for r in results]
    template = _frontend.site_dir() / "pages" / "site-index.html"
    (dest / "index.html").write_text(site_index(template, title=title, lead=lead, apps=apps, playground=playground),
                                     encoding="utf-8")


def _app_title(result: ExportResult) -> str:
    return str(result.config.get("title") or result.config.get("name") or result.entry.removesuffix(".py"))


def _stems(apps: Sequence[Path]) -> list[str]:
    """Each app's folder name on a multi-app site; two apps with one stem are refused."""
    seen: dict[str, Path] = {}
    for app in apps:
        if app.stem in seen:
            raise ExportError(
                f"{seen[app.stem]} and {app} would both be exported to {app.stem}/ on the site; "
                "rename one of them (the folder is named after the file)."
            )
        seen[app.stem] = app
    return list(seen)


# --------------------------------------------------------------------------- the commands


class ExportOptions(TypedDict, total=False):
    """What an export may be told, besides its apps and ``--out`` (all optional)."""

    #: A requirements file listing pure-Python wheels to bundle (see pyinterface.tooling._requirements).
    requirements: str | Path | None
    #: Globs (relative to the app's folder) adding files to what the app uses.
    include: Sequence[str]
    #: Receives progress and warnings (default: print to stderr).
    log: Callable[[str], object] | None
    #: Hub API and inference bases the page (and the export's own run of the app) use for
    #: ``gr.load`` (default: ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT`` from the environment, else
    #: the public Hub); the page's ``hf-endpoint`` / ``hf-inference-endpoint`` attributes override them.
    hf_endpoint: str | None
    hf_inference_endpoint: str | None
    #: Publish files that look like secrets instead of refusing them.
    allow_secrets: bool
    #: Add a service worker that caches the export, so a revisit works with no network
    #: (see pyinterface.tooling._offline).
    offline: bool
    #: Add ``playground/``: an editor, the app beside it and a Python console (see
    #: pyinterface.tooling._playground); its runtime also gets micropip and the examples' packages.
    #: None (the default): a site of several apps has one, a single app does not.
    playground: bool | None
    #: Seconds each app may take to import and build its Interface in the export's run of it
    #: (default 60, ``--timeout``); past it the export stops and names the line the app was on.
    timeout: float


def export_site(
    apps: Sequence[str | Path],
    out: str | Path,
    *,
    title: str = _SITE_TITLE,
    lead: str = _SITE_LEAD,
    **options: Unpack[ExportOptions],
) -> list[ExportResult]:
    """Export several apps to one site sharing one runtime (see the module docstring); one app
    keeps the single-app layout. ``title`` and ``lead`` head a multi-app site's index page;
    ``options``: see :class:`ExportOptions`.

    Raises :class:`ExportError` (bad arguments, a secret, a file outside an app's folder, a
    platform wheel) and :class:`~pyinterface.tooling._appscan.AppError` (an app failed; its traceback
    is on stderr). Either way ``out`` is left as it was. ``log(str)`` receives progress and
    warnings (default: print to stderr).
    """
    import sys

    from . import runtime
    from ._outdir import check_out, staging, swap_in
    from ._requirements import download_wheels

    requirements, include = options.get("requirements"), options.get("include", ())
    say = options.get("log") or (lambda message: print(message, file=sys.stderr))
    paths, out = [Path(app).resolve() for app in apps], Path(out).resolve()
    if not paths:
        raise ExportError("give at least one APP to export.")
    for app in paths:
        _check_app(app, out)
    stems = _stems(paths) if len(paths) > 1 else [""]
    req = Path(requirements).resolve() if requirements is not None else None
    if req is not None and not req.is_file():
        raise ExportError(f"--requirements {requirements}: no such file.")
    hub = hub_settings(options.get("hf_endpoint"), options.get("hf_inference_endpoint"))
    check_out(out)

    source = runtime.ensure_runtime()
    with tempfile.TemporaryDirectory(prefix="pyinterface-wheels-") as downloads:
        extra = download_wheels(req, Path(downloads)) if req is not None else []
        scans = [scan_app(app, env=_hub_env(hub), path=[w for _, w in extra],
                          timeout=options.get("timeout", DEFAULT_TIMEOUT)) for app in paths]
        from_environment = [key for key in hub if options.get(f"hf_{key}") is None]
        if from_environment and any(scan.uses_hub for scan in scans):
            say("gr.load in the page will use " + ", ".join(f"{hub[key]} (from {ENDPOINT_VARIABLES[key]})"
                                                          for key in from_environment))
        if any(scan.uses_hub for scan in scans) and HUB_SYNC_PACKAGE not in {name for name, _ in extra}:
            # The pinned PyPI wheel replaces the lock entry, whose file is not vendored.
            extra.append((HUB_SYNC_PACKAGE, runtime.ensure_extra_wheel(HUB_SYNC_PACKAGE)))
        names = _import_names(source, extra)
        plans = [
            _plan_app(app, out, scan=scan, import_names=names, include=include,
                      allow_secrets=options.get("allow_secrets", False), say=say)
            for app, scan in zip(paths, scans)
        ]
        built = staging(out)
        try:
            playground = options.get("playground")
            playground = len(plans) > 1 if playground is None else playground
            packages = sorted({p for plan in plans for p in plan.packages} | set(PLAYGROUND_PACKAGES if playground else ()))
            # Into the runtime only: an app's manifest lists the wheels it loads, and its own are in `extra`.
            runtime_wheels = [w for _, w in extra] + [
                runtime.ensure_extra_wheel(name) for name in (PLAYGROUND_WHEELS if playground else ())
                if name not in {n for n, _ in extra}
            ]
            app_code = [plan.source.parent / name for plan in plans for name in plan.files if name.endswith(".py")]
            stylesheet = _write_shared(built, packages=packages, wheels=runtime_wheels, source=source, say=say,
                                       apps=app_code)
            wheel_names = {name for name, _ in extra}
            results = [
                _write_app(plan, built / stem, runtime_url="../../pyodide/" if stem else "../pyodide/",
                           base="../" if stem else "", stylesheet=stylesheet,
                           packages=sorted({*plan.packages, *wheel_names}), hub=hub)
                for plan, stem in zip(plans, stems)
            ]
            if len(plans) > 1:
                _write_index(built, results, title=title, lead=lead, playground=playground)
            if playground:
                write_playground(built, apps=[(_app_title(r), f"{r.out.name}/" if len(plans) > 1 else "") for r in results])
            if options.get("offline"):
                from ._offline import write_offline

                write_offline(built)  # last: it lists and hashes every file written above
            swap_in(built, out)
        except BaseException:
            shutil.rmtree(built, ignore_errors=True)
            raise
    return [dataclasses.replace(r, out=out / r.out.relative_to(built)) for r in results]


def export_app(app: str | Path, out: str | Path, **options: Unpack[ExportOptions]) -> ExportResult:
    """Export ``app`` to the static folder ``out`` (see the module docstring); ``options`` and
    errors as :func:`export_site`."""
    (result,) = export_site([app], out, **options)
    return result
