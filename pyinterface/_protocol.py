"""The messages between the page, the Web Worker and Python, as the Python side sees them.

Mirrors ``site/protocol.mjs``: same ``PROTOCOL_VERSION``, same message types and fields (a test
compares the two files). Every message is plain JSON with a ``type``; a request carries an
``id`` that its reply repeats. Python receives ``run-app`` (the worker has written the app's
files to ``path``) and ``event``, and answers each with ``config``/``result`` or ``error``.
The other types (``hello``, ``load-app``, ``progress``) pass between the page and worker.mjs only
and are listed so both sides agree on the whole vocabulary.

Messages cross the JS/Python boundary as JSON text (:func:`encode`/:func:`decode`), so no
JS proxy ever reaches pyinterface code.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal, Mapping, TypedDict, Union

__all__ = [
    "ERROR_FIELDS", "EVENTS", "MESSAGE_TYPES", "PROTOCOL_VERSION", "STAGES",
    "ConfigMessage", "ErrorInfo", "ErrorMessage", "EventMessage", "HelloMessage", "LoadAppMessage",
    "Message", "ProgressMessage", "ProtocolError", "ResultMessage", "RunAppMessage",
    "decode", "encode", "make_config", "make_error", "make_result", "validate_message",
]

PROTOCOL_VERSION = 1

#: Boot stages in order (site/protocol.mjs STAGES); errors name the one that failed.
STAGES = ("load manifest", "load runtime", "load packages", "fetch app files", "run app")
#: Event names an ``event`` message may carry.
EVENTS = ("predict", "interpret")


class HelloMessage(TypedDict):
    type: Literal["hello"]
    protocol: int


class LoadAppMessage(TypedDict):
    type: Literal["load-app"]
    id: int
    app: str
    runtime: str
    manifest_url: str
    manifest: dict[str, Any]


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
    id: int
    app: str
    config: dict[str, Any]


class EventMessage(TypedDict):
    type: Literal["event"]
    id: int
    app: str
    event: Literal["predict", "interpret"]
    data: list[Any]


class ResultMessage(TypedDict):
    type: Literal["result"]
    id: int
    data: list[Any]


class ErrorInfo(TypedDict):
    type: str
    message: str
    traceback: str | None
    stage: str | None


class ErrorMessage(TypedDict):
    type: Literal["error"]
    id: int | None
    error: ErrorInfo


Message = Union[
    HelloMessage, LoadAppMessage, RunAppMessage, ProgressMessage, ConfigMessage, EventMessage,
    ResultMessage, ErrorMessage,
]

_MESSAGE_CLASSES: dict[str, type] = {
    "hello": HelloMessage, "load-app": LoadAppMessage, "run-app": RunAppMessage,
    "progress": ProgressMessage, "config": ConfigMessage, "event": EventMessage,
    "result": ResultMessage, "error": ErrorMessage,
}
MESSAGE_TYPES = tuple(_MESSAGE_CLASSES)

# The JSON type each field must have, in site/protocol.mjs's notation (checked at runtime
# here; the TypedDicts above are for readers and type checkers).
_FIELDS: dict[str, dict[str, str]] = {
    "hello": {"protocol": "integer"},
    "load-app": {"id": "integer", "app": "string", "runtime": "string", "manifest_url": "string", "manifest": "object"},
    "run-app": {"id": "integer", "app": "string", "path": "string", "entry": "string"},
    "progress": {"id": "integer|null", "stage": "string", "message": "string", "loaded": "number|null", "total": "number|null"},
    "config": {"id": "integer", "app": "string", "config": "object"},
    "event": {"id": "integer", "app": "string", "event": "string", "data": "array"},
    "result": {"id": "integer", "data": "array"},
    "error": {"id": "integer|null", "error": "object"},
}
ERROR_FIELDS: dict[str, str] = {"type": "string", "message": "string", "traceback": "string|null", "stage": "string|null"}


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
    if kind == "event" and message["event"] not in EVENTS:
        raise ProtocolError(f'an "event" message: "event" must be one of {", ".join(EVENTS)}, got {message["event"]!r}.')
    return message  # type: ignore[return-value]


# -- constructors for what Python sends --------------------------------------------------------


def make_config(id: int, app: str, config: Mapping[str, Any]) -> ConfigMessage:
    return {"type": "config", "id": id, "app": app, "config": dict(config)}


def make_result(id: int, data: list[Any]) -> ResultMessage:
    return {"type": "result", "id": id, "data": data}


def make_error(
    id: int | None, type: str, message: str, traceback: str | None = None, stage: str | None = None
) -> ErrorMessage:
    return {"type": "error", "id": id, "error": {"type": type, "message": message, "traceback": traceback, "stage": stage}}


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

    Raises :class:`ProtocolError` naming the offending type when a value is not JSON.
    """
    try:
        return json.dumps(message, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        pass
    try:
        return json.dumps(_plain(message), allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ProtocolError(f"a {message.get('type')!r} message holds a value that is not JSON: {exc}") from None


def decode(text: str) -> Message:
    """JSON text from the worker -> a validated message."""
    try:
        message = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ProtocolError(f"a message must be JSON text, got {text!r:.80} ({exc}).") from None
    return validate_message(message)
