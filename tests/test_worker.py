"""The Python half of the browser worker, driven with in-memory messages as worker.mjs does:
a real app folder on disk, run-app, events, and every way a user's code can fail."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pyinterface import _launch
from pyinterface._protocol import validate_message
from pyinterface._worker import Worker, json_worker

GREETER = """
    import pyinterface as gr

    def greet(name):
        if name == "boom":
            raise ValueError("name must not be boom")
        if name == "polite":
            raise gr.Error("Please pick another name")
        return "Hello " + name

    demo = gr.Interface(greet, gr.Textbox(label="name"), gr.Textbox(label="greeting"), title="Greeter")

    if __name__ == "__main__":
        demo.launch()
"""


class Harness:
    """A Worker whose replies are collected, plus helpers to write apps and send messages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sent: list[dict[str, Any]] = []
        self.worker = Worker(self.sent.append)
        self._next_id = 0

    def app(self, name: str, source: str, **files: str) -> Path:
        folder = self.root / name
        folder.mkdir()
        (folder / "app.py").write_text(textwrap.dedent(source), encoding="utf-8")
        for file_name, text in files.items():
            (folder / file_name).write_text(text, encoding="utf-8")
        return folder

    def send(self, message: dict[str, Any]) -> dict[str, Any]:
        """Handle one message and return the one reply it produced (checked against the protocol);
        progress and app-output messages sent on the way are checked and kept in ``self.progress``
        and ``self.output``."""
        before = len(self.sent)
        asyncio.run(self.worker.handle_message(message))
        sent = [validate_message(m) for m in self.sent[before:]]
        self.progress = [m for m in sent if m["type"] == "progress"]
        self.output = [m for m in sent if m["type"] == "app-output"]
        replies = [m for m in sent if m["type"] not in ("progress", "app-output")]
        assert len(replies) == 1, f"expected one reply, got {replies}"
        return replies[0]  # type: ignore[return-value]

    def run_app(self, name: str, entry: str = "app.py") -> dict[str, Any]:
        self._next_id += 1
        return self.send({"type": "run-app", "id": self._next_id, "app": name, "path": str(self.root / name), "entry": entry})

    def event(self, name: str, data: list[Any], event: str = "predict") -> dict[str, Any]:
        self._next_id += 1
        return self.send({"type": "event", "id": self._next_id, "app": name, "event": event, "data": data})


@pytest.fixture
def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    # run-app changes the process's folder, sys.path and sys.argv, as it must in the worker.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    return Harness(tmp_path)


def test_run_app_replies_with_the_interface_config(harness):
    harness.app("greeter", GREETER)
    reply = harness.run_app("greeter")
    assert reply["type"] == "config" and reply["id"] == 1 and reply["app"] == "greeter"
    assert reply["config"]["title"] == "Greeter"
    assert [c["props"]["label"] for c in reply["config"]["components"]] == ["name", "greeting"]
    assert json.loads(json.dumps(reply["config"])) == reply["config"]


def test_an_event_returns_the_wire_outputs_with_the_request_id(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    reply = harness.event("greeter", ["Ada"])
    assert reply == {"type": "result", "id": 2, "data": ["Hello Ada"]}


def test_a_fn_exception_is_an_error_reply_and_the_next_event_works(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    error = harness.event("greeter", ["boom"])
    assert error["type"] == "error" and error["id"] == 2
    info = error["error"]
    assert (info["type"], info["message"]) == ("ValueError", "name must not be boom")
    # The traceback shows the user's code, relative to the app folder, and not pyinterface's.
    assert 'File "app.py", line 6, in greet' in info["traceback"]
    assert "raised by fn 'greet'" in info["traceback"]
    assert "_interface.py" not in info["traceback"] and "_worker.py" not in info["traceback"]
    assert harness.event("greeter", ["Grace"])["data"] == ["Hello Grace"]


def test_gr_error_shows_only_its_message(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    info = harness.event("greeter", ["polite"])["error"]
    assert info == {"type": "Error", "message": "Please pick another name", "traceback": None, "stage": None}


def test_a_value_a_component_rejects_is_an_error_naming_the_component(harness):
    harness.app("adder", """
        import pyinterface as gr
        demo = gr.Interface(lambda n: n + 1, gr.Number(label="n"), "number")
        demo.launch()
    """)
    harness.run_app("adder")
    info = harness.event("adder", ["seven"])["error"]
    assert info["type"] == "ComponentValueError"
    assert "Number 'n'" in info["message"] and "'seven'" in info["message"]


def test_async_fns_are_awaited(harness):
    harness.app("sleepy", """
        import asyncio
        import pyinterface as gr

        async def slow(text):
            await asyncio.sleep(0)
            return text.upper()

        gr.Interface(slow, "text", "text").launch()
    """)
    harness.run_app("sleepy")
    assert harness.event("sleepy", ["quiet"])["data"] == ["QUIET"]


@pytest.mark.parametrize("name", ["demo", "shouter"])
def test_a_global_named_demo_or_the_only_interface_is_used_when_nothing_was_launched(harness, name):
    harness.app("nolaunch", f"""
        import pyinterface as gr
        {name} = gr.Interface(str.upper, "text", "text")
    """)
    assert harness.run_app("nolaunch")["type"] == "config"
    assert harness.event("nolaunch", ["a"])["data"] == ["A"]


def test_an_app_with_no_interface_says_how_to_fix_it(harness):
    harness.app("empty", "x = 1\n")
    info = harness.run_app("empty")["error"]
    assert info["type"] == "NoInterfaceError"
    assert info["message"] == (
        "app.py built no Interface: build one and launch it, e.g. `demo = gr.Interface(fn, inputs, outputs)`, then "
        "`demo.launch()`."
    )
    assert info["stage"] == "run app"


def test_a_demo_that_is_not_an_interface_is_named(harness):
    harness.app("wrong", "demo = 42\n")
    assert "its `demo` is a int, not a pyinterface Interface" in harness.run_app("wrong")["error"]["message"]


def test_an_app_that_raises_on_import_reports_its_traceback(harness):
    harness.app("broken", """
        def load():
            raise RuntimeError("the model file is missing")

        load()
    """)
    info = harness.run_app("broken")["error"]
    assert (info["type"], info["message"], info["stage"]) == ("RuntimeError", "the model file is missing", "run app")
    assert 'File "app.py", line 5, in <module>' in info["traceback"]
    assert 'File "app.py", line 3, in load' in info["traceback"]
    assert "runpy" not in info["traceback"] and str(harness.root) not in info["traceback"]


def test_a_syntax_error_in_the_app_shows_the_line(harness):
    harness.app("typo", "def f(:\n    pass\n")
    info = harness.run_app("typo")["error"]
    assert info["type"] == "SyntaxError"
    assert 'File "app.py", line 1' in info["traceback"]


def test_sys_exit_after_launch_still_loads_the_app(harness):
    harness.app("exits", """
        import sys
        import pyinterface as gr
        gr.Interface(str.lower, "text", "text").launch()
        sys.exit(0)
    """)
    assert harness.run_app("exits")["type"] == "config"


def test_sys_exit_before_any_interface_is_an_error_not_a_dead_worker(harness):
    harness.app("quits", "import sys\nsys.exit(3)\n")
    info = harness.run_app("quits")["error"]
    assert info["type"] == "SystemExit"


def test_the_first_launched_interface_is_shown_and_launch_state_is_restored(harness):
    harness.app("two", """
        import pyinterface as gr
        gr.Interface(str.upper, gr.Textbox(label="first"), "text").launch()
        gr.Interface(str.lower, gr.Textbox(label="second"), "text").launch()
    """)
    recording = _launch.recording
    config = harness.run_app("two")["config"]
    assert config["components"][0]["props"]["label"] == "first"
    assert _launch.launched == [] and _launch.recording == recording


def test_apps_run_in_their_own_folder_and_import_their_own_modules(harness):
    source = """
        import pyinterface as gr
        from helper_{n} import WORD
        def read(_):
            with open("data.txt") as f:
                return WORD + f.read()
        gr.Interface(read, "text", "text").launch()
    """
    for n in ("one", "two"):
        folder = harness.app(n, source.format(n=n), **{"data.txt": n.upper()})
        (folder / f"helper_{n}.py").write_text(f"WORD = '{n}:'\n", encoding="utf-8")
        harness.run_app(n)
    assert harness.event("one", [""])["data"] == ["one:ONE"]
    assert harness.event("two", [""])["data"] == ["two:TWO"]
    assert Path.cwd() == harness.root / "two"


def test_an_event_for_an_app_that_is_not_loaded_is_an_error(harness):
    info = harness.event("ghost", ["x"])["error"]
    assert info["type"] == "LookupError" and "no app 'ghost' is loaded" in info["message"]


def test_an_entry_outside_the_app_folder_is_refused(harness):
    harness.app("escape", GREETER)
    info = harness.run_app("escape", entry="../escape/../../etc/passwd")["error"]
    assert info["type"] == "FileNotFoundError" and '"entry"' in info["message"]


def test_interpret_runs_the_interpretation_event_and_the_worker_survives_it(harness):
    harness.app("interp", """
        import pyinterface as gr
        gr.Interface(len, "text", "label", interpretation="default").launch()
    """)
    config = harness.run_app("interp")["config"]
    interpret = next(e for e in config["events"] if e["name"] == "interpret")
    assert interpret["inputs"] == [0, 1] and interpret["outputs"] == [0]
    reply = harness.event("interp", ["ab cd", {"label": "5"}], event="interpret")
    if reply["type"] == "result":  # one {"original", "interpretation"} per input (Gradio 3's payload)
        assert len(reply["data"]) == 1 and set(reply["data"][0]) == {"original", "interpretation"}
    else:  # no engine (yet): a readable error, not a dead worker
        assert reply["error"]["message"]
    assert harness.event("interp", ["abc"])["data"] == [{"label": "3"}]


SLOW_INTERPRETER = """
    import pyinterface as gr

    calls = []

    def count(text):
        calls.append(text)
        if "boom" in text and len(calls) > 1:
            raise ValueError("the model cannot read " + repr(text))
        return {"long": len(text) / 100, "short": 1 - len(text) / 100}

    gr.Interface(count, gr.Textbox(label="words"), "label", interpretation="default").launch()
"""


def test_interpret_sends_progress_with_the_event_id_before_its_result(harness):
    harness.app("slow", SLOW_INTERPRETER)
    harness.run_app("slow")
    reply = harness.event("slow", ["a bb ccc", None], event="interpret")
    assert reply["type"] == "result"
    assert [(m["id"], m["stage"], m["loaded"], m["total"]) for m in harness.progress] == [
        (reply["id"], "interpret", done, 4) for done in range(5)  # the original, then one per word
    ]
    assert harness.progress[-1]["message"] == "4 of 4 evaluations"


def test_a_fn_failing_on_a_perturbation_stops_the_interpretation_with_its_error(harness):
    harness.app("slow", SLOW_INTERPRETER)
    harness.run_app("slow")
    info = harness.event("slow", ["boom bb", None], event="interpret")["error"]
    assert info["type"] == "ValueError" and "the model cannot read" in info["message"]
    assert "failed on evaluation 3 of 3" in info["traceback"]  # "boom" alone: "bb" left out
    assert harness.event("slow", ["fine"])["data"] == [{"label": "short", "confidences": [
        {"label": "short", "confidence": 0.96}, {"label": "long", "confidence": 0.04}]}]


def test_cancel_stops_a_running_interpretation_between_fn_calls(harness):
    harness.app("slow", SLOW_INTERPRETER)
    harness.run_app("slow")
    words = " ".join(["word"] * 40)
    event = {"type": "event", "id": 7, "app": "slow", "event": "interpret", "data": [words, None]}

    async def interpret_then_cancel() -> None:
        running = asyncio.ensure_future(harness.worker.handle_message(event))
        while not any(m["type"] == "progress" and m["loaded"] == 3 for m in harness.sent):
            await asyncio.sleep(0)
        await harness.worker.handle_message({"type": "cancel", "id": 7})
        await running
        await harness.worker.handle_message({"type": "cancel", "id": 7})  # finished: ignored

    before = len(harness.sent)
    asyncio.run(interpret_then_cancel())
    sent = [validate_message(m) for m in harness.sent[before:]]
    assert sent[-1] == {"type": "error", "id": 7, "error": {
        "type": "CancelledError", "message": "The interpret event was cancelled.", "traceback": None, "stage": None}}
    progress = [m["loaded"] for m in sent if m["type"] == "progress"]
    assert progress == [0, 1, 2, 3]  # stopped at the first await after the cancel: 37 calls never ran
    assert harness.worker._running == {} and harness.worker._cancelled == set()
    assert harness.event("slow", ["again"])["type"] == "result"


def test_a_malformed_message_is_answered_with_an_error_carrying_its_id(harness):
    info = harness.send({"type": "event", "id": 9, "app": "a", "event": "predict"})
    assert info["id"] == 9 and info["error"]["type"] == "ProtocolError" and '"data"' in info["error"]["message"]


def test_messages_python_does_not_handle_are_refused(harness):
    reply = harness.send({"type": "hello", "protocol": 1})
    assert reply["error"]["type"] == "ProtocolError" and "run-app, event, cancel, exec and unload-app" in reply["error"]["message"]


def test_json_worker_speaks_json_text_both_ways(harness):
    harness.app("greeter", GREETER)
    texts: list[str] = []
    worker = json_worker(texts.append)
    path = str(harness.root / "greeter")
    asyncio.run(worker.handle_json(json.dumps({"type": "run-app", "id": 1, "app": "g", "path": path, "entry": "app.py"})))
    asyncio.run(worker.handle_json(json.dumps({"type": "event", "id": 2, "app": "g", "event": "predict", "data": ["Ada"]})))
    asyncio.run(worker.handle_json("{broken"))
    replies = [json.loads(text) for text in texts]
    assert [r["type"] for r in replies] == ["config", "result", "error"]
    assert replies[1]["data"] == ["Hello Ada"]
    assert replies[2]["id"] is None and "must be JSON text" in replies[2]["error"]["message"]


def test_json_worker_turns_a_reply_that_is_not_json_into_an_error(harness):
    texts: list[str] = []
    worker = json_worker(texts.append)
    worker._send({"type": "result", "id": 4, "data": [object()]})
    reply = json.loads(texts[-1])
    assert reply["type"] == "error" and reply["id"] == 4 and "not JSON" in reply["error"]["message"]


def test_importing_the_worker_does_not_import_numpy_js_or_the_console():
    """numpy and the console (ast, codeop, inspect) load when an app or its first console input
    needs them, not at every page's start-up."""
    names = ("numpy", "js", "pyinterface._console")
    code = f"import sys, pyinterface._worker; print(*[n in sys.modules for n in {names!r}])"
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ})
    assert out.stdout.split() == ["False", "False", "False"]


def test_apps_with_a_module_of_the_same_name_each_import_their_own(harness):
    """Two apps on one page, each with its own utils.py: neither sees the other's, at import
    time or in events, however their runs and events interleave."""
    source = """
        import pyinterface as gr
        import utils
        def which(_):
            import utils as again  # imported at event time too
            return utils.NAME + "/" + again.NAME
        gr.Interface(which, "text", "text").launch()
    """
    for name in ("left", "right"):
        harness.app(name, source, **{"utils.py": f"NAME = {name!r}\n"})
    harness.run_app("left")
    harness.run_app("right")
    assert harness.event("left", [""])["data"] == ["left/left"]
    assert harness.event("right", [""])["data"] == ["right/right"]
    assert harness.event("left", [""])["data"] == ["left/left"]
    assert sys.modules["utils"].NAME == "left"  # the app that ran last has its own view
    assert sys.path[0] == str(harness.root / "left") and str(harness.root / "right") not in sys.path


def test_several_interfaces_and_no_launch_asks_which_one(harness):
    harness.app("undecided", """
        import pyinterface as gr
        upper = gr.Interface(str.upper, "text", "text")
        lower = gr.Interface(str.lower, "text", "text")
    """)
    info = harness.run_app("undecided")["error"]
    assert info["type"] == "NoInterfaceError"
    assert info["message"] == (
        "app.py builds several Interfaces (lower, upper) and launches none: call .launch() on the one to show, or name it demo."
    )


def test_packages_the_interfaces_machinery_needs_are_loaded_before_the_config(tmp_path, monkeypatch):
    """An app given as code names only what its code imports; an Image needs numpy and pillow,
    a Number's default interpretation numpy: the worker asks for them while run-app runs."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    asked: list[tuple[str, list[str]]] = []
    sent: list[dict[str, Any]] = []

    async def load_packages(app: str, names_json: str) -> None:
        assert not sent, "packages are loaded before the config is sent"
        asked.append((app, json.loads(names_json)))

    worker = Worker(sent.append, load_packages)
    for name, source in {
        "picture": 'import pyinterface as gr\ndemo = gr.Interface(lambda im: im, gr.Image(), "image")\n',
        "number": 'import pyinterface as gr\ndemo = gr.Interface(abs, "number", "number", interpretation="default")\n',
        "text": 'import pyinterface as gr\ndemo = gr.Interface(str.upper, "text", "text")\n',
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "app.py").write_text(source, encoding="utf-8")
        asyncio.run(worker.handle_message({"type": "run-app", "id": 1, "app": name, "path": str(tmp_path / name), "entry": "app.py"}))
        assert sent.pop()["type"] == "config"
    assert asked == [("picture", ["numpy", "pillow"]), ("number", ["numpy"])]
