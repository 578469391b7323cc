"""The exported pages in Chromium: type, draw, click Submit, read the outputs.

Elements are found the way a visitor (or a screen reader) finds them: inputs by their
label, the Submit button by its name, outputs as regions named by their label, and the
app's state on ``<pyinterface-app data-status>``. The fixtures in conftest.py fail any test
whose page leaves loopback, throws, or gets a 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import BOOT_TIMEOUT_MS, Sites

pytestmark = pytest.mark.browser

#: A "4" in the digits canvas's own pixels (400x400): two strokes, as a person draws it.
FOUR = [[(230, 60), (110, 250), (300, 250)], [(230, 60), (230, 340)]]


def open_app(page: Page, url: str | None = None) -> Locator:
    """Go to ``url`` (if given) and wait until the app's Python is running."""
    if url is not None:
        page.goto(url)
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    return app


def top_label(region: Locator) -> Locator:
    return region.locator(".pyi-label-top")


def draw(page: Page, canvas: Locator, strokes: list[list[tuple[int, int]]], size: int = 400) -> None:
    box: Any = canvas.bounding_box()
    assert box is not None, "the drawing canvas is not laid out"

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + x / size * box["width"], box["y"] + y / size * box["height"]

    for stroke in strokes:
        page.mouse.move(*at(*stroke[0]))
        page.mouse.down()
        for point in stroke[1:]:
            page.mouse.move(*at(*point), steps=10)
        page.mouse.up()


def check_gender_classifier(page: Page) -> None:
    expect(page).to_have_title("Gender of a sentence")
    sentence = page.get_by_label("sentence")
    expect(sentence).to_have_value("She went to his house to get her keys.")
    sentence.fill("He said his dog likes him.")
    page.get_by_role("button", name="Submit").click()
    output = page.get_by_role("region", name="output")
    expect(top_label(output)).to_have_text("male")
    expect(output.locator('[data-label="female"]')).to_contain_text("0%")


def test_gender_classifier_at_the_server_root(page: Page, sites: Sites) -> None:
    open_app(page, sites.root_app)
    check_gender_classifier(page)


def test_demo_site_under_a_sub_path_links_to_working_demos(page: Page, sites: Sites) -> None:
    page.goto(sites.demo_site)
    expect(page.get_by_role("list").get_by_role("link")).to_have_count(2)
    expect(page.get_by_role("link", name="Playground")).to_have_attribute("href", "playground/")
    page.get_by_role("link", name="Gender of a sentence").click()
    expect(page).to_have_url(sites.demo_site + "gender_classifier/")
    open_app(page)
    check_gender_classifier(page)


def test_digits_classifier_reads_a_drawn_four(page: Page, sites: Sites) -> None:
    open_app(page, sites.demo_site + "digits_classifier/")
    draw(page, page.get_by_role("img", name="digit"), FOUR)
    page.get_by_role("button", name="Submit").click()
    prediction = page.get_by_role("region", name="prediction")
    expect(top_label(prediction)).to_have_text("4")
    expect(prediction.locator("li")).to_have_count(3)  # num_top_classes=3


def test_fn_error_is_shown_and_the_next_submit_works(page: Page, sites: Sites) -> None:
    open_app(page, sites.apps["shout"])
    submit = page.get_by_role("button", name="Submit")
    submit.click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Type something first.")
    expect(alert).not_to_contain_text("Traceback")  # gr.Error shows its message only
    page.get_by_label("text").fill("hello")
    submit.click()
    expect(page.get_by_role("region", name="shouted")).to_contain_text("HELLO!")
    expect(alert).to_be_hidden()


def test_app_that_fails_in_the_browser_shows_its_traceback(page: Page, sites: Sites) -> None:
    page.goto(sites.apps["browser_only_failure"])
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "error", timeout=BOOT_TIMEOUT_MS)
    expect(app).to_contain_text("RuntimeError: this app refuses to start in the browser")
    frame = app.get_by_text("browser_only_failure.py", exact=False).first
    expect(frame).to_be_visible()  # the traceback names the user's own file and line
