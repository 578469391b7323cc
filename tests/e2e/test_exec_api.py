"""`el.exec()` and unloading, at the element level, in Chromium: console input runs in the app's
namespace in the page's one worker (prints streamed, final expression's repr, tracebacks naming
<console>, runtime packages loaded on import, a launched Interface re-rendered in place), and an
element removed from the page unloads its app (moving it does not; adding it back reloads it).

The apps are made with mount() on a page beside an export whose runtime has numpy (its app
imports it); the mounted code does not import numpy, so the console's import is what loads it.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import BOOT_TIMEOUT_MS, exported_apps

pytestmark = pytest.mark.browser

#: Exported only for its runtime folder (numpy in it); the page mounts other code.
NUMBERS = """
import numpy as np
import pyinterface as gr

demo = gr.Interface(lambda text: float(np.sum([float(x) for x in text.split()])), "text", "number")
"""

SHOUT = """
import pyinterface as gr

def shout(text):
    print("shouting", text)
    return text.upper() + "!"

demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="shouted"))
"""

#: Its helpers.py differs per mount: which one an app sees tells whether the old app was dropped.
HELPERS = """
import pyinterface as gr
from helpers import WORD

demo = gr.Interface(lambda text: WORD + text, gr.Textbox(label="text"), gr.Textbox(label="out"))
"""

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Console host</title>
<script type="module">import { mount } from "./pyinterface.js"; window.pyiMount = mount;</script>
</head>
<body><div id="here"></div><div id="elsewhere"></div></body>
</html>
"""

#: exec(code) on window.el, recording onOutput calls with their time; a rejection is returned as {error}.
EXEC = """async (code) => {
  const output = [];
  const onOutput = (stream, text) => output.push([stream, text, performance.now()]);
  try {
    const result = await window.el.exec(code, { onOutput });
    return { result, output, done: performance.now() };
  } catch (err) {
    return { error: { name: err.name, type: err.type, message: err.message, traceback: err.traceback }, output };
  }
}"""

MOUNT = """([code, files]) => { window.el = window.pyiMount(document.querySelector("#here"), { code, files }); }"""


@pytest.fixture(scope="module")
def console_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("exec-api")
    with exported_apps(work, {"numbers": NUMBERS}) as url:
        (work / "www" / "numbers" / "console.html").write_text(PAGE, encoding="utf-8")
        yield f"{url}numbers/console.html"


def mount(page: Page, code: str, files: dict[str, str] | None = None) -> None:
    page.wait_for_function("() => Boolean(window.pyiMount)")
    page.evaluate(MOUNT, [textwrap.dedent(code), files or {}])
    expect(page.locator("#here pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)


def run(page: Page, code: str) -> dict[str, Any]:
    return page.evaluate(EXEC, textwrap.dedent(code))


def test_exec_runs_console_input_in_the_apps_namespace(page: Page, console_page: str) -> None:
    page.goto(console_page)
    mount(page, SHOUT)

    printed = run(page, "print(6*7)")
    assert printed["result"] == {"status": "complete", "value": None}
    assert [out[:2] for out in printed["output"]] == [["stdout", "42\n"]]

    called = run(page, "demo('abc')")
    assert called["result"] == {"status": "complete", "value": "'ABC!'"}
    assert [out[:2] for out in called["output"]] == [["stdout", "shouting abc\n"]]  # fn's own print

    assert run(page, "def f():")["result"] == {"status": "incomplete", "value": None}

    broken = run(page, "x = (1 +* 2)")["error"]
    assert (broken["name"], broken["type"]) == ("WorkerError", "SyntaxError")
    assert 'File "<console>", line 1' in broken["traceback"]

    raised = run(page, "def g():\n    return 1 / 0\n")
    assert raised["result"]["status"] == "complete"
    failed = run(page, "g()")["error"]
    assert failed["type"] == "ZeroDivisionError"
    assert 'File "<console>", line 2, in g\n    return 1 / 0' in failed["traceback"] and "pyinterface" not in failed["traceback"]

    # A loop that prints while it computes: each line arrives while it still runs, not at the end.
    looped = run(page, """
        import time
        for i in range(3):
            print(i)
            end = time.time() + 0.4
            while time.time() < end:
                pass
    """)
    assert [out[1] for out in looped["output"]] == ["0\n", "1\n", "2\n"]
    assert looped["done"] - looped["output"][0][2] > 600

    assert run(page, "await __import__('asyncio').sleep(0.01)\n'awaited'")["result"]["value"] == "'awaited'"

    assert run(page, "import sys\n'numpy' in sys.modules")["result"]["value"] == "False"
    assert run(page, "import numpy as np\nint(np.arange(4).sum())")["result"]["value"] == "6"

    relaunched = run(page, """
        demo = gr.Interface(str.lower, gr.Textbox(label="quiet in"), gr.Textbox(label="quiet out"))
        demo.launch()
    """)
    assert "textbox(label='quiet in')" in relaunched["result"]["value"]  # launch() returns the Interface, as recorded
    expect(page.get_by_role("textbox", name="quiet in")).to_be_visible()  # on screen when exec resolved
    expect(page.get_by_role("textbox", name="text")).to_have_count(0)
    assert page.evaluate("window.el.predict(['LOUD'])") == ["loud"]
    expect(page.get_by_role("region", name="quiet out")).to_contain_text("loud")


def test_a_removed_element_unloads_its_app_a_moved_one_does_not_and_a_returned_one_reloads(page: Page, console_page: str) -> None:
    page.goto(console_page)
    mount(page, HELPERS, {"helpers.py": "WORD = 'one:'\n"})
    assert page.evaluate("window.el.predict(['x'])") == ["one:x"]

    page.evaluate("document.querySelector('#elsewhere').append(window.el)")  # moved: the same app goes on
    assert run(page, "WORD")["result"]["value"] == "'one:'"

    page.evaluate("window.old = window.el")
    mount(page, HELPERS, {"helpers.py": "WORD = 'two:'\n"})  # the new element; the old one is removed by hand
    page.evaluate("window.old.remove()")
    assert page.evaluate("window.el.predict(['x'])") == ["two:x"]
    # The old app's folder is gone: unload-app went ahead of this exec in the worker's queue.
    assert run(page, "import os\nlen(os.listdir('/home/pyodide/apps'))")["result"]["value"] == "1"
    listing = run(page, "import os, sys\n[p for p in sys.path if p.startswith('/home/pyodide/apps/')], os.getcwd()")
    paths, cwd = ast.literal_eval(listing["result"]["value"])
    assert paths == [cwd]  # only the new app's folder is on sys.path

    stale = page.evaluate("window.old.exec('1').then(() => 'ran', (err) => err.message)")
    assert "was removed from the page, which unloaded its app" in stale

    page.evaluate("document.querySelector('#elsewhere').append(window.old)")  # back on the page: loaded afresh
    expect(page.locator("#elsewhere pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate("window.old.predict(['x'])") == ["one:x"]
    assert page.evaluate("window.old.exec('WORD').then((r) => r.value)") == "'one:'"


PRINTING = """
import sys
import pyinterface as gr

print("starting")
print("no weights, using defaults", file=sys.stderr)

def shout(text):
    print("shouting", text)
    return text.upper() + "!"

demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="shouted"))
"""

#: Records every pyinterface-output event that reaches the document (it bubbles out of the element).
LISTEN = """() => {
  window.outputs = [];
  document.addEventListener("pyinterface-output", (e) => window.outputs.push([e.detail.stream, e.detail.text, e.target.tagName]));
}"""


def test_what_the_app_prints_outside_exec_is_a_pyinterface_output_event_and_stays_in_devtools(page: Page, console_page: str) -> None:
    logged: list[str] = []
    page.on("console", lambda message: logged.append(message.text))  # the worker's console.log reaches the page's
    page.goto(console_page)
    page.evaluate(LISTEN)
    mount(page, PRINTING)
    started = [["stdout", "starting\n", "PYINTERFACE-APP"], ["stderr", "no weights, using defaults\n", "PYINTERFACE-APP"]]
    assert page.evaluate("window.outputs") == started  # all sent before ready resolved

    assert page.evaluate("window.el.predict(['abc'])") == ["ABC!"]
    assert page.evaluate("window.outputs")[2:] == [["stdout", "shouting abc\n", "PYINTERFACE-APP"]]

    assert run(page, "demo('x')")["output"][0][:2] == ["stdout", "shouting x\n"]  # exec's output is exec's alone
    assert len(page.evaluate("window.outputs")) == 3
    assert "starting" in logged and "shouting abc" in logged  # where a page author looked before
