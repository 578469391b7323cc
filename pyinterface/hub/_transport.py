"""The only module that does HTTP: urllib under CPython, fetch under Pyodide.

Every Hub conversation (look up a model, call it, talk to a Space) is written once, as a
*flow*: a generator that yields :class:`Request` (and receives the :class:`Response`) or
:class:`Wait` (a back-off before a retry), and returns its result. Two drivers run flows:

* :func:`run` sends synchronously: ``urllib`` under CPython, and in the browser a synchronous
  ``XMLHttpRequest`` made by pyodide-http (so ``io("...")`` typed in the REPL works);
* :func:`arun` sends asynchronously: ``pyfetch`` in Pyodide (page events), a thread running
  urllib under CPython.

So request building, redirects, retries and response normalisation are shared, and only
:func:`send` / :func:`asend` know how bytes move. Redirects are followed here (not by urllib)
so that each hop is re-authorised by :meth:`HubSettings.authorize`.

Every request has a timeout (``hf_timeout=``, default 60 s): a limit on silence under urllib
and fetch (the answer must start, and each chunk arrive, within it), on the whole exchange for
the synchronous XMLHttpRequest. It fails as :class:`HubTimeoutError`, "No answer from HOST
within N s", distinct from a refused or blocked request (which fails at once).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json as _json
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin

from .._env import IN_PYODIDE
from .._hub_shared import add_wait_listener, wait_listeners
from ._errors import HubConnectionError, HubError, HubTimeoutError, RetryPolicy, Target, error_for, server_message
from ._settings import DEFAULT_TIMEOUT, origin_of

if TYPE_CHECKING:
    from ._settings import HubSettings

__all__ = [
    "CLOCK", "Clock", "Flow", "Request", "Response", "Wait", "add_wait_listener", "arun", "asend", "build_request",
    "exchange", "run", "send",
]

T = TypeVar("T")
_MAX_REDIRECTS = 5
_USER_AGENT = "pyinterface (+https://github.com/; Gradio 3 Interface on Pyodide)"


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Response:
    status: int
    url: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    #: True when the browser showed only the headers the server exposes (a cross-origin answer):
    #: then a missing Retry-After may just be unreadable (Access-Control-Expose-Headers).
    headers_hidden: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return _json.loads(self.body)


@dataclass(frozen=True)
class Wait:
    """A pause before retrying; listeners (the page's countdown) get it before the sleep."""

    seconds: float
    message: str
    attempt: int  # the try that failed
    max_attempts: int
    status: int
    url: str
    #: Where ``seconds`` comes from: "Retry-After", "RateLimit", "estimated_time" or "backoff".
    source: str = "backoff"
    #: What the server asked for (before the policy's bounds); None for our own back-off.
    asked: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "message": self.message, "attempt": self.attempt,
                "max_attempts": self.max_attempts, "status": self.status, "url": self.url,
                "source": self.source, "asked": self.asked}


Flow = Generator["Request | Wait", "Response | None", T]


class Clock:
    """Sleeping, in one object so tests can swap in a fake clock (``CLOCK``)."""

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


CLOCK = Clock()
# add_wait_listener(listener): called with each Wait before its back-off. The list lives outside
# this package so the page's worker can listen without importing the HTTP client (_hub_shared).
_wait_listeners = wait_listeners


# -- building requests and the shared exchange flow ------------------------------------------


def build_request(settings: HubSettings, method: str, url: str, *, json: Any = None, data: bytes | None = None,
                  content_type: str | None = None, accept: str | None = None,
                  headers: dict[str, str] | None = None, timeout: float | None = None) -> Request:
    """A request to ``url``, authorised by ``settings`` (the only way requests are made); it
    times out after ``timeout`` seconds, by default the settings' (``hf_timeout=``)."""
    all_headers = dict(headers or {})
    if any(k.lower() == "authorization" for k in all_headers):
        raise ValueError("build_request: the Authorization header is set by HubSettings.authorize only.")
    body = data
    if json is not None:
        body = _json.dumps(json).encode("utf-8")
        content_type = content_type or "application/json"
    if content_type:
        all_headers["Content-Type"] = content_type
    if accept:
        all_headers["Accept"] = accept
    return settings.authorize(Request(method.upper(), url, all_headers, body,
                                      settings.timeout if timeout is None else timeout))


def exchange(settings: HubSettings, request: Request, target: Target, *, inference: bool = False,
             policy: RetryPolicy = RetryPolicy()) -> Flow[Response]:
    """Send ``request``; follow redirects (each hop re-authorised, so the token never follows a
    redirect to another host); wait and retry 503/429; raise HubError for failures."""
    attempt, waited = 1, 0.0
    while True:
        response: Response = yield request
        hops = 0
        while response.status in (301, 302, 303, 307, 308) and response.header("location"):
            hops += 1
            if hops > _MAX_REDIRECTS:
                raise HubError(f"{target}: too many redirects (last: {response.url}).", url=response.url)
            moved = urljoin(response.url, response.header("location") or "")
            hop = replace(request, url=moved)
            if response.status == 303 or (response.status in (301, 302) and request.method == "POST"):
                hop = replace(hop, method="GET", body=None,
                              headers={k: v for k, v in hop.headers.items() if k.lower() != "content-type"})
            response = yield settings.authorize(hop)
        if response.ok:
            return response
        backoff = policy.backoff(response, attempt)
        if backoff is None or not policy.allows(backoff, attempt, waited):
            raise error_for(response, target, inference=inference, attempts=attempt, waited=waited, backoff=backoff)
        said = server_message(response)
        quoted = f': "{said}"' if said else ""
        yield Wait(backoff.seconds, f"{backoff.explanation} {_host(response.url)} answered {response.status}{quoted}.",
                   attempt, policy.max_attempts, response.status, response.url, backoff.source, backoff.asked)
        waited += backoff.seconds
        attempt += 1


# -- drivers ----------------------------------------------------------------------------------


def run(flow: Flow[T]) -> T:
    """Run ``flow`` to completion with blocking HTTP."""
    reply: Response | None = None
    try:
        while True:
            try:
                step = flow.send(reply)
            except StopIteration as stop:
                return stop.value
            if isinstance(step, Wait):
                for listener in list(_wait_listeners):
                    listener(step)
                CLOCK.sleep(step.seconds)
                reply = None
            else:
                reply = send(step)
    finally:
        flow.close()


async def arun(flow: Flow[T]) -> T:
    """Run ``flow`` to completion without blocking the event loop."""
    reply: Response | None = None
    try:
        while True:
            try:
                step = flow.send(reply)
            except StopIteration as stop:
                return stop.value
            if isinstance(step, Wait):
                for listener in list(_wait_listeners):
                    result = listener(step)
                    if inspect.isawaitable(result):
                        await result
                await CLOCK.asleep(step.seconds)
                reply = None
            else:
                reply = await asend(step)
    finally:
        flow.close()


# -- moving bytes ----------------------------------------------------------------------------


def _host(url: str) -> str:
    return url.split("/")[2] if "://" in url else url


def _timed_out(request: Request) -> HubTimeoutError:
    """No answer within the request's timeout: the host (or something on the way) accepted the
    request and never answered. Nothing to do with CORS: a refused request fails at once."""
    host, limit = _host(request.url), f"{request.timeout:g} s"
    return HubTimeoutError(
        f"No answer from {host} within {limit} ({request.method} {request.url}): the host is down, overloaded or "
        f"unreachable. Try again later; to wait longer than {limit}, pass hf_timeout=... to load(), set "
        "PYINTERFACE_HUB_TIMEOUT, or (in the page) the hf-timeout attribute of <pyinterface-app>.",
        url=request.url,
    )


def _headers_hidden(url: str) -> bool:
    """In the page: whether the browser hides ``url``'s response headers other than the CORS
    safelisted and exposed ones (a cross-origin request). Off the page (Node, CPython) all show."""
    if not IN_PYODIDE:
        return False
    try:
        from js import location  # type: ignore[import-not-found]

        page = str(location.origin)
    except (ImportError, AttributeError):  # Node: no page, no CORS
        return False
    return page == "null" or origin_of(url) != page


def _unreachable(request: Request, reason: object) -> HubConnectionError:
    host = _host(request.url)
    if isinstance(reason, TimeoutError):
        return _timed_out(request)
    if IN_PYODIDE:
        why = ("the browser blocked the request (the host does not allow calls from this page: CORS) or there is "
               "no network connection")
    else:
        why = "there is no network connection, or the host name or port is wrong"
    return HubConnectionError(
        f"Could not reach {host} ({request.method} {request.url}): {why}. Details: {reason}. If you use "
        "HF_ENDPOINT or HF_INFERENCE_ENDPOINT, check they point at a reachable host.",
        url=request.url,
    )


@functools.cache
def _urllib_opener() -> Callable[..., Any]:
    """urllib's opener, redirects off (``exchange()`` follows them itself). Built on first use:
    urllib.request pulls in http.client and email, which an app that never calls the Hub (and
    every app in the page, where requests go through the browser) should not pay for at import."""
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # the 3xx comes back as an HTTPError and exchange() follows it

    return urllib.request.build_opener(NoRedirects).open


def _send_urllib(request: Request) -> Response:
    import urllib.error
    import urllib.request

    headers = {**request.headers, "User-Agent": _USER_AGENT}
    prepared = urllib.request.Request(request.url, data=request.body, headers=headers, method=request.method)
    try:
        with _urllib_opener()(prepared, timeout=request.timeout) as answer:
            status, url, raw_headers, body = answer.status, answer.url, answer.headers, answer.read()
    except urllib.error.HTTPError as answer:
        status, url, raw_headers, body = answer.code, answer.url, answer.headers, answer.read()
    except (urllib.error.URLError, OSError) as exc:
        raise _unreachable(request, getattr(exc, "reason", exc)) from exc
    return Response(status, url or request.url, {k.lower(): v for k, v in raw_headers.items()}, body)


def _send_xhr(request: Request) -> Response:
    """A synchronous XMLHttpRequest through pyodide-http's ``send``.

    Not its ``patch_urllib``: that rebuilds an ``http.client.HTTPResponse`` from the headers the
    browser reports and fails on ``Transfer-Encoding: chunked`` bodies the browser already
    decoded (pyodide-http 0.2.1); and it would patch urllib for the whole worker.
    """
    try:
        from pyodide_http._core import Request as XhrRequest, send as xhr_send
    except ImportError:
        raise HubError(
            "Calling a Hugging Face model or Space synchronously in the browser needs the pyodide-http package, "
            "which this page did not load. Use `await interface.acall(...)` instead, or add pyodide-http to the "
            "page's packages."
        ) from None
    started = time.monotonic()
    try:
        answer = xhr_send(XhrRequest(request.method, request.url, body=request.body, headers=dict(request.headers),
                                     timeout=request.timeout))  # seconds; pyodide-http sets xhr.timeout in ms
    except Exception as exc:  # a JsException from XMLHttpRequest.send: NetworkError, or TimeoutError
        if "TimeoutError" in f"{type(exc).__name__} {exc}" or time.monotonic() - started >= request.timeout:
            raise _timed_out(request) from exc
        raise _unreachable(request, exc) from exc
    return Response(answer.status_code, request.url, {k.lower(): v for k, v in answer.headers.items()}, answer.body,
                    headers_hidden=_headers_hidden(request.url))


def send(request: Request) -> Response:
    """Send ``request`` and wait for the whole answer; errors become HubConnectionError only when
    no answer came (any HTTP status is returned as a Response)."""
    return _send_xhr(request) if IN_PYODIDE else _send_urllib(request)


async def asend(request: Request) -> Response:
    """Awaitable :func:`send`: fetch in Pyodide, urllib in a thread under CPython."""
    if IN_PYODIDE:
        return await _send_fetch(request)
    return await asyncio.to_thread(_send_urllib, request)


async def _send_fetch(request: Request) -> Response:
    """``fetch`` with the request's timeout as a limit on silence, as urllib's socket timeout is:
    the answer must start within ``timeout`` and each later chunk arrive within ``timeout`` of the
    one before (a Space's event stream may run for minutes, sending heartbeats)."""
    from js import Uint8Array  # type: ignore[import-not-found]
    from pyodide.ffi import JsException, to_js  # type: ignore[import-not-found]
    from pyodide.http import pyfetch  # type: ignore[import-not-found]

    options: dict[str, Any] = {"method": request.method, "headers": dict(request.headers)}
    if request.body is not None:
        options["body"] = Uint8Array.new(to_js(request.body))
    answer = None
    try:
        # On timeout wait_for cancels pyfetch, which aborts the fetch.
        answer = await asyncio.wait_for(pyfetch(request.url, **options), request.timeout)
        body = await _read_body(answer.js_response, request.timeout)
    except TimeoutError:
        if answer is not None:
            answer.abort_controller.abort()  # stop the stream the server went quiet on
        raise _timed_out(request) from None
    except (OSError, JsException) as exc:  # pyodide.http.AbortError wraps the TypeError fetch raises
        raise _unreachable(request, exc) from exc
    url = answer.url or request.url
    return Response(answer.status, url, {k.lower(): v for k, v in answer.headers.items()}, body,
                    headers_hidden=_headers_hidden(url))


async def _read_body(js_response: Any, timeout: float) -> bytes:
    """The whole body of a JS ``Response``, chunk by chunk; TimeoutError if one takes ``timeout``."""
    if not js_response.body:
        return b""
    reader = js_response.body.getReader()
    chunks: list[bytes] = []
    while True:
        step = await asyncio.wait_for(asyncio.ensure_future(reader.read()), timeout)
        if step.done:
            return b"".join(chunks)
        chunks.append(step.value.to_bytes())
