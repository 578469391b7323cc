"""The Hub test fixtures' moving parts, shared by tests/hub (CPython), tests/pyodide and tests/e2e.

* :func:`make_emulator`: the loopback Hub emulator with the seed's models and one model per task;
* :func:`shared_space`: ``tests/hub/space_app.py`` served by modern Gradio on a free loopback
  port, from its own virtualenv ``build/.cache/gradio-modern-venv`` (created on first use with
  ``pip install``, which needs PyPI once; later runs are offline). Started once per test
  session however many conftests use it, stopped when the last user is done.

The emulator's ``/api/spaces/eugenesiow/remove-bg/host`` answers with the Space's URL once a
test registers it (``emulator.add_space(SPACE_ID, url)``).
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
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.hub_emulator import HubEmulator, ModelSpec

REPO = Path(__file__).resolve().parents[1]
SPACE_APP = REPO / "tests" / "hub" / "space_app.py"
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


def make_emulator() -> HubEmulator:
    """A started emulator with :data:`MODELS` registered (t5-small and bert-base-uncased renamed, as on the Hub)."""
    emulator = HubEmulator().start()
    for model_id, tag, extra in MODELS:
        emulator.add_model(ModelSpec(model_id, tag, **extra))
    emulator.rename("t5-small", "google-t5/t5-small")
    emulator.rename("bert-base-uncased", "google-bert/bert-base-uncased")
    return emulator


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


def _start_space(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    python = modern_gradio_python()
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
    except BaseException:
        _stop(proc)
        raise
    return proc, url


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


#: The one running Space of this test session: {"proc", "url", "users"}.
_space: dict[str, Any] = {}


@contextmanager
def shared_space(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the session's Space app (modern Gradio, loopback), started on first use.

    Each conftest wraps it in its own session fixture (``real_space``); however many do, one
    server runs, stopped when the last of them is torn down."""
    if not _space:
        proc, url = _start_space(tmp_path_factory.mktemp("space"))
        _space.update(proc=proc, url=url, users=0)
    _space["users"] += 1
    try:
        yield _space["url"]
    finally:
        _space["users"] -= 1
        if _space["users"] == 0:
            _stop(_space["proc"])
            _space.clear()

