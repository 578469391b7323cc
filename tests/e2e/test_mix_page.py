"""A type-changing Series in Chromium: the page's Submit and ``el.predict`` give what the sync
call gives (number -> number -> text: "6.0!", as Gradio 3.50.2), so the worker's async path
keeps each stage's postprocess and the next stage's preprocess."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..test_mix import TYPE_CHANGING_SERIES
from .conftest import BOOT_TIMEOUT_MS, exported_apps

pytestmark = pytest.mark.browser


def test_a_type_changing_series_gives_the_sync_value_in_the_page(page: Page, tmp_path: Path) -> None:
    with exported_apps(tmp_path, {"series": TYPE_CHANGING_SERIES}) as url:
        page.goto(url + "series/")
        app = page.locator("pyinterface-app")
        expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
        app.get_by_label("x").fill("3")
        app.get_by_role("button", name="Submit").click()
        expect(app.get_by_role("region", name="shouted")).to_contain_text("6.0!", timeout=BOOT_TIMEOUT_MS)
        expect(app.get_by_role("alert")).to_have_count(0)
        assert page.evaluate("document.querySelector('pyinterface-app').predict([3])") == ["6.0!"]
