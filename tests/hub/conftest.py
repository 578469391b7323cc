"""Fixtures for the Hub tests: the loopback Hub emulator and a real modern-Gradio Space.

* ``hub``: one emulator per session with every task registered; per test the request log
  and scripts are cleared, ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT`` point at it,
  ``HF_TOKEN`` is unset and back-offs use a fake clock (``hub.clock.slept``).
* ``real_space``: ``tests/hub/space_app.py`` served by modern Gradio on a free loopback port,
  from its own virtualenv ``build/.cache/gradio-modern-venv`` (created on first use with
  ``pip install``, which needs PyPI once; later runs are offline). The emulator's
  ``/api/spaces/eugenesiow/remove-bg/host`` answers with its URL.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hub_emulator import HubEmulator, ModelSpec

REPO = Path(__file__).resolve().parents[2]
SPACE_APP = Path(__file__).resolve().with_name("space_app.py")
MODERN_VENV = REPO / "build" / ".cache" / "gradio-modern-venv"
#: Pinned so every machine runs the same server; bump deliberately (the venv is rebuilt).
MODERN_GRADIO = "gradio==6.31.0"
SPACE_ID = "eugenesiow/remove-bg"

#: (id, pipeline_tag, extra ModelSpec fields): the seed's models plus one model per task.
MODELS: list[tuple[str, str | None, dict[str, Any]]] = [
    ("gpt2", "text-generation", {}),
    ("EleutherAI/gpt-neo-2.7B", "text-generation", {}),
    ("EleutherAI/gpt-j-6B", "text-generation", {}),
    ("google-t5/t5-small", "translation", {}),
    ("emulator/sentiment", "text-classification", {"widget_data": [{"text": "I love this movie"}]}),
    ("emulator/ner", "token-classification", {}),
    ("emulator/flan", "text2text-generation", {}),
    ("emulator/bart-cnn", "summarization", {}),
    ("google-bert/bert-base-uncased", "fill-mask", {"mask_token": "[MASK]"}),
    ("emulator/squad", "question-answering", {
        "widget_data": [{"text": "Where do I live?", "context": "My name is Wolfgang and I live in Berlin"}]}),
    ("emulator/nli", "zero-shot-classification", {}),
    ("emulator/nli-legacy", "zero-shot-classification", {"zero_shot_form": "legacy"}),
    ("emulator/minilm", "sentence-similarity", {"tags": ["sentence-transformers", "feature-extraction",
                                                         "sentence-similarity"]}),
    ("emulator/minilm-features", "feature-extraction", {"tags": ["feature-extraction", "sentence-similarity"]}),
    ("emulator/bart-base", "feature-extraction", {"embedding_depth": 3}),
    ("emulator/vit", "image-classification", {}),
    ("emulator/detr", "object-detection", {}),
    ("emulator/segformer", "image-segmentation", {}),
    ("emulator/blip", "image-to-text", {}),
    ("emulator/vilt", "visual-question-answering", {}),
    ("emulator/layoutlm", "document-question-answering", {}),
    ("emulator/sd", "text-to-image", {}),
    ("emulator/whisper", "automatic-speech-recognition", {}),
    ("emulator/ast", "audio-classification", {}),
    ("emulator/tts", "text-to-speech", {}),
    ("emulator/chat", "text-generation", {"tags": ["text-generation", "conversational"]}),
    ("emulator/private", "text-classification", {"needs_token": True}),
    ("emulator/gated", "text-classification", {"gated": True}),
    ("emulator/not-served", "text-generation", {"providers": {"together": {"status": "live", "task": "conversational"}}}),
    ("emulator/tabular", "tabular-classification", {}),
    ("emulator/no-tag", None, {}),
]


class FakeClock:
    """Records back-offs instead of sleeping (installed as pyinterface.hub._transport.CLOCK)."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def make_emulator() -> HubEmulator:
    emulator = HubEmulator().start()
    for model_id, tag, extra in MODELS:
        emulator.add_model(ModelSpec(model_id, tag, **extra))
    emulator.rename("t5-small", "google-t5/t5-small")
    emulator.rename("bert-base-uncased", "google-bert/bert-base-uncased")
    return emulator


@pytest.fixture(scope="session")
def hub_session() -> Iterator[HubEmulator]:
    emulator = make_emulator()
    yield emulator
    emulator.stop()


@pytest.fixture()
def hub(hub_session: HubEmulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubEmulator]:
    from pyinterface.hub import _settings, _transport

    monkeypatch.setenv("HF_ENDPOINT", hub_session.url)
    monkeypatch.setenv("HF_INFERENCE_ENDPOINT", hub_session.inference_url)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr(_settings, "_session_token", None)
    clock = FakeClock()
    monkeypatch.setattr(_transport, "CLOCK", clock)
    with hub_session._lock:
        hub_session.requests.clear()
        hub_session.scripts.clear()
    hub_session.clock = clock  # type: ignore[attr-defined]
    yield hub_session
    with hub_session._lock:
        hub_session.scripts.clear()


# -- the real Space ---------------------------------------------------------------------------------


def modern_gradio_python() -> Path:
    """The Python of a venv with modern Gradio, created (once) next to the other build caches."""
    python = MODERN_VENV / "bin" / "python"
    marker = MODERN_VENV / ".pyinterface-requirement"
    if python.is_file() and marker.is_file() and marker.read_text().strip() == MODERN_GRADIO:
        return python
    staging = MODERN_VENV.with_name(MODERN_VENV.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    steps = [[sys.executable, "-m", "venv", str(staging)],
             [str(staging / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", MODERN_GRADIO]]
    for command in steps:
        proc = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
        if proc.returncode != 0:
            pytest.fail(
                f"could not build the modern-Gradio venv for the real-Space tests: `{' '.join(command)}` exited "
                f"{proc.returncode}. It needs PyPI the first time.\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
            )
    (staging / ".pyinterface-requirement").write_text(MODERN_GRADIO + "\n")
    shutil.rmtree(MODERN_VENV, ignore_errors=True)
    staging.rename(MODERN_VENV)
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_config(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 180.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the Space app exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/config", timeout=5) as answer:
                return json.loads(answer.read())
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"the Space app did not answer {url}/config within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def real_space(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the running Space app (modern Gradio, loopback)."""
    python = modern_gradio_python()
    folder = tmp_path_factory.mktemp("space")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GRADIO_"))}
    env.update({"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "GRADIO_TEMP_DIR": str(folder / "tmp"),
                "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"})
    log = folder / "space.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(python), str(SPACE_APP), "--port", str(port)], env=env, cwd=folder,
                                stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_config(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture()
def space(hub: HubEmulator, real_space: str) -> str:
    """The emulator, with ``eugenesiow/remove-bg`` resolving to the real Space."""
    hub.add_space(SPACE_ID, real_space)
    return real_space
