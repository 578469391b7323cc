"""Faults in a fn, in Chromium, each recovered without a reload (issue 11): Python's process
ended (os._exit), its C stack overflowed (a deeply nested repr), a sync loop stopped by Cancel,
Interface(timeout=), memory exhausted, a 150 MB output, and an interpretation cancelled while
its model call still holds Python. After each the same page (a window marker survives) answers
the next Submit correctly, and no button comes back while the worker is still busy.

The apps are ``tests/e2e/apps/faults*.py``, each exported on its own (conftest.exported_apps). Timings are
printed (run with ``-s`` to see them); the assertions wait on the page's state, not on time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import APPS, BOOT_TIMEOUT_MS, exported_apps

pytestmark = pytest.mark.browser

EXPORTED = ("faults", "faults_timeout", "faults_interpret")
#: How long a restart may take here: a new worker, its boot (from the stored snapshot) and the app's load.
RESTART_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def app_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    sources = {name: (APPS / f"{name}.py").read_text(encoding="utf-8") for name in EXPORTED}
    with exported_apps(tmp_path_factory.mktemp("faults"), sources) as url:
        yield {name: f"{url}{name}/" for name in EXPORTED}


def open_app(page: Page, url: str) -> Locator:
    page.goto(url)
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    page.evaluate("window.faultMarker = 'the same page'")
    return app


def run(app: Locator, what: str) -> float:
    """Type ``what`` and press Submit; returns when it was pressed (time.perf_counter())."""
    app.get_by_role("textbox", name="what").fill(what)
    app.get_by_role("button", name="Submit").click()
    return time.perf_counter()


def output(app: Locator) -> Locator:
    return app.get_by_role("region", name="output")


def expect_answers(page: Page, app: Locator, what: str, answer: str) -> None:
    """The same page (no reload) answers the next Submit with ``answer``."""
    run(app, what)
    expect(output(app)).to_contain_text(answer)
    assert page.evaluate("window.faultMarker") == "the same page"


def restart_and_check(page: Page, app: Locator, kept: str) -> None:
    """Press Restart: the app comes back, its input kept, saying what was lost."""
    start = time.perf_counter()
    app.get_by_role("button", name="Restart").click()
    expect(app).to_have_attribute("data-status", "ready", timeout=RESTART_TIMEOUT_MS)
    print(f"  Restart to ready: {time.perf_counter() - start:.2f} s")
    expect(app.get_by_role("textbox", name="what")).to_have_value(kept)
    expect(app.locator(".pyi-run-notice")).to_contain_text("Python was restarted (Restart was pressed): this app's state in Python was lost")


@pytest.mark.parametrize(("what", "why"), [
    ("exit", "Python stopped: the app's code ended the Python process (exit code 1, e.g. os._exit)."),
    ("nest", "Python stopped: Python's C stack overflowed"),
])
def test_python_stopping_is_shown_at_once_and_restart_brings_the_app_back(page: Page, app_urls: dict[str, str], what: str, why: str) -> None:
    app = open_app(page, app_urls["faults"])
    expect_answers(page, app, "warm up", "ok: warm up (call 1)")
    pressed = run(app, what)
    alert = app.get_by_role("alert")
    expect(alert).to_contain_text(why)
    print(f"\n  {what}: Submit to 'Python stopped' shown: {time.perf_counter() - pressed:.2f} s")
    expect(app.get_by_role("status").filter(has_text="Running")).to_have_count(0)
    expect(app.get_by_role("button", name="Submit")).to_be_enabled()
    # a Submit before Restart fails at once with the same message
    run(app, "again")
    expect(alert).to_contain_text(why)
    restart_and_check(page, app, "again")
    expect_answers(page, app, "after", "ok: after (call 1)")  # call 1: Python's state was lost


def test_a_sync_loop_is_cancelled_by_restarting_python(page: Page, app_urls: dict[str, str]) -> None:
    app = open_app(page, app_urls["faults"])
    submit = app.get_by_role("button", name="Submit")
    cancel = app.get_by_role("button", name="Cancel")
    run(app, "sleep 0.3")
    expect(output(app)).to_contain_text("ok: sleep 0.3 (call 1)")
    expect(cancel).to_be_hidden()  # a short run never offers it
    run(app, "loop")
    expect(cancel).to_be_visible()
    cancelled = time.perf_counter()
    cancel.click()
    expect(submit).to_be_disabled()  # Python still runs the loop: nothing may queue behind it
    notice = app.locator(".pyi-run-notice")
    expect(notice).to_contain_text("Python was restarted (Cancel was pressed, and Python did not stop within 2 s)",
                                   timeout=RESTART_TIMEOUT_MS)
    expect(app).to_have_attribute("data-status", "ready", timeout=RESTART_TIMEOUT_MS)
    expect(submit).to_be_enabled()
    print(f"\n  loop: Cancel to Submit ready: {time.perf_counter() - cancelled:.2f} s")
    expect(app.get_by_role("textbox", name="what")).to_have_value("loop")
    expect_answers(page, app, "after", "ok: after (call 1)")

    # Clear during a run cancels it too: Submit comes back once Python has stopped
    run(app, "loop")
    expect(submit).to_be_disabled()
    app.get_by_role("button", name="Clear").click()
    expect(notice).to_contain_text("Python was restarted (Clear was pressed", timeout=RESTART_TIMEOUT_MS)
    expect(app).to_have_attribute("data-status", "ready", timeout=RESTART_TIMEOUT_MS)
    expect(submit).to_be_enabled()
    expect_answers(page, app, "cleared", "ok: cleared (call 1)")


def test_the_apps_timeout_cancels_an_await_and_restarts_a_loop(page: Page, app_urls: dict[str, str]) -> None:
    app = open_app(page, app_urls["faults_timeout"])
    expect_answers(page, app, "quick", "ok: quick (call 1)")
    run(app, "wait")  # stops at its await: Python answers the cancel, nothing is lost
    alert = app.get_by_role("alert")
    expect(alert).to_contain_text("fn ran longer than this app's timeout of 2 s, so it was stopped. "
                                  "Change the limit with Interface(..., timeout=seconds)")
    expect_answers(page, app, "kept", "ok: kept (call 3)")  # same Python: its calls were kept
    run(app, "loop")
    expect(app.locator(".pyi-run-notice")).to_contain_text(
        "Python was restarted (a run took longer than this app's timeout of 2 s (Interface(..., timeout=2)), "
        "and Python did not stop within 2 s)", timeout=RESTART_TIMEOUT_MS)
    expect(app).to_have_attribute("data-status", "ready", timeout=RESTART_TIMEOUT_MS)
    expect_answers(page, app, "fresh", "ok: fresh (call 1)")


def test_memory_errors_end_with_a_clean_message(page: Page, app_urls: dict[str, str]) -> None:
    app = open_app(page, app_urls["faults"])
    alert = app.get_by_role("alert")
    run(app, "bytes")  # bytearray(2**31): more than a wasm32 index
    expect(alert).to_contain_text("OverflowError: cannot fit 'int' into an index-sized integer")
    run(app, "most bytes")  # bytearray(2**31 - 1): no such block in Wasm memory
    expect(alert).to_contain_text("MemoryError: Python ran out of memory")
    started = run(app, "grow")  # a list of 16 MB blocks until Wasm memory is full
    expect(alert).to_contain_text("MemoryError: Python ran out of memory", timeout=180_000)
    print(f"\n  grow: Submit to MemoryError shown: {time.perf_counter() - started:.2f} s")
    expect_answers(page, app, "after", "ok: after (call 4)")  # the same Python goes on


def test_a_150_mb_output_is_refused_and_the_previous_outputs_marked_stale(page: Page, app_urls: dict[str, str]) -> None:
    app = open_app(page, app_urls["faults"])
    expect_answers(page, app, "first", "ok: first (call 1)")
    pressed = run(app, "huge")
    alert = app.get_by_role("alert")
    expect(alert).to_contain_text("OutputTooLarge: fn returned 150.0 MB for 'output'; pyinterface shows at most 20.0 MB")
    print(f"\n  huge: Submit to refusal shown: {time.perf_counter() - pressed:.2f} s")
    # the outputs are the previous run's, and say so
    expect(output(app)).to_contain_text("ok: first (call 1)")
    stale = app.locator(".pyi-stale")
    expect(stale).to_have_count(1)
    expect(stale).to_have_attribute("aria-disabled", "true")
    expect(app.get_by_text("(from the previous run)")).to_be_visible()
    # a new run clears the previous run's error as it starts
    run(app, "sleep 1.5")
    expect(app.get_by_role("status").filter(has_text="Running")).to_be_visible()
    expect(alert).to_be_hidden()
    expect(output(app)).to_contain_text("ok: sleep 1.5 (call 3)")
    expect(stale).to_have_count(0)
    expect(app.get_by_text("(from the previous run)")).to_have_count(0)


def test_a_cancelled_interpretation_keeps_the_buttons_until_python_stops(page: Page, app_urls: dict[str, str]) -> None:
    """Each model call holds Python for 1 s: after Cancel the worker is busy up to a second
    more, and Submit waits for it (it used to come back at once and then wait behind the rest)."""
    page.goto(app_urls["faults_interpret"])
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    submit = app.get_by_role("button", name="Submit")
    interpret = app.get_by_role("button", name="Interpret")
    interpret.click()
    bar = app.get_by_role("progressbar", name="Interpretation progress")
    page.wait_for_function("bar => Number(bar.getAttribute('aria-valuenow')) >= 1", arg=bar.element_handle())
    cancelled = time.perf_counter()
    app.locator(".pyi-interpretation").get_by_role("button", name="Cancel").click()
    expect(app.locator(".pyi-meter-text")).to_have_text("Cancelling…")
    expect(submit).to_be_disabled()
    expect(interpret).to_be_disabled()
    expect(app.get_by_text("Interpretation cancelled")).to_be_visible()
    expect(submit).to_be_enabled()
    print(f"\n  interpretation: Cancel to Submit ready: {time.perf_counter() - cancelled:.2f} s")
    expect(app.locator(".pyi-run-notice")).to_be_hidden()  # Python answered: no restart
    app.get_by_role("spinbutton", name="seconds").fill("0")
    submit.click()
    calls = app.get_by_role("region", name="fn calls so far")
    expect(app.get_by_role("region", name="weight")).to_contain_text("long words")
    count = int(calls.locator(".pyi-number-value").inner_text())
    assert count < 11  # the original and one call per word had the interpretation gone on
    submit.click()
    expect(calls.locator(".pyi-number-value")).to_have_text(str(count + 1))  # nothing else ran in between
