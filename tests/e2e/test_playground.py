"""The playground page (``playground/`` of the demo site, which always has one), driven as a user
drives it: a share link opens and runs its code, the app answers a Submit, edits typed into the
editor and Run replace the app in place, the console runs Python in the app's namespace, and a
program that fails shows its traceback while the previous app stays.

Links are built here the way the README tells a Python user to (raw deflate, base64url, no
padding), so the page is checked against the documented format, not against its own encoder.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.test_playground_site import share_link_part

from .conftest import BOOT_TIMEOUT_MS, Sites

pytestmark = pytest.mark.browser

SHOUT = '''import pyinterface as gr

def shout(text):
    return text.upper() + "!"

demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="shouted"), title="Shout")
'''

WHISPER = '''import pyinterface as gr

def whisper(text):
    return text.lower() + "..."

demo = gr.Interface(whisper, gr.Textbox(label="text"), gr.Textbox(label="whispered"), title="Whisper")
'''

PRINTING = '''import sys

import pyinterface as gr

print("starting")
print("<b>no weights</b>, using defaults", file=sys.stderr)

def shout(text):
    print("shouting", text)
    return text.upper() + "!"

demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="shouted"), title="Shout")
'''


def _link(sites: Sites, code: str) -> str:
    return f"{sites.demo_site}playground/#code={share_link_part(code.encode())}"


def _app(page: Page) -> Locator:
    """The app pane's one shown app (a Run's hidden attempt is not it)."""
    return page.locator("#pg-app > .pg-app-slot:not([hidden]) > pyinterface-app")


def _open(page: Page, sites: Sites, code: str) -> Locator:
    page.goto(_link(sites, code))
    app = _app(page)
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    return app


def _submit(app: Locator, text: str, output: str, answer: str) -> None:
    """Type `text` in the app's first field, press Submit, see `answer` in the output labelled `output`."""
    app.get_by_role("textbox").first.fill(text)
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_role("region", name=output)).to_contain_text(answer)


def _replace_code(page: Page, code: str) -> None:
    """Select all in the editor and type `code` in its place (inserted as typed text, as a paste
    is, so the editor's auto-indent does not re-indent it)."""
    editor = page.get_by_role("textbox", name="Code editor")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def _console(page: Page, line: str) -> None:
    field = page.get_by_role("textbox", name="Python input")
    field.click()
    page.keyboard.type(line)
    page.keyboard.press("Enter")


def test_a_link_runs_its_code_and_run_replaces_the_app(page: Page, sites: Sites):
    app = _open(page, sites, SHOUT)
    expect(page.get_by_role("textbox", name="Code editor")).to_contain_text("def shout(text):")
    _submit(app, "abc", "shouted", "ABC!")

    _replace_code(page, WHISPER)
    page.get_by_role("button", name="Run").click()
    new_app = _app(page)
    expect(new_app.get_by_role("heading", name="Whisper")).to_be_visible()
    expect(page.locator("#pg-app pyinterface-app")).to_have_count(1)  # the old element is gone (unloaded)
    _submit(new_app, "HeLLo", "whispered", "hello...")

    # Ctrl+Enter in the editor runs too.
    _replace_code(page, SHOUT.replace('title="Shout"', 'title="Shout again"'))
    page.keyboard.press("Control+Enter")
    expect(_app(page).get_by_role("heading", name="Shout again")).to_be_visible()
    expect(page.locator("#pg-app pyinterface-app")).to_have_count(1)


def test_the_console_runs_in_the_apps_namespace(page: Page, sites: Sites):
    _open(page, sites, SHOUT)
    log = page.get_by_role("log")
    _console(page, "print(6*7)")
    expect(log).to_contain_text(">>> print(6*7)\n42")
    _console(page, 'demo("abc")')
    expect(log).to_contain_text("'ABC!'")

    # A block continues on Enter until a blank line ends it; the prompt shows "..." meanwhile.
    _console(page, "def twice(x):")
    expect(page.locator("#pg-console-prompt")).to_have_text(">>>\n...")
    page.keyboard.type("return 2 * x")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(log).to_contain_text(">>> def twice(x):\n...     return 2 * x")
    _console(page, "twice(21)")
    # Its own echo, not the 42 printed above: Up below must find it in the history already.
    expect(log).to_contain_text(">>> twice(21)\n42")

    # Up recalls the last input; Down comes back to what was being typed.
    field = page.get_by_role("textbox", name="Python input")
    page.keyboard.type("draft")
    page.keyboard.press("ArrowUp")
    expect(field).to_have_value("twice(21)")
    page.keyboard.press("ArrowDown")
    expect(field).to_have_value("draft")

    # Output is text: markup printed by Python is shown, not parsed.
    _console(page, 'print("<b>bold</b>")')
    expect(log).to_contain_text("<b>bold</b>")
    expect(log.locator("b")).to_have_count(0)


def test_a_failing_program_shows_its_traceback_and_keeps_the_previous_app(page: Page, sites: Sites):
    app = _open(page, sites, SHOUT)
    _replace_code(page, "import pyinterface as gr\n\ndef broken(:\n    pass\n")
    page.get_by_role("button", name="Run").click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("SyntaxError")
    expect(log).to_contain_text("def broken(:")
    expect(page.locator("#pg-status")).to_contain_text("the previous app stays")
    expect(page.locator("#pg-app pyinterface-app")).to_have_count(1)
    _submit(app, "still here", "shouted", "STILL HERE!")
    _console(page, 'demo("ok")')  # the console still talks to the app on show
    expect(log).to_contain_text("'OK!'")


def test_the_examples_menu_opens_site_apps_and_snippets_with_their_files(page: Page, sites: Sites):
    page.goto(f"{sites.demo_site}playground/")
    expect(_app(page)).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)  # the default example
    examples = page.get_by_role("combobox", name="Examples")
    # The demo site's digits app imports digits_features.py and reads digits_weights.npz: both come along.
    examples.select_option(label="Handwritten digits")
    app = _app(page)
    expect(app.get_by_role("heading", name="Handwritten digits")).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(page.get_by_role("textbox", name="Code editor")).to_contain_text("from digits_features import features")
    _console(page, "W1.shape")  # the weights the app loaded from its files
    expect(page.get_by_role("log")).to_contain_text("(64, ")

    # A Gradio 3 snippet with a module of its own beside it (the stand-in for MobileNetV2).
    examples.select_option(label="Image classifier: shap")
    expect(page.get_by_role("textbox", name="Code editor")).to_contain_text('interpretation="shap"')
    expect(_app(page)).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(_app(page).get_by_role("button", name="Interpret")).to_be_visible()
    _console(page, "labels[0], inception_net.weights.shape")
    expect(page.get_by_role("log")).to_contain_text("('tabby', (8, 8, 3, 1000))")


def test_what_the_program_prints_as_it_starts_and_in_its_runs_shows_in_the_console(page: Page, sites: Sites):
    app = _open(page, sites, PRINTING)
    log = page.get_by_role("log")
    expect(log).to_contain_text("starting\n<b>no weights</b>, using defaults")  # stdout and stderr in order, as text
    expect(log.locator("b")).to_have_count(0)
    _submit(app, "abc", "shouted", "ABC!")
    expect(log).to_contain_text("shouting abc")  # the function's prints during a run, outside the console


def test_code_that_uses_the_hub_gets_pyodide_http_loaded(page: Page, sites: Sites):
    """gr.load blocks on requests, which need pyodide-http; the code names no such import, so the
    worker's import plan adds it (the Hub itself is not reachable offline: the call is never made)."""
    code = '''from importlib.util import find_spec

import pyinterface as gr

if False:
    gr.load("huggingface/gpt2")

demo = gr.Interface(lambda text: str(find_spec("pyodide_http") is not None), gr.Textbox(label="text"), gr.Textbox(label="loaded"))
'''
    _submit(_open(page, sites, code), "?", "loaded", "True")
