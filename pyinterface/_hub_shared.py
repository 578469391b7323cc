"""What the Hub client shares with the page's worker, in a module that imports nothing.

The worker (``pyinterface._worker_hub``) must hear about every back-off from its first one,
including one while an app's ``gr.load(...)`` runs at import, and must know the endpoint
variables before any app runs. Importing :mod:`pyinterface.hub` for that would put its HTTP
client (``urllib``, ``email``, ``http``) into every app's start-up, used or not; both sides
import this instead, and the hub package is imported only by apps that use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["ENDPOINT_VARIABLES", "PAGE_VARIABLES", "TIMEOUT_VARIABLE", "add_wait_listener", "wait_listeners"]

#: The endpoint settings an exported page carries (its manifest's "hub" keys) -> the variables the hub reads.
ENDPOINT_VARIABLES = {"endpoint": "HF_ENDPOINT", "inference_endpoint": "HF_INFERENCE_ENDPOINT"}
#: Seconds a Hub request may go unanswered (``load(hf_timeout=)`` wins over it).
TIMEOUT_VARIABLE = "PYINTERFACE_HUB_TIMEOUT"
#: Every setting a page may give an app's gr.load: the endpoints and the hf-timeout attribute.
PAGE_VARIABLES = {**ENDPOINT_VARIABLES, "timeout": TIMEOUT_VARIABLE}

#: Called with each :class:`pyinterface.hub.Wait` before its back-off (the hub iterates over a copy).
wait_listeners: list[Callable[[Any], Any]] = []


def add_wait_listener(listener: Callable[[Any], Any]) -> Callable[[], None]:
    """Call ``listener(wait)`` before every back-off (e.g. to show a countdown); returns a remover."""
    wait_listeners.append(listener)
    return lambda: wait_listeners.remove(listener) if listener in wait_listeners else None
