"""Failures in plain words: every status the reference records, retries with a fake clock."""

from __future__ import annotations

import asyncio

import pytest

import pyinterface as gr
from tests.hub_emulator import READ_ONLY_TOKEN, VALID_TOKEN, HubEmulator, Reply, continuation
from pyinterface.hub import (
    HubAuthError, HubConnectionError, HubCreditsError, HubError, HubNotFoundError, HubRateLimitError,
    HubRequestError, HubResponseError, HubUnavailableError, add_wait_listener, load,
)

LOADING = {"error": "Model gpt2 is currently loading", "estimated_time": 20.0}


def test_401_without_a_token_explains_how_to_get_one(hub):
    io = load("models/emulator/private")
    with pytest.raises(HubAuthError) as caught:
        io("hello")
    error = caught.value
    assert error.status == 401 and error.needs_token and error.kind == "token"
    assert "Invalid username or password." in str(error)
    assert '"Make calls to Inference Providers" permission' in str(error)
    assert f"{hub.url}/settings/tokens" in str(error) and "HF_TOKEN" in str(error)
    assert error.to_dict()["needs_token"] is True


def test_403_with_a_read_only_token_says_the_permission_is_missing(hub):
    io = load("models/emulator/private", hf_token=READ_ONLY_TOKEN)
    with pytest.raises(HubAuthError, match="does not have the permission it needs") as caught:
        io("hello")
    assert caught.value.status == 403 and "sufficient permissions" in caught.value.server_message


def test_an_invalid_token_is_rejected_even_for_public_models(hub):
    with pytest.raises(HubAuthError, match="Invalid credentials in Authorization header"):
        load("huggingface/gpt2", hf_token="hf_not_a_real_token")


def test_token_sources_and_their_order(hub, monkeypatch):
    io = load("models/emulator/private", hf_token=VALID_TOKEN)
    assert io("I love it")["label"] == "POSITIVE"
    assert hub.logged("/hf-inference/")[-1].headers["authorization"] == f"Bearer {VALID_TOKEN}"

    monkeypatch.setenv("HF_TOKEN", VALID_TOKEN)
    assert load("models/emulator/private")("fine")["label"]

    # A token pasted into the page wins over hf_token= and HF_TOKEN, from the next call on.
    stuck = load("models/emulator/private", hf_token=READ_ONLY_TOKEN)
    with pytest.raises(HubAuthError):
        stuck("x")
    gr.hub.set_session_token(VALID_TOKEN)
    assert stuck("I love it")["label"] == "POSITIVE"
    gr.hub.set_session_token(None)


def test_404_for_a_model_that_is_not_served_links_its_page(hub):
    io = load("models/emulator/not-served")
    with pytest.raises(HubNotFoundError) as caught:
        io("hello")
    message = str(caught.value)
    assert "is not served by Hugging Face's inference API" in message
    assert f"{hub.url}/emulator/not-served" in message and caught.value.help_url == f"{hub.url}/emulator/not-served"


def test_404_for_an_unknown_model_at_load_time(hub):
    with pytest.raises(HubNotFoundError, match=r"Could not find model 'nobody/nothing'.*Repository not found"):
        load("models/nobody/nothing")


def test_gated_model_needs_a_token_to_load(hub):
    with pytest.raises(HubAuthError, match="private or gated") as caught:
        load("models/emulator/gated")
    assert "restricted" in caught.value.server_message
    assert load("models/emulator/gated", hf_token=VALID_TOKEN).fn.task == "text-classification"


def test_402_says_the_credits_are_used_up(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", Reply(402, {"error": "You have exceeded your monthly included credits for Inference Providers."}))
    with pytest.raises(HubCreditsError, match=r"credits are used up.*settings/billing"):
        io("hi")


def test_503_with_estimated_time_waits_then_retries(hub):
    io = load("huggingface/gpt2")
    waits = []
    remove = add_wait_listener(waits.append)
    try:
        hub.script("gpt2", Reply(503, LOADING), Reply(503, LOADING))
        assert io("Hi") == f"Hi {continuation('gpt2', 'Hi')}"
    finally:
        remove()
    assert hub.clock.slept == [20.0, 20.0]
    assert [(w.seconds, w.attempt, w.status) for w in waits] == [(20.0, 1, 503), (20.0, 2, 503)]
    assert waits[0].message.startswith("The Hub estimates the model is ready in 20 s.")
    assert "currently loading" in waits[0].message and waits[0].source == "estimated_time"
    assert len([r for r in hub.requests if r.method == "POST"]) == 3


def test_503_retries_are_bounded(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", *[Reply(503, LOADING)] * 6)
    with pytest.raises(HubUnavailableError, match=r"tried 4 times over 60 s.*Try again in a minute"):
        io("Hi")
    assert hub.clock.slept == [20.0, 20.0, 20.0]


def test_429_uses_retry_after_and_async_waits_too(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", Reply(429, {"error": "Rate limit reached"}, headers={"Retry-After": "7"}))
    assert asyncio.run(io.acall("Hi")) == f"Hi {continuation('gpt2', 'Hi')}"
    assert hub.clock.slept == [7.0]


def test_429_after_the_retries_says_to_back_off(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", *[Reply(429, {"error": "Rate limit reached"}, headers={"RateLimit": '"api";r=0;t=30'})] * 4)
    with pytest.raises(HubRateLimitError, match=r"rate-limiting.*tried 4 times over 90 s.*access token"):
        io("Hi")
    assert hub.clock.slept == [30.0, 30.0, 30.0]


def test_400_and_500_quote_the_server(hub):
    io = load("models/emulator/squad")
    hub.script("emulator/squad", Reply(400, {"error": ["Error in `inputs.context`: field required"]}))
    with pytest.raises(HubRequestError, match=r"rejected the request.*inputs.context"):
        io("context", "question")
    hub.script("emulator/squad", Reply(500, {"error": "unknown error"}))
    with pytest.raises(HubRequestError, match=r"problem on the server's side"):
        io("context", "question")


def test_an_unreadable_answer_is_a_response_error(hub):
    io = load("huggingface/gpt2")
    hub.script("gpt2", Reply(200, {"unexpected": True}))
    with pytest.raises(HubResponseError, match=r"cannot read for the text-generation task.*generated_text"):
        io("Hi")


def test_no_network_names_the_host(hub, monkeypatch):
    dead = HubEmulator().start()
    dead_url = dead.inference_url
    dead.stop()  # nothing listens on that port any more
    monkeypatch.setenv("HF_INFERENCE_ENDPOINT", dead_url)
    io = load("huggingface/gpt2")
    host = dead_url.split("/")[2]
    with pytest.raises(HubConnectionError, match=rf"Could not reach {host}.*no network connection"):
        io("Hi")
    with pytest.raises(HubConnectionError, match=rf"Could not reach {host}"):
        asyncio.run(io.acall("Hi"))


def test_every_hub_error_is_a_gr_error(hub):
    # The page shows gr.Error messages as they are, never a traceback.
    assert issubclass(HubError, gr.Error) and issubclass(HubError, gr.PyinterfaceError)
