"""Hub failures in plain words, and when a failed request is worth sending again.

The tree (every class is also ``gr.Error``, so the page shows the message, never a traceback)::

    HubError
    ├── HubAuthError            401/403: needs a token (with inference permission)
    ├── HubCreditsError         402: inference credits used up
    ├── HubNotFoundError        404: no such model/Space, or the model is not served
    ├── HubRateLimitError       429 (after the retries)
    ├── HubUnavailableError     503 (after the retries; model loading or host overloaded)
    ├── HubRequestError         other 4xx/5xx: the input was rejected or the server failed
    ├── HubResponseError        a 2xx answer in a shape we cannot read
    ├── HubConnectionError      no answer at all: offline, or the browser blocked it (CORS)
    │   └── HubTimeoutError     the host took the request and did not answer in time (hf_timeout=)
    ├── SpaceError              the Space's own function failed
    └── UnsupportedPipelineError  the model's task is not one we can build an Interface for

``HubError.kind`` is a short code the page uses to choose its help (``"token"`` offers the
token field, ``"retry"`` countdowns come as :class:`~._transport.Wait` steps instead).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Error, PyinterfaceError

if TYPE_CHECKING:
    from ._transport import Response

__all__ = [
    "Backoff", "HubAuthError", "HubConnectionError", "HubCreditsError", "HubError", "HubNotFoundError",
    "HubRateLimitError", "HubRequestError", "HubResponseError", "HubTimeoutError", "HubUnavailableError", "RetryPolicy",
    "SpaceError", "Target", "UnsupportedPipelineError", "error_for", "server_message",
]


class HubError(Error, PyinterfaceError):
    """A Hub, inference or Space request failed; ``str(error)`` says why and what to do."""

    kind = "hub"

    def __init__(self, message: str, *, status: int | None = None, url: str | None = None,
                 server_message: str | None = None, help_url: str | None = None,
                 request_id: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.url = url
        self.server_message = server_message
        self.help_url = help_url
        self.request_id = request_id

    @property
    def needs_token(self) -> bool:
        return self.kind == "token"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for the page: what to show and which help to offer."""
        return {
            "type": type(self).__name__, "kind": self.kind, "message": self.message, "status": self.status,
            "url": self.url, "help_url": self.help_url, "needs_token": self.needs_token,
            "server_message": self.server_message,
        }


class HubAuthError(HubError):
    kind = "token"


class HubCreditsError(HubError):
    kind = "credits"


class HubNotFoundError(HubError):
    kind = "not-found"


class HubRateLimitError(HubError):
    kind = "rate-limit"


class HubUnavailableError(HubError):
    kind = "unavailable"


class HubRequestError(HubError):
    kind = "request"


class HubResponseError(HubError):
    kind = "response"


class HubConnectionError(HubError):
    kind = "network"


class HubTimeoutError(HubConnectionError):
    """The host took the request and did not answer within the timeout (``hf_timeout=``)."""

    kind = "timeout"


class SpaceError(HubError):
    kind = "space"


class UnsupportedPipelineError(HubError, ValueError):
    kind = "unsupported"


@dataclass(frozen=True)
class Target:
    """What a request was for, so messages can name it: ``Target("model", "gpt2", page_url)``."""

    what: str  # "model", "model info", "Space", "Space host"
    name: str
    page: str | None = None
    hub: str | None = None  # Hub base, for links to the token settings

    def __str__(self) -> str:
        return f"{self.what} {self.name!r}"

    @property
    def opening(self) -> str:
        """``str(self)`` to open a sentence with (capitalised)."""
        text = str(self)
        return text[:1].upper() + text[1:]


def server_message(response: Response) -> str | None:
    """The error text a Hub/inference/Gradio server put in its answer, if any."""
    text: str | None = None
    try:
        payload = json.loads(response.body) if response.body else None
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        for key in ("error", "detail", "message", "error_description"):
            value = payload.get(key)
            if isinstance(value, str) and value:
                text = value
            elif isinstance(value, list) and value:
                text = "; ".join(str(v.get("msg", v)) if isinstance(v, dict) else str(v) for v in value)
            elif isinstance(value, dict) and value:
                text = str(value.get("msg") or value.get("message") or value.get("error") or json.dumps(value))
            if text:
                break
    if not text:
        text = response.header("x-error-message")
    if not text and response.body and not response.content_type.endswith("html"):
        snippet = response.body[:300].decode("utf-8", "replace").strip()
        text = snippet if snippet and not snippet.startswith("<") else None
    return text


def _parse_retry_after(value: str) -> float | None:
    """``Retry-After`` in either form RFC 9110 allows: delay-seconds (``"6"``) or an HTTP-date
    (``"Tue, 01 Dec 2026 19:30:06 GMT"``, measured from now); None when it is neither."""
    value = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):  # delay-seconds (a fraction tolerated; no "inf"/"nan")
        return float(value)
    import email.utils  # only for an HTTP-date Retry-After; email is slow to import

    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:  # "-0000" dates come back naive; HTTP-dates are always UTC
        import datetime

        parsed = parsed.replace(tzinfo=datetime.UTC)
    return max(0.0, parsed.timestamp() - time.time())


def _asked_wait(response: Response) -> tuple[float, str] | None:
    """How long the server asked us to wait, and in which header: ``Retry-After``, else the IETF
    draft ``RateLimit`` header's reset (``'"api";r=0;t=55'``)."""
    value = response.header("retry-after")
    seconds = _parse_retry_after(value) if value else None
    if seconds is not None:
        return seconds, "Retry-After"
    match = re.search(r"\bt=(\d+(?:\.\d+)?)", response.header("ratelimit") or "")
    return (float(match.group(1)), "RateLimit") if match else None


def _estimated_time(response: Response) -> float | None:
    try:
        payload = json.loads(response.body)
    except ValueError:
        return None
    value = payload.get("estimated_time") if isinstance(payload, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else None


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if value >= 1 else f"{value:.1f} s"


@dataclass(frozen=True)
class Backoff:
    """How long to wait before retrying one "come back later" answer, and why: what the page's
    countdown and the final error say ("the Hub asked to wait 6 s" or "not readable from this page").

    ``source`` is ``"Retry-After"`` / ``"RateLimit"`` (the server's header), ``"estimated_time"``
    (a loading model's 503 body) or ``"backoff"`` (our own doubling delay). ``asked`` is what the
    server asked for, before :class:`RetryPolicy`'s bounds; ``retry`` is False when the server
    asked for longer than the policy waits (retrying sooner would only be refused again).
    """

    seconds: float
    source: str
    asked: float | None
    max_wait: float
    headers_hidden: bool = False
    retry: bool = True

    @property
    def explanation(self) -> str:
        """One sentence saying where the wait comes from."""
        if self.source in ("Retry-After", "RateLimit"):
            asked = f"The Hub asked to wait {_seconds(self.asked or 0.0)} ({self.source} header)"
            if not self.retry:
                return f"{asked}, longer than pyinterface waits ({_seconds(self.max_wait)} at most), so it stopped."
            return f"{asked}."
        if self.source == "estimated_time":
            said = f"The Hub estimates the model is ready in {_seconds(self.asked or 0.0)}"
            if (self.asked or 0.0) > self.max_wait:
                return f"{said}; pyinterface waits at most {_seconds(self.max_wait)} at a time."
            return f"{said}."
        doubling = f"waiting {_seconds(self.seconds)} (doubling at each try, at most {_seconds(self.max_wait)})"
        if self.headers_hidden:
            return (f"The Hub's Retry-After header is not readable from this page (the Hub does not list it in "
                    f"Access-Control-Expose-Headers), so pyinterface backs off on its own: {doubling}.")
        return f"The Hub did not say how long to wait (no Retry-After header), so pyinterface backs off: {doubling}."


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries for "come back later" answers: 503 (with ``estimated_time``) and 429.

    The wait is what the server asked for when it said (a loading model's ``estimated_time``,
    else ``Retry-After`` in seconds or as an HTTP-date, else the ``RateLimit`` header's reset);
    otherwise a doubling default. In the page a cross-origin answer's ``Retry-After`` is readable
    only if the Hub lists it in ``Access-Control-Expose-Headers``; when it cannot be read the
    doubling default is used and the countdown says so.

    Bounds: every wait is at least 1 s and at most ``max_wait`` (120 s). A server that asks for
    longer than ``max_wait`` (``Retry-After``/``RateLimit``) is not retried early: the call fails
    at once, saying how long it asked for. A loading model's longer estimate is waited in
    ``max_wait`` steps. The retries stop after ``max_attempts`` tries or when the next wait would
    take the total past ``max_total_wait`` (300 s).
    """

    max_attempts: int = 4
    max_wait: float = 120.0
    max_total_wait: float = 300.0
    default_503_wait: float = 5.0
    default_429_wait: float = 10.0

    def backoff(self, response: Response, attempt: int) -> Backoff | None:
        """The wait before try ``attempt + 1`` after ``response`` (None: not a status to retry)."""
        if response.status not in (429, 503):
            return None
        hidden = bool(getattr(response, "headers_hidden", False))
        found: tuple[float, str] | None = None
        if response.status == 503:
            estimate = _estimated_time(response)
            if estimate is not None:
                found = (estimate, "estimated_time")
        found = found or _asked_wait(response)
        if found is None:
            default = self.default_503_wait if response.status == 503 else self.default_429_wait
            seconds = min(default * 2 ** (attempt - 1), self.max_wait)
            return Backoff(seconds, "backoff", None, self.max_wait, headers_hidden=hidden)
        asked, source = found
        too_long = source != "estimated_time" and asked > self.max_wait
        seconds = min(max(asked, 1.0), self.max_wait)
        return Backoff(seconds, source, asked, self.max_wait, headers_hidden=hidden, retry=not too_long)

    def allows(self, backoff: Backoff, attempt: int, waited: float) -> bool:
        """Whether to wait ``backoff`` and try again after ``attempt`` tries and ``waited`` seconds."""
        return backoff.retry and attempt < self.max_attempts and waited + backoff.seconds <= self.max_total_wait

    def delay(self, response: Response, attempt: int, waited: float) -> float | None:
        """Seconds to wait before try ``attempt + 1``, or ``None`` to give up now."""
        backoff = self.backoff(response, attempt)
        return backoff.seconds if backoff is not None and self.allows(backoff, attempt, waited) else None


NO_RETRY = RetryPolicy(max_attempts=1)


def _tried(attempts: int, waited: float) -> str:
    if attempts <= 1:
        return ""
    return f" (tried {attempts} times over {waited:.0f} s)"


def error_for(response: Response, target: Target, *, inference: bool, attempts: int = 1,
              waited: float = 0.0, backoff: Backoff | None = None) -> HubError:
    """The :class:`HubError` for a non-2xx ``response`` to a request for ``target``; ``backoff``
    (the wait that was not taken) explains a 429/503 the server asked us to wait too long for."""
    status = response.status
    asked_too_long = f" {backoff.explanation}" if backoff is not None and not backoff.retry else ""
    later = "Try again after that" if asked_too_long else "Wait a minute and try again"
    said = server_message(response)
    host = response.url.split("/")[2] if "://" in response.url else response.url
    quoted = f': "{said}"' if said else ""
    hub = target.hub or "https://huggingface.co"
    common = {"status": status, "url": response.url, "server_message": said,
              "request_id": response.header("x-request-id")}
    if status in (401, 403):
        if status == 401:
            why = f"{host} refused the request for {target} without a valid access token (401{quoted})."
        else:
            why = f"{host} refused the request for {target}: the token does not have the permission it needs (403{quoted})."
        fix = (
            f" It needs a Hugging Face access token with the \"Make calls to Inference Providers\" permission: create one "
            f"at {hub}/settings/tokens, then pass hf_token=... to load() or set HF_TOKEN (in the page: paste it into the "
            "token field)."
            if inference else
            f" If it is private or gated, it needs an access token of an account that can see it: create one at "
            f"{hub}/settings/tokens, then pass hf_token=... to load() or set HF_TOKEN (in the page: paste it into the "
            "token field)."
        )
        return HubAuthError(why + fix, help_url=f"{hub}/settings/tokens", **common)
    if status == 402:
        return HubCreditsError(
            f"Your Hugging Face inference credits are used up, so {host} refused the request for {target} (402{quoted}). "
            f"Add credits or subscribe to PRO at {hub}/settings/billing, or wait for next month's included credits.",
            help_url=f"{hub}/settings/billing", **common,
        )
    if status in (404, 410):
        if inference:
            message = (
                f"{target.opening} is not served by Hugging Face's inference API at {host} ({status}{quoted}). Only some "
                f"models are deployed there; see the model page {target.page or hub} for other ways to run it, or "
                f"pick a served model at {hub}/models?inference_provider=hf-inference."
            )
        else:
            message = (
                f"Could not find {target} at {host} ({status}{quoted}). Check the spelling"
                + (f" at {target.page}" if target.page else "")
                + "; if it is private or gated, pass hf_token=... to load() or set HF_TOKEN."
            )
        return HubNotFoundError(message, help_url=target.page, **common)
    if status == 429:
        return HubRateLimitError(
            f"{host} is rate-limiting requests for {target} (429{quoted}){_tried(attempts, waited)}.{asked_too_long} "
            f"{later}; anonymous requests have the lowest limits, so an access token (hf_token= or HF_TOKEN) helps.",
            **common,
        )
    if status == 503:
        return HubUnavailableError(
            f"{target.opening} is temporarily unavailable at {host} (503{quoted}){_tried(attempts, waited)}: the model may "
            f"still be loading or the service is overloaded.{asked_too_long} "
            + ("Try again after that." if asked_too_long else "Try again in a minute."),
            **common,
        )
    if 400 <= status < 500:
        return HubRequestError(f"{host} rejected the request for {target} ({status}{quoted}). Check the inputs.", **common)
    return HubRequestError(
        f"{host} failed while handling the request for {target} ({status}{quoted}). This is a problem on the server's "
        "side; try again later.",
        **common,
    )
