"""The token goes to the configured Hub and inference hosts (and Hub-vouched Spaces) only.

A second emulator plays a third host; its request log must never show an Authorization
header, even when the configured host redirects a request there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hub_emulator import VALID_TOKEN, HubEmulator, ModelSpec, Reply, continuation
from pyinterface.errors import ConfigurationError
from pyinterface.hub import HubNotFoundError, load
from pyinterface.hub._settings import HubSettings, origin_of, resolve_settings
from pyinterface.hub._transport import Request, build_request


@pytest.fixture()
def third_host() -> Iterator[HubEmulator]:
    emulator = HubEmulator().start()
    emulator.add_model(ModelSpec("gpt2", "text-generation"))
    emulator.add_model(ModelSpec("elsewhere/gpt2", "text-generation"))
    yield emulator
    emulator.stop()


def auth_headers(emulator):
    return [r.headers.get("authorization") for r in emulator.requests]


def test_token_reaches_both_configured_hosts(hub):
    load("huggingface/gpt2", hf_token=VALID_TOKEN)("Hi")
    assert [r.path.split("?")[0] for r in hub.requests] == ["/api/models/gpt2", "/hf-inference/models/gpt2"]
    assert auth_headers(hub) == [f"Bearer {VALID_TOKEN}"] * 2


def test_a_metadata_redirect_to_another_host_drops_the_token(hub, third_host):
    hub.rename("moved/gpt2", "elsewhere/gpt2", host=third_host.url)
    try:
        io = load("models/moved/gpt2", hf_token=VALID_TOKEN)
    finally:
        hub.renamed.pop("moved/gpt2")
    assert io.fn.model_info.id == "elsewhere/gpt2"
    assert auth_headers(hub) == [f"Bearer {VALID_TOKEN}"]
    assert len(third_host.requests) == 1 and auth_headers(third_host) == [None]


def test_an_inference_redirect_to_another_host_drops_the_token(hub, third_host):
    io = load("huggingface/gpt2", hf_token=VALID_TOKEN)
    hub.script("gpt2", Reply(307, {"message": "moved"}, headers={"Location": f"{third_host.inference_url}/models/gpt2"}))
    assert io("Hi") == f"Hi {continuation('gpt2', 'Hi')}"  # 307 keeps the method and body
    (followed,) = third_host.requests
    assert followed.method == "POST" and followed.body == b'{"inputs": "Hi"}'
    assert "authorization" not in followed.headers
    assert all(h == f"Bearer {VALID_TOKEN}" for h in auth_headers(hub))


def test_a_space_given_by_url_is_not_sent_the_token(hub, third_host):
    with pytest.raises(HubNotFoundError):  # the third host is no Gradio app; what matters is the log
        load(f"spaces/{third_host.url}", hf_token=VALID_TOKEN)
    assert third_host.requests and auth_headers(third_host) == [None] * len(third_host.requests)


def test_authorize_is_the_only_place_and_checks_origins():
    settings = HubSettings(hub_endpoint="https://huggingface.co", inference_endpoint="http://127.0.0.1:9/hf-inference",
                           explicit_token="hf_x")
    assert settings.authorize(Request("GET", "https://huggingface.co/api/models/x")).headers == {
        "Authorization": "Bearer hf_x"}
    assert settings.authorize(Request("GET", "http://127.0.0.1:9/other")).headers["Authorization"]
    for url in ("https://evil.example/api", "http://huggingface.co/api", "https://huggingface.co:8443/api",
                "http://127.0.0.1:10/hf-inference", "https://huggingface.co.evil.example/"):
        stripped = settings.authorize(Request("GET", url, {"authorization": "Bearer stolen"}))
        assert stripped.headers == {}, url
    space = settings.trusting("https://owner-space.hf.space")
    assert space.may_receive_token("https://owner-space.hf.space/gradio_api/call/x")
    assert not settings.may_receive_token("https://owner-space.hf.space/")
    with pytest.raises(ValueError, match="set by HubSettings.authorize only"):
        build_request(settings, "GET", "https://huggingface.co/", headers={"Authorization": "Bearer y"})


def test_origins_are_normalised():
    assert origin_of("HTTPS://HuggingFace.co:443/x") == "https://huggingface.co"
    assert origin_of("http://127.0.0.1:80/") == "http://127.0.0.1"
    assert origin_of("http://[::1]:8080/a") == "http://[::1]:8080"


def test_endpoints_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.delenv("HF_INFERENCE_ENDPOINT", raising=False)
    defaults = resolve_settings()
    assert (defaults.hub_endpoint, defaults.inference_endpoint) == (
        "https://huggingface.co", "https://router.huggingface.co/hf-inference")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:5000/")
    assert resolve_settings().hub_endpoint == "http://127.0.0.1:5000"
    monkeypatch.setenv("HF_INFERENCE_ENDPOINT", "router.huggingface.co")
    with pytest.raises(ConfigurationError, match=r"HF_INFERENCE_ENDPOINT must be an http\(s\) URL"):
        resolve_settings()
