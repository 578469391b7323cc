"""The Python half of the browser worker: run an app, then answer its events.

``site/worker.mjs`` boots Pyodide, loads packages and writes the app's files into the
in-memory file system; then it hands every message to :meth:`Worker.handle_json` and posts
what ``send`` receives back to the page. Nothing here touches the DOM or imports ``js``: the
only way out is the ``send`` callback, which is why CPython tests can drive this module with
in-memory messages exactly as the page does.

The call chain, one job per step::

    handle_json          JSON text -> message (a bad message is answered with an error)
      handle_message     route by type; any exception becomes an ``error`` reply
        _run_app         run-app: in the app's own scope (folder, modules: _app_scope), run the
                         entry as __main__, find its Interface, reply config
                         (what the app prints, here and in its events, goes out as app-output)
        _run_event       event: run it as a task a cancel message can find by its id
          _dispatch_event  wire inputs -> Interface.aprocess / ainterpret (progress) -> reply result
        cancel           cancel: cancel that task; the event replies error CancelledError
                         (worker.mjs calls cancel() directly, so it lands before the task resumes;
                         an event cancelled before its task started replies so when it would start).
                         That reply is the page's sign the worker is free again (client.mjs)
        _run_exec        exec: console input in the app's namespace (_console), its prints sent
                         as exec-output; an Interface it launches replaces the app's (a config
                         with id None, before the exec-result)
        unload           unload-app: drop the app's Interface, namespace, modules, files, endpoints

The worker never dies of a user error: an app that fails to import, a fn that raises, or a
value a component rejects each become one ``error`` reply carrying the request's id. A reply
over :data:`~pyinterface._reply_limit.MAX_REPLY_BYTES` (a fn's 150 MB string) is refused here,
before it reaches JavaScript, with an error naming the output and its size.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Awaitable, Callable, ContextManager

from . import _worker_hub
from ._app_scope import AppScope
from ._printing import printing_to
from ._launch import collecting_launches, load_app
from ._interface import Interface
from ._reply_limit import MAX_REPLY_BYTES, ReplyTooLarge, check_strings, output_too_large
from ._protocol import (
    INTERPRET_STAGE, ErrorMessage, EventMessage, ExecMessage, Message, ProtocolError, RunAppMessage, decode, encode,
    make_app_output, make_config, make_error, make_exec_output, make_exec_result, make_progress, make_result, validate_message,
)
from .errors import Error

if TYPE_CHECKING:
    from ._console import Console

__all__ = ["Worker", "error_reply", "json_worker"]

def _code_folder() -> str:
    """The folder pyinterface's code names in tracebacks. It can differ from ``__file__``'s: the
    page's wheel is byte-compiled at export for site-packages, then may be imported from its zip."""
    return str(Path(_code_folder.__code__.co_filename).parent) + os.sep


#: pyinterface's frames in a traceback start with one of these (left out of the app's tracebacks).
_PACKAGE_DIRS = tuple({str(Path(__file__).resolve().parent) + os.sep, _code_folder()})
Send = Callable[[Message], object]
#: ``load_packages(app, names_json)``: worker.mjs loads these lock packages for that app's runtime.
LoadPackages = Callable[[str, str], Awaitable[object]]
#: ``online()``: whether the browser has a network (worker.mjs: ``navigator.onLine``).
Online = Callable[[], bool]


@dataclass
class _App:
    interface: Interface  # the one the page shows: the app's, or the last one its console launched
    namespace: dict[str, Any]  # the app module's globals, where its console input runs
    online: Online | None = None
    console_used: bool = False  # its first input binds ``demo`` (later ones leave the user's rebinding alone)
    _console: Console | None = None

    @property
    def console(self) -> Console:
        """The app's console, made on its first input: most pages never type one, and
        _console's imports (ast, codeop, inspect) would add to every start-up."""
        if self._console is None:
            from ._console import Console

            self._console = Console(self.namespace, self.online)
        return self._console

    def forget_console(self) -> None:
        """Drop its console's input sources from linecache (the app is unloaded)."""
        if self._console is not None:
            self._console.forget()


class Worker:
    """Runs apps and answers their events; everything leaves through ``send(message)``.

    ``send`` receives plain message dicts (see :mod:`pyinterface._protocol`). Several apps can
    be loaded side by side; each is addressed by the ``app`` field of its messages.
    """

    def __init__(
        self, send: Send, load_packages: LoadPackages | None = None, online: Online | None = None,
        max_reply_bytes: int = MAX_REPLY_BYTES,
    ) -> None:
        self._send = send
        #: The largest reply ``send`` posts (json_worker's send enforces it; outputs are checked early).
        self.max_reply_bytes = max_reply_bytes
        self._load_packages = load_packages
        self._online = online
        self._apps: dict[str, _App] = {}
        #: Each app's folder and own modules, for every app run-app reached, loaded or failed
        #: (what unload drops); the loaded ones are also in _apps.
        self._scopes: dict[str, AppScope] = {}
        _worker_hub.attach(send)  # Hub back-offs (a model loading) become hub-wait messages
        self._running: dict[int, asyncio.Task[Any]] = {}  # event id -> its task, while it runs
        self._cancelled: set[int] = set()  # ids of running events a cancel message stopped
        self._last_event = 0  # the highest event id started: a cancel for a higher one came early
        self._cancelled_early: set[int] = set()  # events cancelled before their task started

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
        _worker_hub.enter(message)  # hub-wait messages name this message; run-app: the app's endpoints
        stage: str | None = None
        folder: Path | None = None
        if isinstance(message, dict) and message.get("type") == "run-app":
            stage = "run app"
            folder = Path(message["path"]).resolve() if isinstance(message.get("path"), str) else None
        try:
            message = validate_message(message)
            if message["type"] in ("event", "exec"):  # its traceback shows the app's files relative to its folder
                folder = self._scopes[message["app"]].folder if message["app"] in self._apps else None
            if message["type"] == "run-app":
                await self._run_app(message)
            elif message["type"] == "event":
                await self._run_event(message)
            elif message["type"] == "cancel":
                self.cancel(message["id"])
            elif message["type"] == "exec":
                await self._run_exec(message)
            elif message["type"] == "unload-app":
                self.unload(message["app"])
            else:
                raise ProtocolError(
                    f"Python handles run-app, event, cancel, exec and unload-app messages, not {message['type']!r}."
                )
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
        scope = AppScope(folder)
        self._scopes[message["app"]] = scope
        scope.enter()  # its own modules: another app's utils.py is not this app's
        with self._printing(message["app"]):
            loaded = load_app(entry, folder)
        await self._load_machinery(message["app"], loaded.interface)
        config = loaded.interface.config()
        self._apps[message["app"]] = _App(loaded.interface, loaded.namespace, self._online)
        self._send(make_config(message["id"], message["app"], config))

    async def _load_machinery(self, app: str, interface: Interface) -> None:
        """Load what the Interface's own machinery imports (an Image's numpy and pillow, an
        interpretation's numpy) before its first event. An exported app's manifest lists these
        already (they are then loaded, and skipped); an app given as code names only what its
        code imports, so this is where they come from."""
        needed = interface.pyodide_packages()
        if needed and self._load_packages is not None:
            await self._load_packages(app, json.dumps(needed))

    # -- event -----------------------------------------------------------------------------

    async def _run_event(self, message: EventMessage) -> None:
        """Run an event in the current task, registered under its id so a cancel can stop it."""
        id = message["id"]
        self._last_event = max(self._last_event, id)
        if id in self._cancelled_early:  # its cancel overtook it: it never runs
            self._cancelled_early.discard(id)
            self._send(make_error(id, "CancelledError", f"The {message['event']} event was cancelled.", None, None))
            return
        task = asyncio.current_task()
        if task is not None:
            self._running[id] = task
        try:
            await self._dispatch_event(message)
        except asyncio.CancelledError:
            if task is None or id not in self._cancelled:
                raise  # not ours to swallow (the loop is shutting down)
            task.uncancel()
            self._send(make_error(id, "CancelledError", f"The {message['event']} event was cancelled.", None, None))
        finally:
            self._running.pop(id, None)
            self._cancelled.discard(id)

    def cancel(self, id: int) -> None:
        """Stop the running event ``id`` at its next await (an interpretation: between fn
        batches). Nothing is sent for the cancel itself, and an event that has already
        finished is left alone: its reply is on its way. Synchronous, so worker.mjs calls it
        as the cancel message arrives, before the event's task runs again."""
        task = self._running.get(id)
        if task is not None and not task.done():
            self._cancelled.add(id)
            task.cancel()
        elif id > self._last_event:  # not started yet (its task is scheduled, not run): refused when it starts
            self._cancelled_early.add(id)

    async def _dispatch_event(self, message: EventMessage) -> None:
        app = self._loaded(message["app"])
        self._scopes[message["app"]].enter()  # several apps share this worker; fn sees its own folder and modules
        with self._printing(message["app"]):
            if message["event"] == "predict":
                data = await app.interface.aprocess(message["data"])
            else:
                # The page sends the inputs' then the outputs' values; ainterpret reads the inputs.
                data = await app.interface.ainterpret(message["data"], progress=self._progress_sender(message["id"]))
        names, what = _output_names(app.interface, message["event"])
        check_strings(data, names, what, self.max_reply_bytes)
        try:
            self._send(make_result(message["id"], data))
        except ReplyTooLarge as exc:  # nothing was posted: say which output was too big
            raise output_too_large(exc, data, names, what) from None

    def _printing(self, name: str) -> ContextManager[None]:
        """Route what the app ``name`` prints outside console input (its code while it runs, its
        fn in events) to the page as app-output, a line at a time; echoed to the worker's own
        stdout/stderr too (the browser's devtools console), where a page author has always looked."""
        return printing_to(lambda stream, text: self._send(make_app_output(name, stream, text)), echo=True)

    def _loaded(self, name: str) -> _App:
        app = self._apps.get(name)
        if app is None:
            loaded = ", ".join(map(repr, self._apps)) or "none"
            raise LookupError(f"no app {name!r} is loaded here (loaded: {loaded}); send run-app before its events.")
        return app

    # -- exec and unload-app ---------------------------------------------------------------

    async def _run_exec(self, message: ExecMessage) -> None:
        """Run console input in the app's namespace (the first input finds ``demo`` bound to the
        Interface shown). An Interface it launches (even if it raises afterwards) becomes the one shown: its
        config goes out with id None, before the exec's reply."""
        id, name = message["id"], message["app"]
        app = self._loaded(name)
        self._scopes[name].enter()
        if not app.console_used:
            app.console_used = True
            app.console.namespace["demo"] = app.interface
        with collecting_launches() as launched:
            try:
                result = await app.console.run(message["code"], lambda stream, text: self._send(make_exec_output(id, stream, text)))
            finally:
                if launched:
                    await self._show(name, app, launched[-1])
        self._send(make_exec_result(id, result.status, result.value))

    async def _show(self, name: str, app: _App, interface: Interface) -> None:
        await self._load_machinery(name, interface)
        config = interface.config()
        app.interface = interface
        app.namespace["demo"] = interface
        self._send(make_config(None, name, config))

    def unload(self, name: str) -> None:
        """Drop the app ``name`` (its element left the page): its Interface and namespace, its
        own modules, its folder (on sys.path and in the file system), its Hub endpoints.
        Nothing is sent; an app that is not here (already unloaded, failed early) is no error."""
        app = self._apps.pop(name, None)
        if app is not None:
            app.forget_console()
        scope = self._scopes.pop(name, None)
        if scope is not None:
            scope.drop()
            shutil.rmtree(scope.folder, ignore_errors=True)
        _worker_hub.forget(name)

    def _progress_sender(self, id: int) -> Callable[[int, int], None]:
        """``progress(done, total)`` for ainterpret: a progress message with the event's id."""

        def progress(done: int, total: int) -> None:
            self._send(make_progress(id, INTERPRET_STAGE, f"{done} of {total} evaluations", done, total))

        return progress

    # -- errors ----------------------------------------------------------------------------

    def _reply_error(self, id: Any, exc: BaseException, stage: str | None, folder: Path | None) -> None:
        reply = error_reply(id if isinstance(id, int) and not isinstance(id, bool) else None, exc, stage, folder)
        try:
            self._send(reply)
        except Exception as send_failure:  # noqa: BLE001 - last resort: the page must hear back
            print(f"pyinterface worker: could not send an error reply: {send_failure!r}", file=sys.stderr)
            self._send(make_error(reply["id"], type(send_failure).__name__, str(send_failure), None, stage))


def _output_names(interface: Interface, event: str) -> tuple[list[str], str]:
    """What an event's results are called in a message (one name per value) and who made them."""
    if event == "predict":
        return [str(component.label) for component in interface.output_components], "fn"
    return [f"the interpretation of {component.label}" for component in interface.input_components], "the interpretation"


def error_reply(id: int | None, exc: BaseException, stage: str | None, folder: Path | None) -> ErrorMessage:
    """An ``error`` message for ``exc``: gr.Error shows its message only; anything else also
    gets the traceback of the user's own code (pyinterface and runpy frames are left out, and
    paths inside the app folder are shown relative to it)."""
    if isinstance(exc, Error):  # a HubError too: its details let the page offer a token field or a link
        return make_error(id, "Error", exc.message, None, stage, hub=_worker_hub.error_details(exc))
    message = str(exc) or type(exc).__name__
    if isinstance(exc, MemoryError) and not str(exc):  # Python says nothing more: say where the limit is
        message = (
            "Python ran out of memory: the page's WebAssembly memory (at most 4 GB, often less) is full. "
            "The app's state in Python is kept; work on less data at once."
        )
    return make_error(id, type(exc).__name__, message, _user_traceback(exc, folder), stage)


def _is_user_frame(frame: traceback.FrameSummary) -> bool:
    filename = frame.filename
    return not (filename.startswith(_PACKAGE_DIRS) or filename in ("<frozen runpy>",) or filename.endswith("runpy.py"))


def _user_traceback(exc: BaseException, folder: Path | None) -> str:
    from ._console import shown_filename

    summary = traceback.TracebackException.from_exception(exc)
    seen: set[int] = set()
    pending = [summary]
    while pending:  # the chain (__cause__ / __context__) is formatted too: filter every link
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current.stack = traceback.StackSummary.from_list([f for f in current.stack if _is_user_frame(f)])
        for frame in current.stack:  # console input: its lines are looked up already, under its own name
            frame.filename = shown_filename(frame.filename)
        if getattr(current, "filename", None) is not None:  # a SyntaxError's
            current.filename = shown_filename(current.filename)
        pending.extend(link for link in (current.__cause__, current.__context__) if link is not None)
    text = "".join(summary.format())
    if folder is not None:
        text = text.replace(str(folder) + os.sep, "")
    return text


def _id_of(text: str) -> int | None:
    """Best effort: the id of a message that failed validation, so the reply reaches its caller."""
    try:
        value = json.loads(text).get("id")
    except (TypeError, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def json_worker(
    send_text: Callable[[str], object], load_packages: LoadPackages | None = None, online: Online | None = None,
    max_reply_bytes: int = MAX_REPLY_BYTES,
) -> Worker:
    """A :class:`Worker` whose replies are JSON text (worker.mjs passes ``send_text``,
    ``load_packages`` for what an Interface's machinery needs beyond the app's imports, and
    ``online`` for the console's micropip errors).

    A reply that is not JSON (a fn returned something no component turned into JSON) becomes
    an error reply naming the problem instead. A reply longer than ``max_reply_bytes`` is not
    sent: :class:`ReplyTooLarge` is raised to the code that sent it (an event names its output).
    """

    def send(message: Message) -> None:
        try:
            text = encode(message)
        except ProtocolError as exc:
            text = encode(make_error(message.get("id"), "ProtocolError", str(exc)))  # type: ignore[arg-type]
        if len(text) > max_reply_bytes:
            raise ReplyTooLarge(str(message.get("type")), len(text), max_reply_bytes)
        send_text(text)

    return Worker(send, load_packages, online, max_reply_bytes)
