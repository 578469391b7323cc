"""What an app prints outside console input reaches the page as app-output messages (the
element's pyinterface-output event): its module-level prints while run-app runs it, its fn's
prints in events; a line at a time, in order, named by app, and still echoed to the worker's
own stdout/stderr (the browser's devtools console)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest

from pyinterface._protocol import validate_message
from tests.test_worker import Harness

CHATTY_APP = """
    import sys
    import pyinterface as gr

    print("starting")
    print("no model file, using defaults", file=sys.stderr)
    print("half a line", end="")

    def shout(text):
        print("shouting", text)
        return text.upper()

    gr.Interface(shout, "text", "text").launch()
"""


@pytest.fixture
def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    for name in ("path", "argv"):  # run-app changes them, as it must in the worker
        monkeypatch.setattr(sys, name, list(getattr(sys, name)))
    monkeypatch.chdir(tmp_path)
    return Harness(tmp_path)


def output(messages: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(m["app"], m["stream"], m["text"]) for m in messages]


def test_module_level_prints_are_sent_as_app_output_before_the_config(harness, capsys):
    stdout = sys.stdout
    harness.app("chatty", CHATTY_APP)
    config = harness.run_app("chatty")
    assert config["type"] == "config"
    assert output(harness.output) == [
        ("chatty", "stdout", "starting\n"),
        ("chatty", "stderr", "no model file, using defaults\n"),
        ("chatty", "stdout", "half a line"),  # what is left unfinished is sent when the run ends
    ]
    messages = harness.sent
    assert messages.index(harness.output[-1]) < messages.index(config)  # printed before the app is shown
    echoed = capsys.readouterr()  # the worker's console still shows them
    assert echoed.out == "starting\nhalf a line" and echoed.err == "no model file, using defaults\n"
    assert sys.stdout is stdout  # the stream is put back


def test_fn_prints_in_an_event_are_sent_with_the_app_name_before_the_result(harness):
    harness.app("chatty", CHATTY_APP)
    harness.run_app("chatty")
    reply = harness.event("chatty", ["hi"])
    assert reply["data"] == ["HI"]
    assert output(harness.output) == [("chatty", "stdout", "shouting hi\n")]


def test_prints_before_an_import_error_are_sent_before_the_error(harness):
    harness.app("broken", "print('loading weights')\nraise RuntimeError('no weights')\n")
    reply = harness.run_app("broken")
    assert reply["type"] == "error" and reply["error"]["message"] == "no weights"
    assert output(harness.output) == [("broken", "stdout", "loading weights\n")]


def test_each_app_gets_what_its_own_code_prints_when_their_events_interleave(harness):
    """Two apps' events run as concurrent tasks (as in the worker): each print goes to its own app."""
    fn = """
        import asyncio
        import pyinterface as gr

        async def slow(text):
            print("{name} before", text)
            await asyncio.sleep(0.01)
            print("{name} after", text)
            return text

        gr.Interface(slow, "text", "text").launch()
    """
    for name in ("one", "two"):
        harness.app(name, fn.replace("{name}", name))
        harness.run_app(name)
    before = len(harness.sent)

    async def both() -> None:
        await asyncio.gather(*(
            harness.worker.handle_message({"type": "event", "id": 100 + i, "app": name, "event": "predict", "data": [name]})
            for i, name in enumerate(("one", "two"))
        ))

    asyncio.run(both())
    sent = [validate_message(m) for m in harness.sent[before:]]
    printed = output([m for m in sent if m["type"] == "app-output"])
    assert sorted(printed) == sorted([
        ("one", "stdout", "one before one\n"), ("one", "stdout", "one after one\n"),
        ("two", "stdout", "two before two\n"), ("two", "stdout", "two after two\n"),
    ])
    assert printed[:2] == [("one", "stdout", "one before one\n"), ("two", "stdout", "two before two\n")]  # interleaved


def test_console_input_output_stays_exec_output(harness):
    harness.app("chatty", CHATTY_APP)
    harness.run_app("chatty")
    before = len(harness.sent)
    asyncio.run(harness.worker.handle_message({"type": "exec", "id": 50, "app": "chatty", "code": "print('typed')"}))
    kinds = [(m["type"], m.get("text")) for m in harness.sent[before:]]
    assert kinds == [("exec-output", "typed\n"), ("exec-result", None)]
