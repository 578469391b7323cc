"""Cached examples in Chromium: shown at once, even before Python is ready; cached lazily otherwise.

The app (apps/cached_examples.py) is exported with the real CLI, which runs two of its examples
under CPython; the third imports `js`, so the page caches it on its first click. "Before Python is
ready" is made real: the runtime's WebAssembly download is held (``page.route``) until the cached
output has been seen, so Python cannot have booted, and the app's status says it is still loading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import APPS, BOOT_TIMEOUT_MS, run_pyinterface, served

pytestmark = pytest.mark.browser

FIRST_PAINT = "() => performance.getEntriesByName('pyinterface:first-paint').length > 0"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("cached-examples") / "site"
    run_pyinterface("export", str(APPS / "cached_examples.py"), "--out", str(out), "--include", "cached_examples.py")
    with served(out) as url:
        yield url + "/"


class HeldRuntime:
    """Holds every request for the runtime's WebAssembly until :meth:`release`."""

    def __init__(self, page: Page) -> None:
        self.held: list[Any] = []
        self.released = False
        page.route("**/pyodide.asm.wasm", self._route)

    def _route(self, route: Any) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()


def test_a_cached_example_shows_its_output_before_python_is_ready(page: Page, app_url: str) -> None:
    runtime = HeldRuntime(page)
    with page.expect_request("**/pyodide.asm.wasm"):  # the worker's, which the clicks below must not race
        page.goto(app_url)
    app = page.locator("pyinterface-app")
    page.wait_for_function(FIRST_PAINT)  # the live UI, rendered from the manifest's config
    examples = page.get_by_role("region", name="Examples")

    examples.get_by_role("button", name="hello").click()
    expect(page.get_by_label("word")).to_have_value("hello")
    expect(page.get_by_role("region", name="said")).to_contain_text("HELLO, run 1")
    swatch = page.get_by_role("region", name="swatch").locator("img")
    expect(swatch).to_have_attribute("src", re.compile(r"/app/cached_examples/1-2-1\.png$"))
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 8", arg=swatch.element_handle())
    examples.get_by_role("button", name="world").click()
    expect(page.get_by_role("region", name="said")).to_contain_text("WORLD, run 3")
    expect(app).to_have_attribute("data-status", "loading")  # Python has not booted
    assert runtime.held, "the runtime's WebAssembly was not requested yet, so holding it proved nothing"
    assert page.get_by_role("status").filter(has_text="Waiting for Python").count() == 0, "no run was queued"

    runtime.release()
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(page.get_by_role("region", name="said")).to_contain_text("WORLD, run 3")


def test_an_example_fn_cannot_run_at_export_is_cached_on_its_first_click(page: Page, app_url: str) -> None:
    page.goto(app_url)
    app = page.locator("pyinterface-app")
    examples = page.get_by_role("region", name="Examples")
    said = page.get_by_role("region", name="said")
    page.wait_for_function(FIRST_PAINT)

    examples.get_by_role("button", name="browser").click()  # before or after Python is ready: it waits
    expect(said).to_contain_text("BROWSER, run 1", timeout=BOOT_TIMEOUT_MS)
    expect(app).to_have_attribute("data-status", "ready")
    examples.get_by_role("button", name="hello").click()
    expect(said).to_contain_text("HELLO, run 1")

    examples.get_by_role("button", name="browser").click()  # shown from the page's cache: fn not run again
    expect(said).to_contain_text("BROWSER, run 1")
    expect(page.locator(".pyi-app")).to_have_attribute("data-shown", "cached-example")
    page.get_by_label("word").fill("again")
    page.get_by_role("button", name="Submit").click()
    expect(said).to_contain_text("AGAIN, run 2")  # the page's second run of fn
