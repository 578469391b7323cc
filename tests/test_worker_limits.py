"""What the worker refuses and how it answers a cancel, as the page relies on: a reply over the
size limit never reaches JavaScript (the error names the output, its size and the limit), the
worker answers the next event, and a cancel that overtakes its event still gets the reply the
page waits for before it re-enables its buttons."""

from __future__ import annotations

import asyncio
import json
import sys
import textwrap
from pathlib import Path

import pytest

from pyinterface._protocol import validate_message
from pyinterface._reply_limit import MAX_REPLY_BYTES, format_size
from pyinterface._worker import json_worker

BIG = """
    import pyinterface as gr

    def make(n):
        return "x" * int(n), "small"

    demo = gr.Interface(make, gr.Number(label="n"), [gr.Textbox(label="text"), gr.Textbox(label="note")])
"""

INTERPRETED = """
    import pyinterface as gr

    def score(sentence):
        return {"long": min(len(sentence) / 100, 1.0)}

    demo = gr.Interface(score, gr.Textbox(label="sentence"), gr.Label(label="length"), interpretation="default")
"""


@pytest.fixture
def app_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", list(sys.argv))

    def write(source: str) -> str:
        folder = tmp_path / "app"
        folder.mkdir()
        (folder / "app.py").write_text(textwrap.dedent(source), encoding="utf-8")
        return str(folder)

    return write


def _run(worker, *messages: dict) -> None:
    for message in messages:
        asyncio.run(worker.handle_json(json.dumps(message)))


def test_the_default_limit_is_20_mb():
    assert MAX_REPLY_BYTES == 20_000_000
    assert format_size(150_000_000) == "150.0 MB" and format_size(20_000_000) == "20.0 MB"


def test_an_output_over_the_limit_is_refused_naming_it_its_size_and_the_limit(app_folder):
    texts: list[str] = []
    worker = json_worker(texts.append, max_reply_bytes=1_000_000)
    path = app_folder(BIG)
    _run(worker, {"type": "run-app", "id": 1, "app": "a", "path": path, "entry": "app.py"},
         {"type": "event", "id": 2, "app": "a", "event": "predict", "data": [1_500_000]})
    assert max(map(len, texts)) < 10_000  # nothing of the 1.5 MB string was posted
    reply = validate_message(json.loads(texts[-1]))
    assert reply["type"] == "error" and reply["id"] == 2
    assert reply["error"]["type"] == "OutputTooLarge" and reply["error"]["traceback"]
    message = reply["error"]["message"]
    assert message.startswith("fn returned 1.5 MB for 'text'; pyinterface shows at most 1.0 MB")
    # the worker goes on: a small output is sent
    _run(worker, {"type": "event", "id": 3, "app": "a", "event": "predict", "data": [3]})
    assert json.loads(texts[-1]) == {"type": "result", "id": 3, "data": ["xxx", "small"]}


def test_an_output_just_under_the_limit_is_sent(app_folder):
    texts: list[str] = []
    limit = 100_000
    worker = json_worker(texts.append, max_reply_bytes=limit)
    _run(worker, {"type": "run-app", "id": 1, "app": "a", "path": app_folder(BIG), "entry": "app.py"})
    overhead = len(json.dumps({"type": "result", "id": 2, "data": ["", "small"]}, separators=(",", ":")))
    _run(worker, {"type": "event", "id": 2, "app": "a", "event": "predict", "data": [limit - overhead]})
    assert json.loads(texts[-1])["type"] == "result" and len(texts[-1]) == limit
    _run(worker, {"type": "event", "id": 3, "app": "a", "event": "predict", "data": [limit - overhead + 1]})
    assert json.loads(texts[-1])["error"]["type"] == "OutputTooLarge"


def test_an_interpretation_over_the_limit_names_the_input(app_folder):
    texts: list[str] = []
    worker = json_worker(texts.append, max_reply_bytes=4000)
    _run(worker, {"type": "run-app", "id": 1, "app": "a", "path": app_folder(INTERPRETED), "entry": "app.py"},
         {"type": "event", "id": 2, "app": "a", "event": "interpret", "data": [" ".join(["word"] * 300), None]})
    reply = json.loads(texts[-1])
    assert reply["error"]["type"] == "OutputTooLarge"
    assert reply["error"]["message"].startswith("the interpretation returned ")
    assert "for 'the interpretation of sentence'" in reply["error"]["message"]


def test_any_other_reply_over_the_limit_is_an_error_not_a_post(app_folder):
    texts: list[str] = []
    worker = json_worker(texts.append, max_reply_bytes=2000)
    _run(worker, {"type": "run-app", "id": 1, "app": "a", "path": app_folder(BIG), "entry": "app.py"},
         {"type": "exec", "id": 2, "app": "a", "code": "'y' * 5000"})
    reply = json.loads(texts[-1])
    assert reply["type"] == "error" and reply["id"] == 2 and reply["error"]["type"] == "ReplyTooLarge"
    assert "'exec-result' reply of 5.1 kB is over the 2.0 kB" in reply["error"]["message"]


def test_a_cancel_that_overtakes_its_event_is_still_answered(app_folder):
    """The page keeps its buttons disabled until the cancelled event's reply: a cancel that
    arrives before the event's task first runs must still produce that reply (and no result)."""
    texts: list[str] = []
    worker = json_worker(texts.append)
    _run(worker, {"type": "run-app", "id": 1, "app": "a", "path": app_folder(BIG), "entry": "app.py"})

    async def cancel_first() -> None:
        event = asyncio.ensure_future(worker.handle_json(json.dumps({"type": "event", "id": 5, "app": "a", "event": "predict", "data": [2]})))
        await worker.handle_json(json.dumps({"type": "cancel", "id": 5}))  # before the event's task ran
        await event

    asyncio.run(cancel_first())
    reply = json.loads(texts[-1])
    assert reply == {"type": "error", "id": 5, "error": {
        "type": "CancelledError", "message": "The predict event was cancelled.", "traceback": None, "stage": None}}
    assert worker._cancelled_early == set()
    # a late cancel for an event that has finished is ignored, and remembers nothing
    _run(worker, {"type": "event", "id": 6, "app": "a", "event": "predict", "data": [2]}, {"type": "cancel", "id": 6})
    assert json.loads(texts[-1])["data"] == ["xx", "small"] and worker._cancelled_early == set()


def test_timeout_is_positive_seconds_or_none_and_reaches_the_page_in_the_config():
    import pyinterface as gr
    from pyinterface.errors import ConfigurationError

    def echo(text):
        return text

    assert gr.Interface(echo, "text", "text").config()["timeout"] is None
    assert gr.Interface(echo, "text", "text", timeout=2).config()["timeout"] == 2.0
    for bad in (0, -1, float("inf"), "5", True):
        with pytest.raises(ConfigurationError, match=r"timeout must be a positive number of seconds or None \(no limit\)"):
            gr.Interface(echo, "text", "text", timeout=bad)
