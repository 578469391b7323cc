"""The messages between the page, the Web Worker and Python, as the Python side sees them.

Mirrors ``site/protocol.mjs``: same ``PROTOCOL_VERSION``, same message types and fields (a test
compares the two files). Every message is plain JSON with a ``type``; a request carries an
``id`` that its reply repeats. Python receives ``run-app`` (the worker has written the app's
files to ``path``) and ``event``, and answers each with ``config``/``result`` or ``error``; while
an interpret event runs it also sends ``progress`` (stage ``"interpret"``, evaluations done of
total) with the event's id. ``cancel`` (the id of a running event) stops that event at its next
await; the event is then answered with an ``error`` of type ``CancelledError``.
While a Hub request waits to be retried (a model loading, 503; rate-limited, 429) Python sends
``hub-wait`` with the id and app of the message it is handling, for the page's countdown; an
``error`` for a failed Hub request carries ``error.hub`` (``HubError.to_dict()``), so the page
can offer a token field or a link. ``hub-token`` (a token the visitor pasted) goes from the page
to worker.mjs, which hands it to :mod:`pyinterface._worker_hub` directly.
``exec`` (console input, :mod:`pyinterface._console`) runs code in an app's namespace: Python
sends ``exec-output`` as the code prints, then ``exec-result`` (or ``error``); when that code
launches an Interface, a ``config`` with id ``None`` first (the page re-renders the app).
What an app prints outside ``exec`` (its code at run-app, its fn during events) is sent as
``app-output`` with the app's name (:mod:`pyinterface._printing`; the element dispatches it as
a ``pyinterface-output`` event).
``unload-app`` drops an app whose element left the page; it has no reply.
``fatal`` (worker.mjs to the page, never Python) says Pyodide can no longer run (``os._exit``, a
C-stack overflow, an abort): the page stops the worker and offers Restart.
The other types (``hello``, ``load-app``) pass between the page and worker.mjs only
and are listed so both sides agree on the whole vocabulary.

Messages cross the JS/Python boundary as JSON text (:func:`encode`/:func:`decode`), so no
JS proxy ever reaches pyinterface code.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any, Literal, Mapping, NotRequired, TypedDict, Union

__all__ = [
    "ERROR_FIELDS", "ERROR_OPTIONAL_FIELDS", "EVENTS", "EXEC_STATUSES", "EXEC_STREAMS", "INTERPRET_STAGE",
    "MESSAGE_TYPES", "PROTOCOL_VERSION", "STAGES", "AppOutputMessage", "CancelMessage", "ConfigMessage", "ErrorInfo", "ErrorMessage",
    "EventMessage", "ExecMessage", "ExecOutputMessage", "ExecResultMessage", "FatalMessage", "HelloMessage", "HubTokenMessage",
    "HubWaitMessage", "LoadAppMessage", "Message", "ProgressMessage", "ProtocolError", "ResultMessage",
    "RunAppMessage", "UnloadAppMessage", "decode", "encode", "make_app_output", "make_config", "make_error", "make_exec_output",
    "make_exec_result", "make_hub_wait", "make_progress", "make_result", "validate_message",
]

PROTOCOL_VERSION = 6

#: Boot stages in order (site/protocol.mjs STAGES); errors name the one that failed.
STAGES = ("load manifest", "load runtime", "load packages", "fetch app files", "run app")
#: Event names an ``event`` message may carry.
EVENTS = ("predict", "interpret")
#: The ``stage`` of the progress messages an interpret event sends (loaded/total: evaluations).
INTERPRET_STAGE = "interpret"
#: Streams an ``exec-output`` or ``app-output`` message may name.
EXEC_STREAMS = ("stdout", "stderr")
#: Statuses of an ``exec-result``: the input ran, or it is an unfinished statement (nothing ran).
EXEC_STATUSES = ("complete", "incomplete")


class HelloMessage(TypedDict):
    type: Literal["hello"]
    protocol: int


class StartRuntimeMessage(TypedDict):
    type: Literal["start-runtime"]
    runtime: str
    pyodide: str | None
    packages: list[str] | None


class LoadAppMessage(TypedDict):
    type: Literal["load-app"]
    id: int
    app: str
    runtime: str
    source_url: str
    manifest: dict[str, Any]
    files: list[dict[str, Any]]


class RunAppMessage(TypedDict):
    type: Literal["run-app"]
    id: int
    app: str
    path: str
    entry: str


class ProgressMessage(TypedDict):
    type: Literal["progress"]
    id: int | None
    stage: str
    message: str
    loaded: float | None
    total: float | None


class ConfigMessage(TypedDict):
    type: Literal["config"]
    id: int | None  # None: the app's Interface was launched again from console input
    app: str
    config: dict[str, Any]


class EventMessage(TypedDict):
    type: Literal["event"]
    id: int
    app: str
    event: Literal["predict", "interpret"]
    data: list[Any]


class CancelMessage(TypedDict):
    type: Literal["cancel"]
    id: int


class ResultMessage(TypedDict):
    type: Literal["result"]
    id: int
    data: list[Any]


class ErrorInfo(TypedDict):
    type: str
    message: str
    traceback: str | None
    stage: str | None
    hub: NotRequired[dict[str, Any] | None]  # a failed Hub request: HubError.to_dict()


class HubTokenMessage(TypedDict):
    type: Literal["hub-token"]
    token: str | None


class HubWaitMessage(TypedDict):
    type: Literal["hub-wait"]
    id: int | None
    app: str | None
    seconds: float
    message: str
    attempt: int
    max_attempts: int
    status: int


class ErrorMessage(TypedDict):
    type: Literal["error"]
    id: int | None
    error: ErrorInfo


class ExecMessage(TypedDict):
    type: Literal["exec"]
    id: int
    app: str
    code: str


class ExecOutputMessage(TypedDict):
    type: Literal["exec-output"]
    id: int
    stream: Literal["stdout", "stderr"]
    text: str


class ExecResultMessage(TypedDict):
    type: Literal["exec-result"]
    id: int
    status: Literal["complete", "incomplete"]
    value: str | None  # repr of the input's final expression; None when there is none or it is None


class UnloadAppMessage(TypedDict):
    type: Literal["unload-app"]
    app: str


class AppOutputMessage(TypedDict):
    type: Literal["app-output"]
    app: str
    stream: Literal["stdout", "stderr"]
    text: str


class FatalMessage(TypedDict):
    type: Literal["fatal"]
    reason: str


Message = Union[
    HelloMessage, StartRuntimeMessage, LoadAppMessage, RunAppMessage, ProgressMessage, ConfigMessage, EventMessage,
    CancelMessage, ResultMessage, ErrorMessage, HubTokenMessage, HubWaitMessage, ExecMessage, ExecOutputMessage,
    ExecResultMessage, UnloadAppMessage, AppOutputMessage, FatalMessage,
]

_MESSAGE_CLASSES: dict[str, type] = {
    "hello": HelloMessage, "start-runtime": StartRuntimeMessage, "load-app": LoadAppMessage, "run-app": RunAppMessage,
    "progress": ProgressMessage, "config": ConfigMessage, "event": EventMessage,
    "cancel": CancelMessage, "result": ResultMessage, "error": ErrorMessage,
    "hub-token": HubTokenMessage, "hub-wait": HubWaitMessage, "exec": ExecMessage, "exec-output": ExecOutputMessage,
    "exec-result": ExecResultMessage, "unload-app": UnloadAppMessage, "app-output": AppOutputMessage,
    "fatal": FatalMessage,
}
MESSAGE_TYPES = tuple(_MESSAGE_CLASSES)

# The JSON type each field must have, in site/protocol.mjs's notation (checked at runtime
# here; the TypedDicts above are for readers and type checkers).
_FIELDS: dict[str, dict[str, str]] = {
    "hello": {"protocol": "integer"},
    "start-runtime": {"runtime": "string", "pyodide": "string|null", "packages": "array|null"},
    "load-app": {"id": "integer", "app": "string", "runtime": "string", "source_url": "string", "manifest": "object",
                 "files": "array"},
    "run-app": {"id": "integer", "app": "string", "path": "string", "entry": "string"},
    "progress": {"id": "integer|null", "stage": "string", "message": "string", "loaded": "number|null", "total": "number|null"},
    "config": {"id": "integer|null", "app": "string", "config": "object"},
    "event": {"id": "integer", "app": "string", "event": "string", "data": "array"},
    "cancel": {"id": "integer"},
    "result": {"id": "integer", "data": "array"},
    "error": {"id": "integer|null", "error": "object"},
    "hub-token": {"token": "string|null"},
    "hub-wait": {"id": "integer|null", "app": "string|null", "seconds": "number", "message": "string",
                 "attempt": "integer", "max_attempts": "integer", "status": "integer"},
    "exec": {"id": "integer", "app": "string", "code": "string"},
    "exec-output": {"id": "integer", "stream": "string", "text": "string"},
    "exec-result": {"id": "integer", "status": "string", "value": "string|null"},
    "unload-app": {"app": "string"},
    "app-output": {"app": "string", "stream": "string", "text": "string"},
    "fatal": {"reason": "string"},
}
#: Fields whose string must be one of a few values: type -> field -> the values.
_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "event": {"event": EVENTS}, "exec-output": {"stream": EXEC_STREAMS}, "exec-result": {"status": EXEC_STATUSES},
    "app-output": {"stream": EXEC_STREAMS},
}
ERROR_FIELDS: dict[str, str] = {"type": "string", "message": "string", "traceback": "string|null", "stage": "string|null"}
#: Fields the ``error`` object may have; checked when present.
ERROR_OPTIONAL_FIELDS: dict[str, str] = {"hub": "object|null"}


class ProtocolError(ValueError):
    """A message that does not follow the protocol; the text names the field and the problem."""


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _check_fields(what: str, obj: Mapping[str, Any], fields: Mapping[str, str]) -> None:
    for name, expected in fields.items():
        if name not in obj:
            raise ProtocolError(f'{what} has no "{name}" field (expected {expected}).')
        actual = _json_type(obj[name])
        allowed = expected.split("|")
        if actual not in allowed and not (actual == "integer" and "number" in allowed):
            raise ProtocolError(f'{what}: "{name}" must be {expected}, got {obj[name]!r:.80} ({actual}).')


def validate_message(message: Any) -> Message:
    """Return ``message`` if it follows the protocol, else raise :class:`ProtocolError`."""
    if not isinstance(message, Mapping):
        raise ProtocolError(f'a message must be an object with a "type", got {message!r:.80}.')
    kind = message.get("type")
    fields = _FIELDS.get(kind)  # type: ignore[arg-type]
    if fields is None:
        raise ProtocolError(f"unknown message type {kind!r}; known: {', '.join(MESSAGE_TYPES)}.")
    _check_fields(f'a "{kind}" message', message, fields)
    if kind == "error":
        _check_fields('the "error" of an error message', message["error"], ERROR_FIELDS)
        present = {k: v for k, v in ERROR_OPTIONAL_FIELDS.items() if k in message["error"]}
        _check_fields('the "error" of an error message', message["error"], present)
    for name, allowed in _CHOICES.get(kind, {}).items():
        if message[name] not in allowed:
            raise ProtocolError(f'an "{kind}" message: "{name}" must be one of {", ".join(allowed)}, got {message[name]!r}.')
    return message  # type: ignore[return-value]


# -- constructors for what Python sends --------------------------------------------------------


def make_config(id: int | None, app: str, config: Mapping[str, Any]) -> ConfigMessage:
    """The reply to run-app; ``id`` None: the app's Interface launched again from console input."""
    return {"type": "config", "id": id, "app": app, "config": dict(config)}


def make_exec_output(id: int, stream: Literal["stdout", "stderr"], text: str) -> ExecOutputMessage:
    return {"type": "exec-output", "id": id, "stream": stream, "text": text}


def make_app_output(app: str, stream: Literal["stdout", "stderr"], text: str) -> AppOutputMessage:
    """What ``app`` printed outside console input (at run-app, in an event)."""
    return {"type": "app-output", "app": app, "stream": stream, "text": text}


def make_exec_result(id: int, status: Literal["complete", "incomplete"], value: str | None) -> ExecResultMessage:
    return {"type": "exec-result", "id": id, "status": status, "value": value}


def make_progress(
    id: int | None, stage: str, message: str, loaded: float | None = None, total: float | None = None
) -> ProgressMessage:
    return {"type": "progress", "id": id, "stage": stage, "message": message, "loaded": loaded, "total": total}


def make_result(id: int, data: list[Any]) -> ResultMessage:
    return {"type": "result", "id": id, "data": data}


def make_error(
    id: int | None, type: str, message: str, traceback: str | None = None, stage: str | None = None,
    hub: Mapping[str, Any] | None = None,
) -> ErrorMessage:
    """An error reply; ``hub`` (a failed Hub request's details) is added only when given."""
    info: ErrorInfo = {"type": type, "message": message, "traceback": traceback, "stage": stage}
    if hub is not None:
        info["hub"] = dict(hub)
    return {"type": "error", "id": id, "error": info}


def make_hub_wait(id: int | None, app: str | None, wait: Mapping[str, Any]) -> HubWaitMessage:
    """A ``hub-wait`` from a :class:`pyinterface.hub.Wait`'s ``to_dict()``."""
    return {
        "type": "hub-wait", "id": id, "app": app, "seconds": float(wait["seconds"]), "message": str(wait["message"]),
        "attempt": int(wait["attempt"]), "max_attempts": int(wait["max_attempts"]), "status": int(wait["status"]),
    }


# -- JSON at the boundary ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """What ``json.dumps`` cannot take -> JSON: numpy values via tolist/item, NaN/inf -> null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    for method in ("tolist", "item"):  # numpy arrays and scalars, without importing numpy
        if callable(getattr(value, method, None)):
            return _plain(getattr(value, method)())
    return value


def encode(message: Message) -> str:
    """A message -> JSON text for the page.

    A list that carries its own JSON text (a ``json_text`` attribute, as an image
    interpretation's map does: :class:`pyinterface.interpretation.HeatMap`) is written as that
    text when it is a value of a ``result``'s data or of a dict there, where interpretation
    payloads sit: json.dumps prints floats one at a time, ~6 ms for a 64×64 map in the page.
    Raises :class:`ProtocolError` naming the offending type when a value is not JSON.
    """
    message, texts = _prerendered(message)
    try:
        text = json.dumps(message, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        try:
            text = json.dumps(_plain(message), allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise ProtocolError(f"a {message.get('type')!r} message holds a value that is not JSON: {exc}") from None
    for placeholder, json_text in texts.items():
        text = text.replace(placeholder, json_text, 1)
    return text


#: Makes :func:`_prerendered`'s placeholders unguessable, so no string a fn returns is one.
_PLACEHOLDER_NONCE = os.urandom(8).hex()


def _prerendered(message: Message) -> tuple[Message, dict[str, str]]:
    """``message`` with the result's lists that carry their JSON text swapped for placeholder
    strings, and {each placeholder as JSON: the text to put in its place}."""
    data = message.get("data") if message.get("type") == "result" else None
    if not isinstance(data, list):
        return message, {}
    texts: dict[str, str] = {}

    def swap(value: Any) -> Any:
        text = getattr(value, "json_text", None) if isinstance(value, list) else None
        if not isinstance(text, str):
            return value
        placeholder = f"\x00json-text-{_PLACEHOLDER_NONCE}-{len(texts)}"
        texts[json.dumps(placeholder)] = text
        return placeholder

    swapped = [{k: swap(v) for k, v in item.items()} if isinstance(item, dict) else swap(item) for item in data]
    return ({**message, "data": swapped} if texts else message), texts  # type: ignore[return-value]


def decode(text: str) -> Message:
    """JSON text from the worker -> a validated message."""
    try:
        message = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ProtocolError(f"a message must be JSON text, got {text!r:.80} ({exc}).") from None
    return validate_message(message)
