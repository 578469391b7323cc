"""What the browser worker does for ``gr.load``: endpoints, the pasted token, countdowns, error help.

In CPython ``pyinterface.hub`` reads ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT`` / ``HF_TOKEN``
from the environment. In the page the same settings come from the export flags (the
manifest's ``"hub"`` entry) and the ``<pyinterface-app hf-endpoint=... hf-inference-endpoint=...>``
attributes, and a token only from the visitor, who pastes it into the page. This module is
where those meet the hub, without the hub knowing it runs in a worker:

* :func:`configure` (called by worker.mjs with the merged settings, before the app runs)
  remembers an app's endpoints and request timeout (the ``hf-timeout`` attribute);
  :func:`enter` puts them into ``os.environ`` when that app's ``run-app`` is handled, so a
  blocking ``gr.load(...)`` at import time sees them (they are fixed when ``load()`` runs).
  Several apps share the worker, so each gets its own at its turn.
* :func:`set_token` passes a pasted token to :func:`pyinterface.hub.set_session_token` (never
  to the environment, never to a file).
* :func:`attach` forwards every back-off (:class:`pyinterface.hub.Wait`) as a ``hub-wait``
  message carrying the id and app of the message being handled (a context variable set by
  :func:`enter`; each message runs in its own asyncio task), for the page's countdown.
* :func:`error_details` is the ``error.hub`` of an error reply: ``HubError.to_dict()``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any

import sys

from ._hub_shared import PAGE_VARIABLES as ENV_NAMES
from ._hub_shared import add_wait_listener
from ._protocol import make_hub_wait

__all__ = ["ENV_NAMES", "attach", "configure", "enter", "error_details", "forget", "set_token"]


#: (id, app) of the message the current task is handling.
_current: ContextVar[tuple[int | None, str | None]] = ContextVar("pyinterface_worker_message", default=(None, None))
#: app id -> its endpoints, as configure() received them.
_endpoints: dict[str, dict[str, str]] = {}
_send: Callable[[Any], object] | None = None
_listening = False


def configure(app: str, settings: str | Mapping[str, Any] | None) -> None:
    """Remember ``app``'s settings: ``{"endpoint", "inference_endpoint", "timeout"}`` (JSON text
    from worker.mjs, or a mapping; the timeout as text, in seconds); missing or empty values mean
    pyinterface.hub's defaults (pyinterface.hub checks the values when ``load()`` runs)."""
    if isinstance(settings, str):
        settings = json.loads(settings or "null")
    if settings is not None and not isinstance(settings, Mapping):
        raise TypeError(f"the app's hub settings must be an object, got {settings!r:.80}.")
    chosen: dict[str, str] = {}
    for key in ENV_NAMES:
        value = (settings or {}).get(key)
        if value is not None and not isinstance(value, str):
            raise TypeError(f'the app\'s hub setting "{key}" must be a string, got {value!r:.80}.')
        if value and value.strip():
            chosen[key] = value.strip()
    _endpoints[app] = chosen


def forget(app: str) -> None:
    """Drop ``app``'s endpoints (the app was unloaded)."""
    _endpoints.pop(app, None)


def enter(message: Any) -> None:
    """Note the message the current task handles; for a configured app's ``run-app`` (or console
    input, ``exec``), put its endpoints into ``os.environ`` (and clear the ones it does not set)."""
    if not isinstance(message, Mapping):
        return
    id, app = message.get("id"), message.get("app")
    _current.set((id if isinstance(id, int) and not isinstance(id, bool) else None, app if isinstance(app, str) else None))
    if message.get("type") in ("run-app", "exec") and isinstance(app, str) and app in _endpoints:
        for key, variable in ENV_NAMES.items():
            value = _endpoints[app].get(key)
            if value:
                os.environ[variable] = value
            else:
                os.environ.pop(variable, None)


def set_token(token: str | None) -> None:
    """Use the token the visitor pasted for every Hub request from now on (``None``: forget it)."""
    from .hub import set_session_token  # the page offers a token only to apps that use the hub

    set_session_token(token)


def _forward(wait: Any) -> None:
    """Send a :class:`pyinterface.hub.Wait` (a back-off about to start) to the page."""
    if _send is not None:
        id, app = _current.get()
        _send(make_hub_wait(id, app, wait.to_dict()))


def attach(send: Callable[[Any], object]) -> None:
    """Send back-offs through ``send`` (the worker's reply channel) from now on."""
    global _send, _listening
    _send = send
    if not _listening:
        add_wait_listener(_forward)
        _listening = True


def error_details(exc: BaseException) -> dict[str, Any] | None:
    """``error.hub`` for an error reply: what the page needs to offer help, or None."""
    hub = sys.modules.get("pyinterface.hub")  # not imported: exc cannot be one of its errors
    return exc.to_dict() if hub is not None and isinstance(exc, hub.HubError) else None
