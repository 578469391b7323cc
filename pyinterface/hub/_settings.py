"""Where Hub requests go, and the one rule for who may see the access token.

Three settings, read the same way under CPython and in the browser worker:

* the Hub API base: ``HF_ENDPOINT`` (default ``https://huggingface.co``), for model info and
  Space host lookups;
* the inference base: ``HF_INFERENCE_ENDPOINT`` (default
  ``https://router.huggingface.co/hf-inference``), for ``POST {base}/models/{id}``;
* the token: ``load(hf_token=...)`` or ``HF_TOKEN``; in the page a visitor may paste one,
  which the worker passes to :func:`set_session_token` and which then wins (it is the only
  way a visitor can fix a 401/403);
* the request timeout: ``load(hf_timeout=...)`` or ``PYINTERFACE_HUB_TIMEOUT`` (seconds,
  default 60); in the page also the ``hf-timeout`` attribute of ``<pyinterface-app>``.

The page passes its export flags / app-element attributes to the worker as the same
environment variables, so nothing here checks the platform.

The token is attached by :meth:`HubSettings.authorize` and nowhere else: only to URLs whose
origin is the Hub's, the inference host's, or a Space host that the configured Hub itself
returned for a Space this app loaded. Every request (and every redirect hop) goes through it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .._hub_shared import TIMEOUT_VARIABLE
from ..errors import ConfigurationError

if TYPE_CHECKING:
    from ._transport import Request

__all__ = [
    "DEFAULT_HUB_ENDPOINT", "DEFAULT_INFERENCE_ENDPOINT", "DEFAULT_TIMEOUT", "TIMEOUT_VARIABLE", "HubSettings",
    "origin_of", "resolve_settings", "set_session_token",
]

DEFAULT_HUB_ENDPOINT = "https://huggingface.co"
DEFAULT_INFERENCE_ENDPOINT = "https://router.huggingface.co/hf-inference"
#: Seconds a Hub request may go unanswered before it fails ("no answer from HOST within 60 s").
DEFAULT_TIMEOUT = 60.0

#: A token pasted by the visitor into the page (kept in sessionStorage by the page, never exported).
_session_token: str | None = None


def set_session_token(token: str | None) -> None:
    """Use ``token`` for every Hub request from now on (``None`` forgets it).

    The page calls this when a visitor pastes a token; it takes precedence over ``hf_token=``
    and ``HF_TOKEN`` because it is how a visitor recovers from "needs a token" errors.
    """
    global _session_token
    if token is not None and not isinstance(token, str):
        raise TypeError(f"set_session_token: token must be a str or None, got {type(token).__name__}.")
    _session_token = (token.strip() or None) if token is not None else None


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` in lower case, without the default port (the browser's notion)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def _endpoint(value: str | None, variable: str, default: str) -> str:
    if value is None or not value.strip():
        return default
    value = value.strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"{variable} must be an http(s) URL such as {default!r}, got {value!r}. "
            f"Fix the environment variable (or the page's export flag), or unset it to use the default."
        )
    return value


@dataclass(frozen=True)
class HubSettings:
    """Endpoints and token source for one loaded model or Space.

    Endpoints are fixed when ``load()`` runs; the token is looked up at each request, so a token
    pasted into the page after loading is used by the next call.
    """

    hub_endpoint: str = DEFAULT_HUB_ENDPOINT
    inference_endpoint: str = DEFAULT_INFERENCE_ENDPOINT
    #: ``hf_token=`` as passed to ``load()``.
    explicit_token: str | None = field(default=None, repr=False)
    #: Space hosts the configured Hub returned from ``/api/spaces/{id}/host``.
    space_origins: frozenset[str] = frozenset()
    #: Seconds each request may go unanswered.
    timeout: float = DEFAULT_TIMEOUT

    @property
    def token(self) -> str | None:
        """The token to send: pasted in the page > ``hf_token=`` > ``HF_TOKEN``."""
        return _session_token or self.explicit_token or os.environ.get("HF_TOKEN") or None

    @property
    def trusted_origins(self) -> frozenset[str]:
        return frozenset({origin_of(self.hub_endpoint), origin_of(self.inference_endpoint)}) | self.space_origins

    def trusting(self, space_host: str) -> HubSettings:
        """These settings, also sending the token to ``space_host`` (which the Hub vouched for)."""
        return replace(self, space_origins=self.space_origins | {origin_of(space_host)})

    def may_receive_token(self, url: str) -> bool:
        return origin_of(url) in self.trusted_origins

    def authorize(self, request: Request) -> Request:
        """``request`` with ``Authorization`` set if (and only if) its URL's host is trusted.

        Any Authorization header already present is dropped first, so a request re-aimed at
        another URL (a redirect) can never carry the token to a host that must not see it.
        """
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        token = self.token
        if token and self.may_receive_token(request.url):
            headers["Authorization"] = f"Bearer {token}"
        return replace(request, headers=headers)

    def model_page(self, model_id: str) -> str:
        return f"{self.hub_endpoint}/{model_id}"

    def tokens_page(self) -> str:
        return f"{self.hub_endpoint}/settings/tokens"


def _timeout(hf_timeout: float | None) -> float:
    """``hf_timeout`` if given, else ``PYINTERFACE_HUB_TIMEOUT``, else 60 s; a positive number."""
    if hf_timeout is not None:
        if isinstance(hf_timeout, bool) or not isinstance(hf_timeout, (int, float)):
            raise TypeError(f"hf_timeout must be a number of seconds (e.g. 60) or None, got {hf_timeout!r}.")
        value, source = float(hf_timeout), "hf_timeout"
    else:
        text = os.environ.get(TIMEOUT_VARIABLE, "").strip()
        if not text:
            return DEFAULT_TIMEOUT
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        source = TIMEOUT_VARIABLE
    if not math.isfinite(value) or value <= 0:
        raise ConfigurationError(
            f"{source} must be a positive number of seconds such as {DEFAULT_TIMEOUT:g}, got "
            f"{hf_timeout if hf_timeout is not None else os.environ.get(TIMEOUT_VARIABLE)!r}. "
            f"Fix it, or leave it out to wait {DEFAULT_TIMEOUT:g} s for each Hub request."
        )
    return value


def resolve_settings(hf_token: str | None = None, hf_timeout: float | None = None) -> HubSettings:
    """Settings from ``HF_ENDPOINT``, ``HF_INFERENCE_ENDPOINT``, ``PYINTERFACE_HUB_TIMEOUT`` and
    the given token and timeout (which win over the variables)."""
    if hf_token is not None and not isinstance(hf_token, str):
        raise TypeError(f"hf_token must be a str (a Hugging Face access token) or None, got {type(hf_token).__name__}.")
    return HubSettings(
        hub_endpoint=_endpoint(os.environ.get("HF_ENDPOINT"), "HF_ENDPOINT", DEFAULT_HUB_ENDPOINT),
        inference_endpoint=_endpoint(
            os.environ.get("HF_INFERENCE_ENDPOINT"), "HF_INFERENCE_ENDPOINT", DEFAULT_INFERENCE_ENDPOINT
        ),
        explicit_token=(hf_token.strip() or None) if hf_token else None,
        timeout=_timeout(hf_timeout),
    )
