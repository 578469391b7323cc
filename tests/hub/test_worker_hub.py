"""The worker's side of ``gr.load`` under CPython, driven with messages exactly as worker.mjs does:
endpoints configured per app (not from the environment), hub-wait messages for the countdown,
Hub errors carrying their details, and a pasted token used by the next event.

The emulator is real (tests/hub_emulator.py); only the back-off sleeps are faked.
"""

from __future__ import annotations

import asyncio
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pyinterface import _worker_hub
from pyinterface._protocol import validate_message
from pyinterface._worker import Worker, json_worker
from tests.hub_emulator import VALID_TOKEN, HubEmulator, Reply, SilentHost, continuation

GPT2_APP = """
    import pyinterface as gr
    gr.load("huggingface/gpt2").launch()
"""
PRIVATE_APP = """
    import pyinterface as gr
    gr.load("models/emulator/private").launch()
"""


class Page:
    """A Worker plus what the page would have received, message by message."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sent: list[dict[str, Any]] = []
        self.worker = Worker(self.sent.append)
        self._id = 0

    def send(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.sent)
        asyncio.run(self.worker.handle_message(message))
        return [validate_message(m) for m in self.sent[before:]]

    def run_app(self, app: str, source: str) -> list[dict[str, Any]]:
        folder = self.root / app
        folder.mkdir()
        (folder / "app.py").write_text(textwrap.dedent(source), encoding="utf-8")
        self._id += 1
        return self.send({"type": "run-app", "id": self._id, "app": app, "path": str(folder), "entry": "app.py"})

    def event(self, app: str, data: list[Any]) -> list[dict[str, Any]]:
        self._id += 1
        return self.send({"type": "event", "id": self._id, "app": app, "event": "predict", "data": data})


@pytest.fixture
def page(hub: HubEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Page:
    # The page's settings reach the worker through configure(), not the environment: start without them.
    monkeypatch.delenv("HF_ENDPOINT")
    monkeypatch.delenv("HF_INFERENCE_ENDPOINT")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(_worker_hub, "_endpoints", {})
    return Page(tmp_path)


def configure(hub: HubEmulator, app: str) -> None:
    """What worker.mjs does before run-app: the manifest's hub entry, as JSON text."""
    _worker_hub.configure(app, json.dumps({"endpoint": hub.url, "inference_endpoint": hub.inference_url}))


def test_a_gr_load_at_import_uses_the_endpoints_configured_for_its_app(page, hub):
    configure(hub, "app1")
    (reply,) = page.run_app("app1", GPT2_APP)
    assert reply["type"] == "config", reply
    assert hub.requests[0].path.startswith("/api/models/gpt2")
    (result,) = page.event("app1", ["It was the best of times"])
    assert result == {"type": "result", "id": 2, "data": [f"It was the best of times {continuation('gpt2', 'It was the best of times')}"]}


def test_each_app_gets_its_own_endpoints_and_an_unconfigured_one_keeps_the_environment(page, hub, monkeypatch):
    configure(hub, "good")
    _worker_hub.configure("bad", {"endpoint": "http://127.0.0.1:9", "inference_endpoint": ""})
    assert page.run_app("good", GPT2_APP)[0]["type"] == "config"
    (reply,) = page.run_app("bad", GPT2_APP)
    assert reply["type"] == "error" and "Could not reach 127.0.0.1:9" in reply["error"]["message"]
    assert reply["error"]["hub"]["kind"] == "network" and reply["error"]["traceback"] is None
    monkeypatch.setenv("HF_ENDPOINT", hub.url)  # no configure() call: the environment is left alone
    assert page.run_app("plain", GPT2_APP)[0]["type"] == "config"


def test_bad_settings_are_refused_naming_the_field():
    with pytest.raises(TypeError, match='hub setting "endpoint" must be a string, got 3'):
        _worker_hub.configure("x", {"endpoint": 3})
    with pytest.raises(TypeError, match="must be an object"):
        _worker_hub.configure("x", "[1]")


def test_the_hf_timeout_attribute_reaches_the_app_and_a_silent_host_times_out(page, hub):
    with SilentHost() as silent:
        # What worker.mjs passes for <pyinterface-app hf-timeout="0.5" hf-inference-endpoint="...">.
        _worker_hub.configure("slow", json.dumps({"endpoint": hub.url, "inference_endpoint": f"{silent.url}/hf-inference",
                                                  "timeout": "0.5"}))
        assert page.run_app("slow", GPT2_APP)[0]["type"] == "config"
        (error,) = page.event("slow", ["Hi"])
        assert silent.requests() == ["POST /hf-inference/models/gpt2 HTTP/1.1"]
    info = error["error"]
    host = silent.url.split("/")[2]
    assert info["message"].startswith(f"No answer from {host} within 0.5 s (POST {silent.url}/hf-inference/models/gpt2)")
    assert "CORS" not in info["message"] and info["hub"]["kind"] == "timeout" and info["traceback"] is None
    configure(hub, "other")  # an app without hf-timeout gets the default again
    page.run_app("other", 'import pyinterface as gr\nio = gr.load("huggingface/gpt2")\nassert io.fn.settings.timeout == 60\n')


def test_a_loading_model_sends_a_countdown_for_the_event_then_the_result(page, hub):
    configure(hub, "app1")
    page.run_app("app1", GPT2_APP)
    hub.script("gpt2", Reply(503, {"error": "Model gpt2 is currently loading", "estimated_time": 7.0}))
    wait, result = page.event("app1", ["Hello"])
    assert wait == {
        "type": "hub-wait", "id": 2, "app": "app1", "seconds": 7.0, "attempt": 1, "max_attempts": 4, "status": 503,
        "message": wait["message"],
    }
    assert wait["message"].startswith("The Hub estimates the model is ready in 7 s.")
    assert "currently loading" in wait["message"]
    assert result["type"] == "result" and result["data"][0].startswith("Hello ")
    assert hub.clock.slept == [7.0]


def test_a_401_carries_the_details_the_page_needs_and_a_pasted_token_fixes_the_next_event(page, hub):
    configure(hub, "private")
    page.run_app("private", PRIVATE_APP)
    (error,) = page.event("private", ["I love it"])
    info = error["error"]
    assert info["type"] == "Error" and info["traceback"] is None  # a plain message, never a traceback
    assert "without a valid access token (401" in info["message"] and "paste it into the token field" in info["message"]
    assert info["hub"]["needs_token"] is True and info["hub"]["status"] == 401
    assert info["hub"]["help_url"] == f"{hub.url}/settings/tokens"

    _worker_hub.set_token(VALID_TOKEN)  # what worker.mjs does with a hub-token message
    try:
        (result,) = page.event("private", ["I love it"])
        assert result["type"] == "result" and result["data"][0]["label"] == "POSITIVE"
        assert hub.logged("/hf-inference/models/emulator/private")[-1].headers["authorization"] == f"Bearer {VALID_TOKEN}"
    finally:
        _worker_hub.set_token(None)
    assert page.event("private", ["I love it"])[0]["type"] == "error"  # forgotten


def test_a_404_links_the_model_page(page, hub):
    configure(hub, "ns")
    page.run_app("ns", 'import pyinterface as gr\ngr.load("models/emulator/not-served").launch()\n')
    (error,) = page.event("ns", ["hi"])
    assert error["error"]["hub"]["kind"] == "not-found"
    assert error["error"]["hub"]["help_url"] == f"{hub.url}/emulator/not-served"
    assert f"{hub.url}/emulator/not-served" in error["error"]["message"]


def test_hub_wait_messages_are_json_the_page_accepts(page, hub):
    texts: list[str] = []
    worker = json_worker(texts.append)
    configure(hub, "app1")
    folder = page.root / "app1"
    folder.mkdir()
    (folder / "app.py").write_text(textwrap.dedent(GPT2_APP), encoding="utf-8")
    asyncio.run(worker.handle_json(json.dumps({"type": "run-app", "id": 1, "app": "app1", "path": str(folder), "entry": "app.py"})))
    hub.script("gpt2", Reply(429, {"error": "Rate limit reached"}, headers={"Retry-After": "2"}))
    asyncio.run(worker.handle_json(json.dumps({"type": "event", "id": 2, "app": "app1", "event": "predict", "data": ["x"]})))
    kinds = [json.loads(t)["type"] for t in texts]
    assert kinds == ["config", "hub-wait", "result"]
    assert json.loads(texts[1])["status"] == 429 and json.loads(texts[1])["seconds"] == 2.0


def test_errors_that_are_not_from_the_hub_carry_no_details():
    assert _worker_hub.error_details(ValueError("x")) is None
