"""Console input and unloading in the Python half of the worker, driven with messages as
worker.mjs sends them: exec runs in the app's own module globals (what fn sees), streams its
prints, relaunches re-render the app; unload-app drops everything the app had."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from pyinterface import _worker_hub
from pyinterface._protocol import validate_message
from pyinterface._worker import json_worker
from tests.test_worker import GREETER, Harness

GREETING_APP = """
    import pyinterface as gr

    GREETING = "Hello "

    def greet(name):
        print("greeting", name)
        return GREETING + name

    app = gr.Interface(greet, gr.Textbox(label="name"), gr.Textbox(label="greeting"))
    app.launch()
"""

HELPERS_APP = """
    import helpers
    import pyinterface as gr

    demo = gr.Interface(lambda x: f"{x} v{helpers.VERSION}", "text", "text")
"""


@pytest.fixture
def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    """A worker with apps in ``tmp_path``; the process's folder, sys.path and sys.argv, which
    run-app changes as it must in the worker, are put back after the test."""
    for name in ("path", "argv"):
        monkeypatch.setattr(sys, name, list(getattr(sys, name)))
    monkeypatch.chdir(tmp_path)
    return Harness(tmp_path)


def exec_messages(harness: Harness, app: str, code: str) -> list[dict[str, Any]]:
    """Send an exec for ``app``; return every message it produced, each checked against the protocol."""
    before = len(harness.sent)
    harness._next_id += 1
    asyncio.run(harness.worker.handle_message({"type": "exec", "id": harness._next_id, "app": app, "code": code}))
    return [validate_message(m) for m in harness.sent[before:]]


def exec_result(harness: Harness, app: str, code: str) -> dict[str, Any]:
    *_, last = exec_messages(harness, app, code)
    return last


def test_exec_streams_prints_and_replies_with_the_final_expressions_repr(harness):
    harness.app("greeter", GREETING_APP)
    harness.run_app("greeter")
    messages = exec_messages(harness, "greeter", "print(6*7)\ndemo('Ada')")
    id = messages[-1]["id"]
    assert messages == [
        {"type": "exec-output", "id": id, "stream": "stdout", "text": "42\n"},
        {"type": "exec-output", "id": id, "stream": "stdout", "text": "greeting Ada\n"},  # fn's own print
        {"type": "exec-result", "id": id, "status": "complete", "value": "'Hello Ada'"},
    ]


def test_exec_changes_the_globals_fn_sees(harness):
    harness.app("greeter", GREETING_APP)
    harness.run_app("greeter")
    assert exec_result(harness, "greeter", "GREETING = 'Hi '")["value"] is None
    assert harness.event("greeter", ["Ada"])["data"] == ["Hi Ada"]


def test_gr_and_demo_are_bound_and_an_app_that_bound_gr_keeps_its_own(harness):
    harness.app("greeter", GREETING_APP)
    harness.run_app("greeter")
    assert exec_result(harness, "greeter", "demo is app and gr is __import__('pyinterface')")["value"] == "True"
    exec_result(harness, "greeter", "demo = 'rebound'")
    assert exec_result(harness, "greeter", "demo")["value"] == "'rebound'"  # the console's own binding stays
    harness.app("own", "import pyinterface\ngr = 'mine'\ndemo = pyinterface.Interface(str.upper, 'text', 'text')\n")
    harness.run_app("own")
    assert exec_result(harness, "own", "gr")["value"] == "'mine'"


def test_incomplete_input_runs_nothing(harness):
    harness.app("greeter", GREETING_APP)
    harness.run_app("greeter")
    messages = exec_messages(harness, "greeter", "def f():\n    print('ran')")
    assert [(m["type"], m["status"], m["value"]) for m in messages] == [("exec-result", "incomplete", None)]


def test_an_exception_is_an_error_reply_showing_console_and_app_lines_only(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    messages = exec_messages(harness, "greeter", "print('first')\ndemo('boom')")
    assert messages[0]["type"] == "exec-output"
    info = messages[-1]["error"]
    assert messages[-1]["type"] == "error" and messages[-1]["id"] == messages[0]["id"]
    assert (info["type"], info["message"], info["stage"]) == ("ValueError", "name must not be boom", None)
    assert 'File "<console>", line 2, in <module>\n    demo(\'boom\')' in info["traceback"]
    assert 'File "app.py", line 6, in greet' in info["traceback"]  # relative to the app folder
    assert "pyinterface" not in info["traceback"] and str(harness.root) not in info["traceback"]
    assert exec_result(harness, "greeter", "1 + 1")["value"] == "2"  # the app and its console go on


def test_a_syntax_error_names_console(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    (reply,) = exec_messages(harness, "greeter", "x = (1 +* 2)")
    assert reply["error"]["type"] == "SyntaxError" and 'File "<console>", line 1' in reply["error"]["traceback"]


def test_launching_from_the_console_rerenders_before_the_reply_and_events_use_it(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    code = "demo = gr.Interface(str.upper, gr.Textbox(label='loud in'), gr.Textbox(label='loud out'))\ndemo.launch()"
    config, result = exec_messages(harness, "greeter", code)
    assert (config["type"], config["id"], config["app"]) == ("config", None, "greeter")
    assert [c["props"]["label"] for c in config["config"]["components"]] == ["loud in", "loud out"]
    assert result["type"] == "exec-result"
    assert harness.event("greeter", ["abc"])["data"] == ["ABC"]
    assert exec_result(harness, "greeter", "demo.fn is str.upper")["value"] == "True"


def test_an_interface_launched_before_an_exception_is_still_shown(harness):
    harness.app("greeter", GREETER)
    harness.run_app("greeter")
    config, error = exec_messages(harness, "greeter", "gr.Interface(str.lower, 'text', 'text').launch()\n1/0")
    assert (config["type"], config["id"], error["type"]) == ("config", None, "error")
    assert harness.event("greeter", ["ABC"])["data"] == ["abc"]


def test_exec_runs_in_its_apps_folder_with_its_own_modules(harness):
    for name in ("one", "two"):
        harness.app(name, GREETER, **{"words.py": f"WORD = {name!r}\n"})
        harness.run_app(name)
    assert exec_result(harness, "one", "import os, words\n(os.path.basename(os.getcwd()), words.WORD)")["value"] == "('one', 'one')"
    assert exec_result(harness, "two", "import os, words\n(os.path.basename(os.getcwd()), words.WORD)")["value"] == "('two', 'two')"


def test_exec_for_an_app_that_is_not_loaded_is_an_error(harness):
    (reply,) = exec_messages(harness, "ghost", "1")
    assert reply["error"]["type"] == "LookupError" and "no app 'ghost' is loaded" in reply["error"]["message"]


def test_unload_drops_the_apps_interface_modules_folder_and_path(harness):
    folder = harness.app("old", HELPERS_APP, **{"helpers.py": "VERSION = 1\n"})
    harness.run_app("old")
    assert sys.modules["helpers"].VERSION == 1
    before = len(harness.sent)
    asyncio.run(harness.worker.handle_message({"type": "unload-app", "app": "old"}))
    assert harness.sent[before:] == []  # no reply
    assert "helpers" not in sys.modules and str(folder) not in sys.path and not folder.exists()
    assert Path.cwd() == harness.root
    assert harness.event("old", ["x"])["error"]["type"] == "LookupError"
    harness.app("new", HELPERS_APP, **{"helpers.py": "VERSION = 2\n"})
    harness.run_app("new")
    assert exec_result(harness, "new", "helpers.VERSION")["value"] == "2"


def test_unload_drops_the_modules_of_an_app_that_failed_to_start(harness):
    folder = harness.app("broken", "import half_done\nraise RuntimeError('no')\n", **{"half_done.py": "X = 1\n"})
    assert harness.run_app("broken")["type"] == "error"
    assert "half_done" in sys.modules
    harness.worker.unload("broken")
    assert "half_done" not in sys.modules and not folder.exists()


def test_unload_of_an_app_that_is_not_here_is_no_error(harness):
    harness.worker.unload("never-loaded")
    assert harness.sent == []


def test_unload_forgets_the_apps_hub_endpoints(harness):
    _worker_hub.configure("hubbed", {"endpoint": "http://127.0.0.1:9/hub"})
    harness.app("hubbed", GREETER)
    harness.run_app("hubbed")
    assert exec_result(harness, "hubbed", "import os\nos.environ['HF_ENDPOINT']")["value"] == "'http://127.0.0.1:9/hub'"
    harness.worker.unload("hubbed")
    assert "hubbed" not in _worker_hub._endpoints


def test_exec_through_json_worker_replies_json_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    sent: list[str] = []
    worker = json_worker(sent.append, online=lambda: False)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "app.py").write_text("import pyinterface as gr\ndemo = gr.Interface(str.upper, 'text', 'text')\n")
    asyncio.run(worker.handle_json(json.dumps({"type": "run-app", "id": 1, "app": "a", "path": str(tmp_path / "a"), "entry": "app.py"})))
    asyncio.run(worker.handle_json(json.dumps({"type": "exec", "id": 2, "app": "a", "code": "demo('x')"})))
    assert json.loads(sent[-1]) == {"type": "exec-result", "id": 2, "status": "complete", "value": "'X'"}
