"""The ``pyinterface`` command: ``export``, ``serve`` and ``demo``.

    pyinterface export app.py --out site      write the static folder (then host it anywhere)
    pyinterface export app.py --single-file app.html   one HTML file that opens from disk, no server
    pyinterface export app.py --out site --playground  the folder, plus an editor and console page
    pyinterface serve app.py [--port N]       export to a temporary folder and serve it on loopback
    pyinterface demo [--out DIR]              build and serve the built-in demo site

Every failure prints one ``error:`` line naming the problem and its fix and exits with 1
(an app that fails prints its own traceback first).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._scanlimit import DEFAULT_TIMEOUT, check_timeout

if TYPE_CHECKING:
    from .export import ExportResult

__all__ = ["main"]


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number 0-65535 (0: any free port), got {text!r}")
    return port


def _seconds(text: str) -> float:
    try:
        return check_timeout(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, e.g. 120, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pyinterface", description="Run Gradio-style Interfaces entirely in the browser, on Pyodide."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser("export", help="write a self-contained static folder for APP (or a site of several)")
    export.add_argument("apps", type=Path, nargs="+", metavar="APP",
                        help="the app's Python file, e.g. app.py; several make one site sharing one runtime")
    # One or the other: a folder to host, or one file to open from disk (it holds what the folder would).
    written = export.add_mutually_exclusive_group(required=True)
    written.add_argument("--out", type=Path, metavar="DIR", help="folder to write (created; an earlier export is replaced)")
    written.add_argument("--single-file", type=Path, metavar="FILE",
                         help="write one HTML file instead of a folder (one APP only): it runs opened from disk "
                              "(double-click, file://) with no server and no network; no memory snapshot, so "
                              "every open boots Python from scratch")
    export.add_argument("--offline", action="store_true",
                        help="add a service worker that caches the export on the first visit, so revisits work "
                             "with no network; a visit that finds a new export downloads it, and the next one shows it")
    export.add_argument("--playground", action=argparse.BooleanOptionalAction, default=None,
                        help="add playground/: a page with a code editor, the app beside it and a Python console, "
                             "with share links and downloads (default: yes for several APPs, no for one; "
                             "not with --single-file)")

    serve = commands.add_parser("serve", help="export APP to a temporary folder and serve it on loopback")
    serve.add_argument("app", type=Path, metavar="APP", help="the app's Python file, e.g. app.py")

    demo = commands.add_parser("demo", help="build and serve the built-in demo site")
    demo.add_argument("--out", type=Path, default=None, metavar="DIR", help="keep the site in DIR (default: a temporary folder)")
    demo.add_argument("--no-serve", action="store_true", help="only build the site")

    for command in (export, serve):
        command.add_argument("--requirements", type=Path, default=None, metavar="FILE",
                             help="bundle the pure-Python wheels this requirements file lists")
        command.add_argument("--include", action="append", default=[], metavar="PATTERN",
                             help="also ship the app folder's files matching this glob (repeatable); the files "
                                  "the app imports, reads or references ship anyway")
        command.add_argument("--allow-secrets", action="store_true",
                             help="publish files that look like secrets (.env, *.pem, id_rsa*, credentials*.json, "
                                  "hf_ tokens) instead of refusing to export")
        # No --hf-token on purpose: a token written into a static folder is published with it.
        command.add_argument("--hf-endpoint", default=None, metavar="URL",
                             help="Hub API base for gr.load, e.g. a mirror (default: $HF_ENDPOINT, else https://huggingface.co); "
                                  "the page's hf-endpoint attribute overrides it")
        command.add_argument("--hf-inference-endpoint", default=None, metavar="URL",
                             help="inference base for gr.load models (default: $HF_INFERENCE_ENDPOINT, else "
                                  "https://router.huggingface.co/hf-inference); "
                                  "the page's hf-inference-endpoint attribute overrides it")
        command.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                             help="stop the export's run of the app if it has not built its Interface within "
                                  f"SECONDS (default: {DEFAULT_TIMEOUT:g}) and say which line it was on")
    for command in (serve, demo):
        command.add_argument("--port", type=_port, default=None, help="port (default: 7860 or the next free one; 0: any)")
        command.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
        command.add_argument("--open", action="store_true", help="open the page in a web browser")
    return parser


def _run(args: argparse.Namespace) -> int:
    from .export import export_site
    from .serve import serve_app, start_server

    if args.command == "export" and args.single_file is not None:
        return _export_single_file(args)
    if args.command == "export":
        results = export_site(args.apps, args.out, requirements=args.requirements, include=args.include,
                              allow_secrets=args.allow_secrets, hf_endpoint=args.hf_endpoint,
                              hf_inference_endpoint=args.hf_inference_endpoint, offline=args.offline,
                              playground=args.playground, timeout=args.timeout)
        for app, result in zip(args.apps, results):
            _print_shipped(app, result)
        _print_total(Path(args.out))
        if args.offline:
            print("Offline: service-worker.js caches the whole export (but its .map files) on a visitor's first "
                  "visit; revisits work with no network.")
        if (Path(args.out) / "playground").is_dir():
            print(f"Playground: {Path(args.out) / 'playground'}/ (an editor, the app and a Python console).")
        print(f"Host that folder on any static server, e.g. `python -m http.server -d {args.out}`.")
        return 0
    if args.command == "serve":
        serve_app(args.app, host=args.host, port=args.port, open_browser=args.open,
                  requirements=args.requirements, include=args.include, allow_secrets=args.allow_secrets,
                  hf_endpoint=args.hf_endpoint, hf_inference_endpoint=args.hf_inference_endpoint,
                  timeout=args.timeout)
        return 0

    from ._demo import build_demo_site

    out, owned = args.out, None
    if out is None:
        import tempfile

        owned = Path(tempfile.mkdtemp(prefix="pyinterface-demo-"))
        out = owned / "site"
    site = build_demo_site(out)
    print(f"Built the demo site in {site}.")
    if args.no_serve:
        return 0
    server = start_server(site, host=args.host, port=args.port, owned=owned)
    print(f"Running on local URL:  {server.url}", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(server.url)
    print("Press Ctrl-C to stop.", flush=True)
    server.serve_forever()
    return 0


def _export_single_file(args: argparse.Namespace) -> int:
    from ._exporterror import ExportError
    from ._singlefile import export_single_file

    if len(args.apps) > 1:
        raise ExportError("--single-file takes one APP; export several apps to a folder with --out DIR.")
    if args.playground:
        raise ExportError("--playground needs a folder export: the playground is a page of a site. Use "
                          "--out DIR --playground, or leave --playground out of the --single-file export.")
    result = export_single_file(args.apps[0], args.single_file, requirements=args.requirements, include=args.include,
                                allow_secrets=args.allow_secrets, hf_endpoint=args.hf_endpoint,
                                hf_inference_endpoint=args.hf_inference_endpoint, offline=args.offline,
                                timeout=args.timeout)
    _print_shipped(args.apps[0], result.app)
    print(f"Total: {_size(result.size)} in {result.out}, of which {_size(result.runtime_size)} is the Pyodide runtime.")
    print("Open it from disk (double-click): it needs no server and no network. Browsers keep no memory snapshot "
          "for a file:// page, so each open boots Python from scratch.")
    return 0


def _size(size: int) -> str:
    return f"{size} B" if size < 1000 else f"{size / 1000:.1f} kB" if size < 1_000_000 else f"{size / 1e6:.1f} MB"


def _print_shipped(app: Path, result: ExportResult) -> None:
    """What an app shipped, one line per file with its size: the user sees what is published."""
    from ._cache_examples import CACHE_FOLDER

    packages = ", ".join(result.packages) or "none beyond pyinterface"
    print(f"Exported {app} to {result.out} (Pyodide packages: {packages}). It ships:")
    width = max(len(name) for name in result.files)
    for name in result.files:
        print(f"  {name:<{width}}  {_size(result.sizes[name]):>9}")
    print(f"  {len(result.files)} app files, {_size(sum(result.sizes.values()))}")
    cached = [path for path in (result.out / "app" / CACHE_FOLDER).rglob("*") if path.is_file()]
    if cached:  # cache_examples=True: the examples' media outputs, written by the export
        print(f"  {CACHE_FOLDER}/: {len(cached)} media outputs of cached examples, "
              f"{_size(sum(path.stat().st_size for path in cached))}")


def _print_total(out: Path) -> None:
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    runtime = sum(p.stat().st_size for p in (out / "pyodide").rglob("*") if p.is_file())
    print(f"Total: {_size(total)} in {out}, of which {_size(runtime)} is the Pyodide runtime (pyodide/).")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from ._appscan import AppError
    from ..errors import PyinterfaceError

    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except AppError as exc:
        note = " (its traceback is above)" if exc.traceback_printed else ""
        print(f"error: cannot export {exc}{note}", file=sys.stderr)
    except (PyinterfaceError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    return 1
