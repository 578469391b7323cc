"""The ``pyinterface`` command: ``export``, ``serve`` and ``demo``.

    pyinterface export app.py --out site      write the static folder (then host it anywhere)
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

__all__ = ["main"]


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number 0-65535 (0: any free port), got {text!r}")
    return port


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pyinterface", description="Run Gradio-style Interfaces entirely in the browser, on Pyodide."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser("export", help="write a self-contained static folder for APP")
    export.add_argument("app", type=Path, metavar="APP", help="the app's Python file, e.g. app.py")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write (created; an earlier export is replaced)")

    serve = commands.add_parser("serve", help="export APP to a temporary folder and serve it on loopback")
    serve.add_argument("app", type=Path, metavar="APP", help="the app's Python file, e.g. app.py")

    demo = commands.add_parser("demo", help="build and serve the built-in demo site")
    demo.add_argument("--out", type=Path, default=None, metavar="DIR", help="keep the site in DIR (default: a temporary folder)")
    demo.add_argument("--no-serve", action="store_true", help="only build the site")

    for command in (export, serve):
        command.add_argument("--requirements", type=Path, default=None, metavar="FILE",
                             help="bundle the pure-Python wheels this requirements file lists")
        command.add_argument("--include", action="append", default=[], metavar="PATTERN",
                             help="ship only the app folder's files matching this glob (repeatable)")
        # No --hf-token on purpose: a token written into a static folder is published with it.
        command.add_argument("--hf-endpoint", default=None, metavar="URL",
                             help="Hub API base for gr.load, e.g. a mirror (default: https://huggingface.co); "
                                  "the page's hf-endpoint attribute overrides it")
        command.add_argument("--hf-inference-endpoint", default=None, metavar="URL",
                             help="inference base for gr.load models (default: https://router.huggingface.co/hf-inference); "
                                  "the page's hf-inference-endpoint attribute overrides it")
    for command in (serve, demo):
        command.add_argument("--port", type=_port, default=None, help="port (default: 7860 or the next free one; 0: any)")
        command.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
        command.add_argument("--open", action="store_true", help="open the page in a web browser")
    return parser


def _run(args: argparse.Namespace) -> int:
    from .export import export_app
    from .serve import serve_app, start_server

    if args.command == "export":
        result = export_app(args.app, args.out, requirements=args.requirements, include=args.include,
                            hf_endpoint=args.hf_endpoint, hf_inference_endpoint=args.hf_inference_endpoint)
        packages = ", ".join(result.packages) or "none beyond pyinterface"
        print(f"Exported {args.app} to {result.out} ({len(result.files)} app files; Pyodide packages: {packages}).")
        print(f"Host that folder on any static server, e.g. `python -m http.server -d {args.out}`.")
        return 0
    if args.command == "serve":
        serve_app(args.app, host=args.host, port=args.port, open_browser=args.open,
                  requirements=args.requirements, include=args.include,
                  hf_endpoint=args.hf_endpoint, hf_inference_endpoint=args.hf_inference_endpoint)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from ._appscan import AppError
    from .errors import PyinterfaceError

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
