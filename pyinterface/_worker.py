"""The Python half of the browser worker: run an app, then answer its events.

``site/worker.mjs`` boots Pyodide, loads packages and writes the app's files into the
in-memory file system; then it hands every message to :meth:`Worker.handle_json` and posts
what ``send`` receives back to the page. Nothing here touches the DOM or imports ``js``: the
only way out is the ``send`` callback, which is why CPython tests can drive this module with
in-memory messages exactly as the page does.

The call chain, one job per step::

    handle_json          JSON text -> message (a bad message is answered with an error)
      handle_message     route by type; any exception becomes an ``error`` reply
        _run_app         run-app: run the entry as __main__, find its Interface, reply config
        _dispatch_event  event: wire inputs -> Interface.aprocess -> reply result

The worker never dies of a user error: an app that fails to import, a fn that raises, or a
value a component rejects each become one ``error`` reply carrying the request's id.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import _launch
from ._interface import Interface
from ._protocol import (
    ErrorMessage, EventMessage, Message, ProtocolError, RunAppMessage, decode, encode, make_config,
    make_error, make_result, validate_message,
)
from .errors import Error, PyinterfaceError

__all__ = ["NoInterfaceError", "Worker", "error_reply", "json_worker"]

_PACKAGE_DIR = str(Path(__file__).resolve().parent) + os.sep
Send = Callable[[Message], object]


class NoInterfaceError(PyinterfaceError):
    """The app ran but built no Interface the worker can show."""


@dataclass
class _App:
    interface: Interface
    folder: Path


class Worker:
    """Runs apps and answers their events; everything leaves through ``send(message)``.

    ``send`` receives plain message dicts (see :mod:`pyinterface._protocol`). Several apps can
    be loaded side by side; each is addressed by the ``app`` field of its messages.
    """

    def __init__(self, send: Send) -> None:
        self._send = send
        self._apps: dict[str, _App] = {}

    async def handle_json(self, text: str) -> None:
        """Handle one message given as JSON text (how worker.mjs calls in)."""
        try:
            message = decode(text)
        except ProtocolError as exc:
            self._reply_error(_id_of(text), exc, stage=None, folder=None)
            return
        await self.handle_message(message)

    async def handle_message(self, message: Any) -> None:
        """Handle one message dict; never raises (failures are sent as ``error`` replies)."""
        stage: str | None = None
        folder: Path | None = None
        if isinstance(message, dict) and message.get("type") == "run-app":
            stage = "run app"
            folder = Path(message["path"]).resolve() if isinstance(message.get("path"), str) else None
        try:
            message = validate_message(message)
            if message["type"] == "run-app":
                await self._run_app(message)
            elif message["type"] == "event":
                app = self._apps.get(message["app"])
                folder = app.folder if app else None
                await self._dispatch_event(message)
            else:
                raise ProtocolError(f"Python handles run-app and event messages, not {message['type']!r}.")
        except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001 - the boundary
            self._reply_error(message.get("id") if isinstance(message, dict) else None, exc, stage, folder)

    # -- run-app ---------------------------------------------------------------------------

    async def _run_app(self, message: RunAppMessage) -> None:
        folder = Path(message["path"]).resolve()
        entry = (folder / message["entry"]).resolve()
        if not entry.is_relative_to(folder) or not entry.is_file():
            raise FileNotFoundError(
                f"the app's entry {message['entry']!r} is not a file in {folder}: the manifest's "
                '"entry" must name one of its "files" (export the app again).'
            )
        interface = self._run_entry(entry, folder)
        config = interface.config()
        self._apps[message["app"]] = _App(interface, folder)
        self._send(make_config(message["id"], message["app"], config))

    def _run_entry(self, entry: Path, folder: Path) -> Interface:
        """Run ``entry`` as ``__main__`` with launch() recording; return the Interface it built."""
        os.chdir(folder)  # the app reads its files relative to its own folder, as under CPython
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
        sys.argv = [str(entry)]
        recording, _launch.recording = _launch.recording, True
        _launch.launched.clear()
        namespace: dict[str, Any] = {}
        try:
            try:
                namespace = runpy.run_path(str(entry), run_name="__main__")
            except SystemExit as exc:
                if exc.code not in (None, 0) or not _launch.launched:
                    raise
            launched = list(_launch.launched)
        finally:
            _launch.launched.clear()
            _launch.recording = recording
        if launched:
            # Gradio's launch() blocks, so the first Interface launched is the one shown.
            return launched[0]
        demo = namespace.get("demo")
        if isinstance(demo, Interface):
            return demo
        found = f" (its `demo` is a {type(demo).__name__}, not a pyinterface Interface)" if demo is not None else ""
        raise NoInterfaceError(
            f"{entry.name} built no Interface{found}: call demo.launch() or name it demo."
        )

    # -- event -----------------------------------------------------------------------------

    async def _dispatch_event(self, message: EventMessage) -> None:
        app = self._apps.get(message["app"])
        if app is None:
            loaded = ", ".join(map(repr, self._apps)) or "none"
            raise LookupError(
                f"no app {message['app']!r} is loaded here (loaded: {loaded}); send run-app before its events."
            )
        os.chdir(app.folder)  # several apps share this worker; fn sees its own folder
        if message["event"] == "predict":
            data = await app.interface.aprocess(message["data"])
        else:
            data = await _interpret(app.interface, message["data"])
        self._send(make_result(message["id"], data))

    # -- errors ----------------------------------------------------------------------------

    def _reply_error(self, id: Any, exc: BaseException, stage: str | None, folder: Path | None) -> None:
        reply = error_reply(id if isinstance(id, int) and not isinstance(id, bool) else None, exc, stage, folder)
        try:
            self._send(reply)
        except Exception as send_failure:  # noqa: BLE001 - last resort: the page must hear back
            print(f"pyinterface worker: could not send an error reply: {send_failure!r}", file=sys.stderr)
            self._send(make_error(reply["id"], type(send_failure).__name__, str(send_failure), None, stage))


async def _interpret(interface: Interface, data: list[Any]) -> list[Any]:
    """Run the Interpret event: ``data`` holds the inputs' then the outputs' wire values."""
    ainterpret = getattr(interface, "ainterpret", None)
    if ainterpret is None:
        raise NotImplementedError(
            "Interpretation is not available in this version of pyinterface: this Interface sets "
            "interpretation=, but the engine that computes it is not installed."
        )
    return list(await ainterpret(data))


def error_reply(id: int | None, exc: BaseException, stage: str | None, folder: Path | None) -> ErrorMessage:
    """An ``error`` message for ``exc``: gr.Error shows its message only; anything else also
    gets the traceback of the user's own code (pyinterface and runpy frames are left out, and
    paths inside the app folder are shown relative to it)."""
    if isinstance(exc, Error):
        return make_error(id, "Error", exc.message, None, stage)
    message = str(exc) or type(exc).__name__
    return make_error(id, type(exc).__name__, message, _user_traceback(exc, folder), stage)


def _is_user_frame(frame: traceback.FrameSummary) -> bool:
    filename = frame.filename
    return not (filename.startswith(_PACKAGE_DIR) or filename in ("<frozen runpy>",) or filename.endswith("runpy.py"))


def _user_traceback(exc: BaseException, folder: Path | None) -> str:
    summary = traceback.TracebackException.from_exception(exc)
    seen: set[int] = set()
    pending = [summary]
    while pending:  # the chain (__cause__ / __context__) is formatted too: filter every link
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current.stack = traceback.StackSummary.from_list([f for f in current.stack if _is_user_frame(f)])
        pending.extend(link for link in (current.__cause__, current.__context__) if link is not None)
    text = "".join(summary.format())
    if folder is not None:
        text = text.replace(str(folder) + os.sep, "")
    return text


def _id_of(text: str) -> int | None:
    """Best effort: the id of a message that failed validation, so the reply reaches its caller."""
    import json

    try:
        value = json.loads(text).get("id")
    except (TypeError, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def json_worker(send_text: Callable[[str], object]) -> Worker:
    """A :class:`Worker` whose replies are JSON text (worker.mjs passes ``send_text``).

    A reply that is not JSON (a fn returned something no component turned into JSON) becomes
    an error reply naming the problem instead.
    """

    def send(message: Message) -> None:
        try:
            text = encode(message)
        except ProtocolError as exc:
            text = encode(make_error(message.get("id"), "ProtocolError", str(exc)))  # type: ignore[arg-type]
        send_text(text)

    return Worker(send)
