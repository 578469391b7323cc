"""Hub timing under CPython (export time, tests, scripts): how long a back-off waits and why, and
how long a request may go unanswered.

* ``Retry-After`` (delay-seconds or an HTTP-date) and ``RateLimit`` are what the server asked
  for: waited as asked, within :class:`RetryPolicy`'s bounds; asking for more than ``max_wait``
  fails at once, saying so. Without them, the doubling back-off, and the wait says which.
* A host that takes the request and never answers (:class:`SilentHost`, a real socket) fails
  after ``hf_timeout`` / ``PYINTERFACE_HUB_TIMEOUT`` (default 60 s) with "No answer from HOST
  within N s", never a CORS story.

The emulator is real; back-offs use the fake clock of tests/hub/conftest.py except where the
real wait is measured.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Callable
from typing import Any

import pytest

from pyinterface.errors import ConfigurationError
from pyinterface.hub import (
    HubRateLimitError,
    HubTimeoutError,
    HubUnavailableError,
    RetryPolicy,
    _transport,
    add_wait_listener,
    aload,
    load,
)
from pyinterface.hub._settings import DEFAULT_TIMEOUT, resolve_settings
from pyinterface.hub._transport import Response
from tests.hub_emulator import Reply, SilentHost, continuation

RATE_LIMITED = {"error": "Rate limit reached"}


def _waits() -> tuple[list[Any], Callable[[], None]]:
    """The Waits the hub announces from now on, and the remover of the listener collecting them."""
    waits: list[Any] = []
    return waits, add_wait_listener(waits.append)


# -- Retry-After ----------------------------------------------------------------------------------


def test_retry_after_in_seconds_is_waited_as_asked_and_the_wait_says_so(hub):
    io = load("huggingface/gpt2")
    waits, remove = _waits()
    try:
        hub.script("gpt2", Reply(429, RATE_LIMITED, headers={"Retry-After": "6"}))
        assert io("Hi") == f"Hi {continuation('gpt2', 'Hi')}"
    finally:
        remove()
    assert hub.clock.slept == [6.0]
    (wait,) = waits
    assert (wait.seconds, wait.source, wait.asked) == (6.0, "Retry-After", 6.0)
    assert wait.message == (f'The Hub asked to wait 6 s (Retry-After header). {hub.url.split("/")[2]} answered 429: '
                            '"Rate limit reached".')


def test_retry_after_as_an_http_date_is_measured_from_now(hub):
    io = load("huggingface/gpt2")
    later = email.utils.formatdate(time.time() + 30, usegmt=True)  # "Tue, 01 Dec 2026 19:30:36 GMT"
    hub.script("gpt2", Reply(503, {"error": "Service Temporarily Unavailable"}, headers={"Retry-After": later}))
    assert asyncio.run(io.acall("Hi")) == f"Hi {continuation('gpt2', 'Hi')}"
    (slept,) = hub.clock.slept
    assert 28.0 <= slept <= 30.0  # whole seconds in the date, and the clock moved since
    past = email.utils.formatdate(time.time() - 100, usegmt=True)
    hub.script("gpt2", Reply(429, RATE_LIMITED, headers={"Retry-After": past}))
    io("Hi")
    assert hub.clock.slept[-1] == 1.0  # a date already past: the shortest wait, not a negative one


def test_ratelimit_reset_counts_as_asked_and_a_loading_estimate_wins_for_503(hub):
    io = load("huggingface/gpt2")
    waits, remove = _waits()
    try:
        hub.script("gpt2", Reply(429, RATE_LIMITED, headers={"RateLimit": '"api";r=0;t=12'}),
                   Reply(503, {"error": "loading", "estimated_time": 4.0}, headers={"Retry-After": "50"}))
        io("Hi")
    finally:
        remove()
    assert hub.clock.slept == [12.0, 4.0]
    assert [w.source for w in waits] == ["RateLimit", "estimated_time"]
    assert waits[0].message.startswith("The Hub asked to wait 12 s (RateLimit header).")
    assert waits[1].message.startswith("The Hub estimates the model is ready in 4 s.")


def test_asking_for_longer_than_the_bound_fails_at_once_saying_how_long(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", Reply(429, RATE_LIMITED, headers={"Retry-After": "600"}))
    with pytest.raises(HubRateLimitError) as caught:
        io("Hi")
    message = str(caught.value)
    assert "The Hub asked to wait 600 s (Retry-After header), longer than pyinterface waits (120 s at most)" in message
    assert "Try again after that" in message and "Wait a minute" not in message
    assert hub.clock.slept == [] and len(hub.logged("/hf-inference/")) == 1  # not retried early
    hub.script("gpt2", Reply(503, {"error": "down"}, headers={"Retry-After": "3600"}))
    with pytest.raises(HubUnavailableError, match=r"asked to wait 3600 s.*Try again after that\."):
        io("Hi")


def test_a_long_loading_estimate_is_waited_in_steps_of_the_bound(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", Reply(503, {"error": "loading", "estimated_time": 500.0}))
    waits, remove = _waits()
    try:
        io("Hi")
    finally:
        remove()
    assert hub.clock.slept == [120.0]
    assert waits[0].message.startswith("The Hub estimates the model is ready in 500 s; pyinterface waits at most 120 s")


def test_without_a_usable_retry_after_the_doubling_back_off_says_so(hub):
    io = load("huggingface/gpt2")
    waits, remove = _waits()
    try:
        hub.script("gpt2", Reply(429, RATE_LIMITED), Reply(429, RATE_LIMITED, headers={"Retry-After": "soon"}),
                   Reply(429, RATE_LIMITED, headers={"Retry-After": "inf"}))
        io("Hi")
    finally:
        remove()
    assert hub.clock.slept == [10.0, 20.0, 40.0]
    assert [w.source for w in waits] == ["backoff", "backoff", "backoff"]
    assert waits[0].message.startswith("The Hub did not say how long to wait (no Retry-After header), so pyinterface "
                                       "backs off: waiting 10 s (doubling at each try, at most 120 s).")


def test_in_the_page_an_unreadable_retry_after_is_named_as_the_reason():
    # A cross-origin answer whose Retry-After the Hub did not expose: the browser hid it.
    hidden = Response(429, "https://router.huggingface.co/x", {}, b"{}", headers_hidden=True)
    backoff = RetryPolicy().backoff(hidden, 1)
    assert (backoff.seconds, backoff.source) == (10.0, "backoff")
    assert backoff.explanation.startswith("The Hub's Retry-After header is not readable from this page (the Hub does "
                                          "not list it in Access-Control-Expose-Headers), so pyinterface backs off")
    exposed = Response(429, "https://router.huggingface.co/x", {"retry-after": "6"}, b"{}", headers_hidden=True)
    assert RetryPolicy().backoff(exposed, 1).explanation == "The Hub asked to wait 6 s (Retry-After header)."


def test_the_real_clock_waits_what_retry_after_asked(hub, monkeypatch):
    monkeypatch.setattr(_transport, "CLOCK", _transport.Clock())
    io = load("huggingface/gpt2")
    hub.script("gpt2", Reply(429, RATE_LIMITED, headers={"Retry-After": "1"}))
    started = time.monotonic()
    io("Hi")
    elapsed = time.monotonic() - started
    assert 1.0 <= elapsed < 5.0  # 1 s asked (not the 10 s back-off)


# -- request timeout ------------------------------------------------------------------------------


def test_a_host_that_never_answers_times_out_naming_it_and_the_setting(hub, monkeypatch):
    with SilentHost() as silent:
        monkeypatch.setenv("HF_INFERENCE_ENDPOINT", f"{silent.url}/hf-inference")
        io = load("huggingface/gpt2", hf_timeout=0.5)
        host = silent.url.split("/")[2]
        for call in (lambda: io("Hi"), lambda: asyncio.run(io.acall("Hi"))):
            started = time.monotonic()
            with pytest.raises(HubTimeoutError) as caught:
                call()
            elapsed = time.monotonic() - started
            assert 0.5 <= elapsed < 3.0
            message = str(caught.value)
            assert message.startswith(f"No answer from {host} within 0.5 s (POST {silent.url}/hf-inference/models/gpt2)")
            assert "hf_timeout=" in message and "PYINTERFACE_HUB_TIMEOUT" in message and "hf-timeout" in message
            assert "CORS" not in message and caught.value.kind == "timeout"
        assert silent.requests() == ["POST /hf-inference/models/gpt2 HTTP/1.1"] * 2


def test_the_timeout_limits_silence_not_a_slow_answer_that_keeps_coming(hub):
    # As a Space's event stream: bytes keep arriving (4 slices, 0.4 s apart: 1.6 s in all) within
    # a 1 s timeout; an answer that stops after its headers for longer than that times out.
    io = load("huggingface/gpt2", hf_timeout=1.0)
    hub.script("gpt2", Reply(200, [{"generated_text": "slow but alive"}], drip=0.4))
    started = time.monotonic()
    assert io("Hi") == "slow but alive"
    assert time.monotonic() - started >= 1.6
    hub.script("gpt2", Reply(200, [{"generated_text": "too late"}], drip=2.0))
    with pytest.raises(HubTimeoutError, match=r"within 1 s"):
        io("Hi")


def test_the_timeout_comes_from_the_environment_and_covers_the_lookup_too(hub, monkeypatch):
    with SilentHost() as silent:
        monkeypatch.setenv("HF_ENDPOINT", silent.url)
        monkeypatch.setenv("PYINTERFACE_HUB_TIMEOUT", "0.4")
        with pytest.raises(HubTimeoutError, match=rf"^No answer from {silent.url.split('/')[2]} within 0.4 s \(GET "):
            load("huggingface/gpt2")
        with pytest.raises(HubTimeoutError, match="within 0.3 s"):
            asyncio.run(aload("huggingface/gpt2", hf_timeout=0.3))  # the argument wins over the variable


def test_the_default_timeout_is_60_s_and_bad_values_are_refused(monkeypatch):
    monkeypatch.delenv("PYINTERFACE_HUB_TIMEOUT", raising=False)
    assert DEFAULT_TIMEOUT == 60.0 and resolve_settings().timeout == 60.0
    assert resolve_settings(hf_timeout=5).timeout == 5.0
    with pytest.raises(ConfigurationError, match="hf_timeout must be a positive number of seconds such as 60, got 0"):
        resolve_settings(hf_timeout=0)
    with pytest.raises(TypeError, match="hf_timeout must be a number of seconds"):
        resolve_settings(hf_timeout="5")  # type: ignore[arg-type]
    monkeypatch.setenv("PYINTERFACE_HUB_TIMEOUT", "soon")
    with pytest.raises(ConfigurationError, match="PYINTERFACE_HUB_TIMEOUT must be a positive number.*got 'soon'"):
        resolve_settings()
