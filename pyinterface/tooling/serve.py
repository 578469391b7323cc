"""Serve an exported app on loopback: ``pyinterface serve app.py`` and ``Interface.launch()``.

There is no app server: the app is exported to a temporary folder (see
:mod:`pyinterface.tooling.export`) and that folder is served as static files by the standard
library's ``http.server``, which is all a visitor's browser needs. The handler only adds
what a Pyodide page relies on: JavaScript modules and WebAssembly with their own MIME
types, and ``Cache-Control: no-cache`` so a re-export is seen on reload.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Sequence
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._scanlimit import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from .._interface import Interface

__all__ = ["DEFAULT_PORT", "StaticServer", "serve_app", "serve_main_script", "start_server"]

#: Gradio's port; like Gradio, the next free one up to +99 is used when it is taken.
DEFAULT_PORT = 7860
_PORT_TRIES = 100
#: Gradio 3 ``launch()`` arguments that configure its server and mean nothing for a static site.
_IGNORED_LAUNCH_ARGUMENTS = frozenset(
    {"inline", "debug", "enable_queue", "max_threads", "show_error", "show_tips", "height", "width",
     "encrypt", "favicon_path", "ssl_keyfile", "ssl_certfile", "ssl_keyfile_password", "ssl_verify",
     "quiet", "show_api", "file_directories", "allowed_paths", "blocked_paths", "root_path",
     "_frontend", "app_kwargs", "state_session_capacity", "share_server_address", "max_file_size"}
)

#: Gradio 3 ``launch()`` arguments that are honoured (share and auth only to warn).
_HONOURED_LAUNCH_ARGUMENTS = frozenset(
    {"server_name", "server_port", "inbrowser", "prevent_thread_lock", "share", "auth", "auth_message"}
)


class StaticHandler(SimpleHTTPRequestHandler):
    """``http.server``'s file handler with the MIME types a Pyodide page needs."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        # As GitHub Pages does: a page on another origin may load the loader, the bridge and the runtime.
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # a page load is ~20 requests; a line each would bury the URL


class StaticServer:
    """A running static server; ``close()`` stops it and removes the folder it owns, if any."""

    def __init__(self, httpd: ThreadingHTTPServer, root: Path, *, owned: Path | None = None) -> None:
        self.httpd = httpd
        self.root = root
        self._owned = owned
        self._thread: threading.Thread | None = None
        host, port = httpd.server_address[:2]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        #: The page's address, e.g. ``http://127.0.0.1:7860/``.
        self.url = f"http://{shown}:{port}/"

    def start(self) -> StaticServer:
        """Serve from a daemon thread and return at once."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="pyinterface-serve", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve until Ctrl-C (or SIGTERM), then stop cleanly and remove the owned folder."""
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            self.httpd.serve_forever()
        except KeyboardInterrupt:
            print("\nStopped.", file=sys.stderr)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            self.close()

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join()
            self._thread = None
        self.httpd.server_close()
        if self._owned is not None:
            shutil.rmtree(self._owned, ignore_errors=True)
            self._owned = None

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _bind(root: Path, host: str, port: int | None) -> ThreadingHTTPServer:
    handler = partial(StaticHandler, directory=str(root))
    candidates = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + _PORT_TRIES)
    for candidate in candidates:
        try:
            return ThreadingHTTPServer((host, candidate), handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise OSError(exc.errno, f"cannot serve on {host}:{candidate}: {exc.strerror}") from exc
            if port is not None:
                raise OSError(
                    exc.errno, f"port {port} on {host} is in use: pass another --port (server_port=), or 0 for any free port"
                ) from exc
    raise OSError(errno.EADDRINUSE, f"ports {DEFAULT_PORT}-{DEFAULT_PORT + _PORT_TRIES - 1} are all in use; pass --port")


def start_server(root: str | Path, *, host: str = "127.0.0.1", port: int | None = None, owned: Path | None = None) -> StaticServer:
    """Bind a static server for ``root`` (not yet serving: call ``start()`` or ``serve_forever()``).

    ``port=None`` takes 7860 or the next free port, ``0`` any free port. ``owned`` is a
    folder removed when the server closes (the temporary export).
    """
    return StaticServer(_bind(Path(root), host, port), Path(root), owned=owned)


def serve_app(
    app: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    open_browser: bool = False,
    block: bool = True,
    requirements: str | Path | None = None,
    include: Sequence[str] = (),
    hf_endpoint: str | None = None,
    hf_inference_endpoint: str | None = None,
    allow_secrets: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> StaticServer:
    """Export ``app`` to a temporary folder and serve it; print the URL. ``timeout``: seconds the
    export's run of the app may take (see :class:`~pyinterface.tooling.export.ExportOptions`).

    ``block=True`` serves until Ctrl-C (then removes the folder); otherwise the server runs
    in a daemon thread and the caller closes it.
    """
    from .export import export_app

    workdir = Path(tempfile.mkdtemp(prefix="pyinterface-serve-"))
    try:
        export_app(app, workdir / "site", requirements=requirements, include=include, allow_secrets=allow_secrets,
                   hf_endpoint=hf_endpoint, hf_inference_endpoint=hf_inference_endpoint, timeout=timeout)
        server = start_server(workdir / "site", host=host, port=port, owned=workdir)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    print(f"Running on local URL:  {server.url}", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    if block:
        print("Press Ctrl-C to stop.", flush=True)
        server.serve_forever()
    else:
        server.start()
    return server


def serve_main_script(interface: Interface, **kwargs: Any) -> StaticServer:
    """What ``Interface.launch(**kwargs)`` does under CPython: serve the running script's app.

    The page runs the script itself (in Pyodide), so the script's file is what gets
    exported; an Interface built in a REPL or notebook has no file to export.
    Honoured Gradio arguments: ``server_name``, ``server_port`` (or the
    ``GRADIO_SERVER_NAME`` / ``GRADIO_SERVER_PORT`` variables), ``inbrowser``,
    ``prevent_thread_lock``. ``share`` and ``auth`` cannot work without a server and warn.
    """
    unknown = sorted(set(kwargs) - _IGNORED_LAUNCH_ARGUMENTS - _HONOURED_LAUNCH_ARGUMENTS)
    if unknown:
        raise TypeError(f"launch() got unexpected keyword argument(s): {', '.join(unknown)}.")
    if kwargs.get("share"):
        warnings.warn(
            "launch(share=True) is not supported: there is no server to tunnel to. To share the app, "
            "host the folder `pyinterface export app.py --out site` writes on any static host (e.g. GitHub Pages).",
            UserWarning,
            stacklevel=3,
        )
    if kwargs.get("auth"):
        warnings.warn(
            "launch(auth=...) is ignored: a static page has no server to check passwords, so "
            "anyone who can open the URL can use the app.",
            UserWarning,
            stacklevel=3,
        )
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if not main_file or not str(main_file).endswith(".py") or not Path(main_file).is_file():
        raise RuntimeError(
            f"launch() serves the Python file that builds the Interface ({interface.__name__!r}), "
            "but this code is not running from a file (a REPL or notebook?). Save the app to a file, "
            "e.g. app.py, and run `pyinterface serve app.py` (or `python app.py`)."
        )
    port = kwargs.get("server_port")
    if port is None:
        port = os.environ.get("GRADIO_SERVER_PORT")
    return serve_app(
        main_file,
        host=kwargs.get("server_name") or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1",
        port=int(port) if port is not None else None,
        open_browser=bool(kwargs.get("inbrowser")),
        block=not kwargs.get("prevent_thread_lock"),
    )
