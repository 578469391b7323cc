"""Console input in the real Pyodide 0.27.7 under Node: the worker's Python half handles exec as
the page's worker hands it over. Top-level await on Pyodide's own event loop, prints streamed as
they happen, incomplete input, an import of a runtime package, and micropip (from the runtime's
lock) failing with no network: the error says installing needs the network.

Each test boots a fresh interpreter from a runtime folder holding pyinterface, numpy and
micropip; the runner disables fetch, which is what an offline browser's micropip meets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_in_runtime

pytestmark = pytest.mark.pyodide

#: Messages the Worker sent, kept by ``send``; the app's folder is written as worker.mjs would.
#: ``load_imports(code)`` loads what the code imports by worker.mjs's rule: the import plan of
#: pyinterface._app_imports over the runtime lock's ``imports``.
SETUP = """
import asyncio, json, os
import pyodide_js
from pyinterface._app_imports import plan_imports
from pyinterface._worker import Worker

PROVIDED = {
    module: name for name, package in pyodide_js._api.repodata_packages.to_py().items() for module in package["imports"]
}

async def load_imports(code):
    packages = plan_imports({"<console>.py": code}, PROVIDED).packages
    await pyodide_js.loadPackage(packages)
    return packages

sent = []
worker = Worker(sent.append, online=lambda: False)
os.makedirs("/home/pyodide/apps/app1", exist_ok=True)
with open("/home/pyodide/apps/app1/app.py", "w") as f:
    f.write("import pyinterface as gr\\ndemo = gr.Interface(str.upper, 'text', 'text')\\n")
await worker.handle_message({"type": "run-app", "id": 1, "app": "app1", "path": "/home/pyodide/apps/app1", "entry": "app.py"})
assert sent[-1]["type"] == "config", sent

async def run(code, id=2):
    before = len(sent)
    await worker.handle_message({"type": "exec", "id": id, "app": "app1", "code": code})
    return sent[before:]
"""


@pytest.fixture(scope="module")
def console_runtime(node: str, tmp_path_factory: pytest.TempPathFactory, pyinterface_wheel: Path) -> Path:
    from pyinterface.tooling.runtime import write_runtime

    return write_runtime(tmp_path_factory.mktemp("console-runtime"), packages=("numpy", "micropip"), wheels=[pyinterface_wheel])


def run_console(runtime: Path, code: str) -> object:
    return run_in_runtime(runtime, SETUP + code)


def test_top_level_await_runs_on_pyodides_loop_and_prints_stream_in_order(console_runtime: Path) -> None:
    result = run_console(console_runtime, """
code = '''
import asyncio
for i in range(3):
    print("tick", i)
    await asyncio.sleep(0.01)
demo("abc")
'''
[[m["type"], m.get("text") or m.get("value")] for m in await run(code)]
""")
    assert result == [
        ["exec-output", "tick 0\n"], ["exec-output", "tick 1\n"], ["exec-output", "tick 2\n"], ["exec-result", "'ABC'"],
    ]


def test_incomplete_input_runs_nothing_and_a_syntax_error_names_console(console_runtime: Path) -> None:
    result = run_console(console_runtime, """
incomplete = await run("for i in range(3):")
broken = await run("x = (1 +* 2)")
[incomplete[0]["status"], broken[0]["error"]["type"], 'File "<console>", line 1' in broken[0]["error"]["traceback"]]
""")
    assert result == ["incomplete", "SyntaxError", True]


def test_a_runtime_package_imported_in_the_console_works_once_loaded(console_runtime: Path) -> None:
    """worker.mjs loads what the input's imports name (the same plan as an app's) before Python
    runs it: the plan names numpy, and after loading it the input runs."""
    result = run_console(console_runtime, """
code = "import numpy as np\\nint(np.arange(4).sum())"
[await load_imports(code), (await run(code))[-1]["value"]]
""")
    assert result == [["numpy"], "6"]


def test_micropip_offline_says_that_installing_needs_the_network(console_runtime: Path) -> None:
    result = run_console(console_runtime, """
code = "import micropip\\nawait micropip.install('six')"
assert await load_imports(code) == ["micropip"]  # a lock package like any other (packaging comes with it)
(reply,) = await run(code)
[reply["error"]["type"], reply["error"]["message"], reply["error"]["traceback"]]
""")
    kind, message, trace = result
    assert kind == "ConnectionError"
    assert message.startswith("installing packages needs the network, and this browser is offline")
    assert "(tried to fetch https://pypi.org/simple/six/)" in message  # what micropip met, for the curious
    assert trace.startswith('Traceback (most recent call last):\n  File "<console>", line 2, in <module>\n')
    assert "micropip/" not in trace  # its frames would bury the message


def test_an_apps_own_prints_are_app_output_and_still_echoed_to_stdout(console_runtime: Path) -> None:
    """What an app prints outside console input (its module at run-app, its fn across an await in
    an event, on Pyodide's loop) is sent as app-output, and still reaches the worker's stdout."""
    result = run_console(console_runtime, """
import io, sys
APP = '''import asyncio
import pyinterface as gr
print("starting")
async def slow(x):
    print("before", x)
    await asyncio.sleep(0.01)
    print("after", x)
    return x
demo = gr.Interface(slow, "text", "text")
'''
os.makedirs("/home/pyodide/apps/app2", exist_ok=True)
with open("/home/pyodide/apps/app2/app.py", "w") as f:
    f.write(APP)
before = len(sent)
worker_stdout, sys.stdout = sys.stdout, io.StringIO()  # stands in for Pyodide's stdout (devtools' console.log)
try:
    await worker.handle_message({"type": "run-app", "id": 5, "app": "app2", "path": "/home/pyodide/apps/app2", "entry": "app.py"})
    await worker.handle_message({"type": "event", "id": 6, "app": "app2", "event": "predict", "data": ["x"]})
    echoed = sys.stdout.getvalue()
finally:
    sys.stdout = worker_stdout
[[[m["type"], m.get("app"), m.get("text")] for m in sent[before:]], echoed]
""")
    messages, echoed = result
    assert messages == [
        ["app-output", "app2", "starting\n"], ["config", "app2", None],
        ["app-output", "app2", "before x\n"], ["app-output", "app2", "after x\n"], ["result", None, None],
    ]
    assert echoed == "starting\nbefore x\nafter x\n"
