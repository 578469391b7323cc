"""An exported page's start-up, as the main thread does it: the manifest comes from the page
itself (no fetch), only the renderers the app's components use are imported, and the UI is
usable (Submit queued) before Python is ready.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import BOOT_TIMEOUT_MS, Sites
from .test_demo_pages import top_label

pytestmark = pytest.mark.browser

MARKS = """() => Object.fromEntries(["pyinterface:first-paint", "pyinterface:ready"]
  .map((name) => [name, performance.getEntriesByName(name)[0]?.startTime ?? null]))"""


def test_export_page_paints_from_its_inline_manifest_with_only_the_renderers_it_uses(page: Page, sites: Sites) -> None:
    paths: list[str] = []
    page.on("request", lambda request: paths.append(urlsplit(request.url).path))
    page.goto(sites.root_app)
    # The UI from the page's own manifest: typing and Submit work before Python is ready.
    page.get_by_label("sentence").fill("He said his dog likes him.")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(top_label(page.get_by_role("region", name="output"))).to_have_text("male")  # the queued Submit ran

    marks = page.evaluate(MARKS)
    assert marks["pyinterface:first-paint"] is not None and marks["pyinterface:ready"] is not None, marks
    assert marks["pyinterface:first-paint"] <= marks["pyinterface:ready"], marks
    assert not [path for path in paths if path.endswith("/manifest.json")], "the manifest was fetched, not read from the page"
    renderers = {path.rsplit("/", 1)[1] for path in paths if "/pyinterface/components/" in path}
    # textbox in, label out; field.mjs is their shared helper. No image editor, chatbot, video...
    assert renderers == {"index.mjs", "field.mjs", "textbox.mjs", "label.mjs"}, sorted(renderers)
