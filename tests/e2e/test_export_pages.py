"""Exports as visitors meet them: opened from disk, and published on GitHub Pages under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from pyinterface.tooling.export import export_app
from tests.test_github_pages_example import run_example_export

from .conftest import BOOT_TIMEOUT_MS, served

pytestmark = pytest.mark.browser

REPO = "/my-repo/"


@pytest.fixture(scope="module")
def github_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """examples/github-pages exported by its workflow's own command, served at /my-repo/ as Pages does."""
    work = tmp_path_factory.mktemp("pages")
    site = run_example_export(work / "checkout")
    (work / "www").mkdir()
    site.rename(work / "www" / REPO.strip("/"))
    with served(work / "www") as url:
        yield url + REPO


def test_an_export_opened_from_disk_says_how_to_serve_it(page: Page, context: Any, tmp_path: Path) -> None:
    # The guard aborts every non-loopback request; file:// is this test's point, and no request
    # can leave the machine from a file:// page whose module scripts never run.
    context.unroute("**/*")
    app = tmp_path / "app" / "app.py"
    app.parent.mkdir()
    app.write_text("import pyinterface as gr\ndemo = gr.Interface(lambda s: s, 'text', 'text', title='Echo')\n")
    out = export_app(app, tmp_path / "site").out
    page.goto((out / "index.html").as_uri())
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("pyinterface serve app.py")
    expect(alert).to_contain_text(f"python -m http.server -d {out}")
    expect(alert).to_contain_text("single-file export")


def test_a_site_opened_over_http_shows_no_file_protocol_message(page: Page, github_pages: str) -> None:
    page.goto(github_pages)
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(page.locator(".pyi-file-protocol")).to_have_count(0)


def test_the_github_pages_example_runs_under_a_sub_path(page: Page, github_pages: str) -> None:
    page.goto(github_pages)
    expect(page).to_have_title("Reverse a sentence")
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    page.get_by_label("text").fill("stressed")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("region", name="reversed")).to_contain_text("desserts")
