"""The exported page's prerendered UI (tooling/_prerender.py) in Chromium: shown with no
JavaScript at all, in the same place as the live UI that replaces it, and replaced once only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import Sites
from .test_demo_pages import open_app, top_label

pytestmark = pytest.mark.browser

#: Where the main parts sit inside <pyinterface-app>: [left, top, width, height] each.
READ_LAYOUT = """() => {
  const host = document.querySelector("pyinterface-app");
  const origin = host.getBoundingClientRect();
  const parts = [".pyi-progress", ".pyi-title", ".pyi-description", ".pyi-inputs", ".pyi-control", ".pyi-primary",
    ".pyi-outputs"];
  return Object.fromEntries(parts.map((selector) => {
    const box = host.shadowRoot.querySelector(selector).getBoundingClientRect();
    return [selector, [box.left - origin.left, box.top - origin.top, box.width, box.height].map(Math.round)];
  }));
}"""

#: The layout as soon as the live UI is shown, while the loading panel is still above it.
READ_LIVE_LAYOUT = f"""() => {{
  const shown = performance.getEntriesByName("pyinterface:first-paint").length > 0;
  return shown && document.querySelector("pyinterface-app").dataset.status === "loading" ? ({READ_LAYOUT})() : null;
}}"""


@pytest.fixture
def no_script_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_page_shows_the_app(no_script_page: Page, sites: Sites) -> None:
    page = no_script_page
    page.goto(sites.root_app)
    expect(page.get_by_role("heading", name="Gender of a sentence")).to_be_visible()
    sentence = page.get_by_label("sentence")
    expect(sentence).to_have_value("She went to his house to get her keys.")
    expect(sentence).to_be_disabled()
    expect(page.get_by_role("button", name="Submit")).to_be_disabled()
    expect(page.get_by_role("region", name="output")).to_be_visible()
    expect(page.get_by_text("Loading Python in your browser…")).to_be_visible()


def test_the_live_ui_takes_the_prerendered_ui_s_place(browser: Browser, page: Page, sites: Sites) -> None:
    # The prerendered UI as a visitor sees it before any module runs: the loader never arrives.
    context = browser.new_context()
    try:
        still = context.new_page()
        still.route("**/pyinterface.js", lambda route: route.abort())
        still.goto(sites.root_app)
        prerendered: Any = still.evaluate(READ_LAYOUT)
    finally:
        context.close()
    page.goto(sites.root_app)
    assert page.wait_for_function(READ_LIVE_LAYOUT).json_value() == prerendered
    detail = page.evaluate("performance.getEntriesByName('pyinterface:first-paint')[0].detail")
    assert detail["prerendered"] is True


def test_once_ready_there_is_one_ui_and_it_runs(page: Page, sites: Sites) -> None:
    open_app(page, sites.root_app)
    submit = page.get_by_role("button", name="Submit")
    expect(submit).to_have_count(1)
    expect(page.get_by_role("textbox")).to_have_count(1)
    page.get_by_label("sentence").fill("He said his dog likes him.")
    submit.click()
    expect(top_label(page.get_by_role("region", name="output"))).to_have_text("male")
