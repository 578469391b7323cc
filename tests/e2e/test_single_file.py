"""Single-file exports as a visitor meets them: one HTML file opened from disk (file://), with
every http(s) request refused. Each must become ready and answer a Submit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import BOOT_TIMEOUT_MS, run_pyinterface
from .test_demo_pages import FOUR, draw, top_label

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def single_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The text demo and the numpy + pillow demo, each exported to one file by the real command."""
    out = tmp_path_factory.mktemp("single-file")
    files = {}
    for name in ("gender_classifier", "digits_classifier"):
        files[name] = out / f"{name}.html"
        run_pyinterface("export", f"examples/{name}.py", "--single-file", str(files[name]))
    return files


def refuse_network(context: Any) -> list[str]:
    """Abort every http(s) request of ``context`` from now on; returns the list they are added to."""
    attempted: list[str] = []

    def refuse(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http:", "https:")):
            attempted.append(url)
            route.abort()
        else:
            route.continue_()

    context.unroute("**/*")  # the guard's loopback rule: here nothing may leave the page, loopback included
    context.route("**/*", refuse)
    return attempted


def open_offline(page: Page, context: Any, path: Path) -> list[str]:
    """Open ``path`` by its file:// URL with every http(s) request aborted; returns those attempted."""
    attempted = refuse_network(context)
    page.goto(path.as_uri())
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    return attempted


def test_the_text_demo_runs_from_one_file_with_no_network(page: Page, context: Any, single_files: dict[str, Path]) -> None:
    attempted = open_offline(page, context, single_files["gender_classifier"])
    expect(page).to_have_title("Gender of a sentence")
    page.get_by_label("sentence").fill("he said his keys were with him")
    page.get_by_role("button", name="Submit").click()
    expect(top_label(page.get_by_role("region", name="output"))).to_have_text("male")
    assert not attempted, f"the single file made network requests: {attempted}"
    expect(page.get_by_role("alert")).to_have_count(0)  # no file:// notice: this page runs from disk


def test_the_numpy_pillow_demo_runs_from_one_file_with_no_network(page: Page, context: Any, single_files: dict[str, Path]) -> None:
    attempted = open_offline(page, context, single_files["digits_classifier"])
    draw(page, page.get_by_role("img", name="digit"), FOUR)
    page.get_by_role("button", name="Submit").click()
    expect(top_label(page.get_by_role("region", name="prediction"))).to_have_text("4")
    assert not attempted, f"the single file made network requests: {attempted}"


def test_a_damaged_file_says_which_part_is_damaged(page: Page, context: Any, single_files: dict[str, Path],
                                                   tmp_path: Path) -> None:
    text = single_files["gender_classifier"].read_text(encoding="utf-8")
    marker = 'data-file="pyodide/python_stdlib.zip"'
    start = text.index(">", text.index(marker)) + 1
    damaged = tmp_path / "damaged.html"
    damaged.write_text(text[:start] + "*" + text[start + 1:], encoding="utf-8")  # "*" is not base64
    attempted = refuse_network(context)
    page.goto(damaged.as_uri())
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("pyodide/python_stdlib.zip is damaged")
    expect(alert).to_contain_text("export the app again")
    assert not attempted, f"the single file made network requests: {attempted}"


def test_an_app_importing_the_rest_of_the_stdlib_runs_from_one_file(page: Page, context: Any, tmp_path: Path) -> None:
    # colorsys is not among the modules a page loads at start: Python imports it from
    # python_stdlib_more.zip with a synchronous request, which the worker answers from the file.
    app = tmp_path / "app" / "app.py"
    app.parent.mkdir()
    app.write_text("import colorsys\nimport pyinterface as gr\n\n"
                   "def hue(s):\n    return str(colorsys.rgb_to_hls(1, 0, 0)[0] + len(s))\n\n"
                   "demo = gr.Interface(hue, gr.Textbox(label='text'), gr.Textbox(label='hue'))\n", encoding="utf-8")
    run_pyinterface("export", str(app), "--single-file", str(tmp_path / "app.html"))
    assert "python_stdlib_more.zip" in (tmp_path / "app.html").read_text(encoding="utf-8")
    attempted = open_offline(page, context, tmp_path / "app.html")
    page.get_by_label("text").fill("abc")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("region", name="hue")).to_contain_text("3.0")
    assert not attempted, f"the single file made network requests: {attempted}"
