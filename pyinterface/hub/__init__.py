"""Load Hugging Face models and Spaces as Interfaces: ``gr.load`` / ``gr.Interface.load``.

::

    import pyinterface as gr

    demo = gr.load("huggingface/gpt2")                  # or "models/gpt2"
    demo("It was the best of times")                    # calls the inference API
    gr.load("spaces/eugenesiow/remove-bg", inputs="webcam", title="Remove your webcam background!")

Endpoints come from ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT``, the token from ``hf_token=``
or ``HF_TOKEN``, and how long a request may go unanswered from ``hf_timeout=`` or
``PYINTERFACE_HUB_TIMEOUT`` (60 s; see :mod:`._settings`); failures raise :class:`HubError`
subclasses whose messages say what went wrong and what to do. In the browser,
``await aload(...)`` and ``await interface.acall(...)`` use ``fetch``; the blocking forms use
pyodide-http's synchronous requests.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from ._errors import (
    HubAuthError, HubConnectionError, HubCreditsError, HubError, HubNotFoundError, HubRateLimitError, HubRequestError,
    HubResponseError, HubTimeoutError, HubUnavailableError, RetryPolicy, SpaceError, UnsupportedPipelineError,
)
from ._settings import HubSettings, resolve_settings, set_session_token
from ._transport import Flow, Wait, add_wait_listener, arun, run

if TYPE_CHECKING:
    from .._interface import Interface

__all__ = [
    "HubAuthError", "HubConnectionError", "HubCreditsError", "HubError", "HubNotFoundError", "HubRateLimitError",
    "HubRequestError", "HubResponseError", "HubSettings", "HubTimeoutError", "HubUnavailableError", "RetryPolicy",
    "SpaceError",
    "UnsupportedPipelineError", "Wait", "add_wait_listener", "aload", "load", "set_session_token", "supported_tasks",
]

#: ``src`` values (Gradio 3's factory table) -> what they load.
SOURCES = {"huggingface": "model", "models": "model", "spaces": "space"}


def supported_tasks() -> list[str]:
    """The model tasks (``pipeline_tag`` values) ``load`` can build an Interface for."""
    from ._tasks import supported_tasks as tasks

    return tasks()


def _split(name: Any, src: Any) -> tuple[str, str]:
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"load: name must be a str such as 'huggingface/gpt2', got {name!r} ({type(name).__name__}).")
    name = name.strip()
    if src is None:
        src, sep, repo = name.partition("/")
        if not sep or not repo:
            raise ValueError(
                f"load: {name!r} has no source prefix. Either `src` parameter must be provided, or `name` must be "
                "formatted as {src}/{repo name}, e.g. 'huggingface/gpt2', 'models/t5-small' or 'spaces/owner/name'."
            )
    else:
        repo = name
    if not isinstance(src, str) or src.lower() not in SOURCES:
        raise ValueError(f"load: src must be one of 'huggingface', 'models' or 'spaces', got {src!r}.")
    return SOURCES[src.lower()], repo


def _load_flow(name: Any, src: Any, hf_token: str | None, alias: str | None, hf_timeout: float | None,
               kwargs: dict[str, Any]) -> Flow[Any]:
    if "api_key" in kwargs:  # Gradio 3's old name for hf_token
        api_key = kwargs.pop("api_key")
        warnings.warn("load(api_key=...) is deprecated; use hf_token=... instead.", DeprecationWarning, stacklevel=4)
        hf_token = hf_token if hf_token is not None else api_key
    if alias is not None and not isinstance(alias, str):
        raise TypeError(f"load: alias must be a str (the Interface's name) or None, got {alias!r}.")
    kind, repo = _split(name, src)
    settings = resolve_settings(hf_token, hf_timeout)
    if kind == "model":
        from ._models import build_model_interface, check_model_id, model_info_flow

        info = yield from model_info_flow(settings, check_model_id(repo))
        return build_model_interface(settings, info, name=repo, alias=alias, kwargs=kwargs)
    from ._spaces import build_space_interface, space_config_flow

    settings, host, config = yield from space_config_flow(settings, repo)
    return build_space_interface(settings, host, config, name=repo, alias=alias, kwargs=kwargs)


def load(name: str, src: str | None = None, hf_token: str | None = None, alias: str | None = None, *,
         hf_timeout: float | None = None, **kwargs: Any) -> Interface:
    """Build an Interface for a Hub model (``"huggingface/{id}"``, ``"models/{id}"``) or a Space
    (``"spaces/{owner}/{name}"``). ``kwargs`` (``inputs``, ``outputs``, ``title``, ``examples``,
    ``css``...) override what was loaded. ``hf_token`` is sent only to the configured Hub and
    inference hosts and to the Space host the Hub returns. ``hf_timeout`` (seconds, default
    ``PYINTERFACE_HUB_TIMEOUT`` or 60) is how long each Hub request, now and when the Interface
    runs, may go unanswered before it fails. Blocks while it asks the Hub."""
    return run(_load_flow(name, src, hf_token, alias, hf_timeout, kwargs))


async def aload(name: str, src: str | None = None, hf_token: str | None = None, alias: str | None = None, *,
                hf_timeout: float | None = None, **kwargs: Any) -> Interface:
    """Awaitable :func:`load` (uses ``fetch`` in the browser)."""
    return await arun(_load_flow(name, src, hf_token, alias, hf_timeout, kwargs))
