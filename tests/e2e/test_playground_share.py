"""The playground's share links and downloads, driven through the demo site's playground page.

* **Copy link** puts the page's URL with ``#code=…&files=…`` on the clipboard; that link opened
  in a new page shows the same code and an app that answers from the shared file.
* A program whose link would pass 100 kB is not copied: the status says to download it and
  **Download site** is suggested.
* **Download site** saves ``site.zip``; unpacked and served by ``http.server`` on its own, it
  shows the app (its manifest says ``"packages": null``, so the page loads numpy because the
  program imports it) and a Submit answers, reading the program's extra file.
* A site file that is not the one listed at export stops Download site with a message saying so.

Links are built as the README tells a Python user to (tests/test_playground_site.py).
"""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.test_playground_site import share_link_part

from .conftest import BOOT_TIMEOUT_MS, Sites, served, submit

pytestmark = pytest.mark.browser

#: Imports numpy (in the demo site's runtime) and reads a file that travels with it.
PROGRAM = '''import numpy as np
import pyinterface as gr

with open("data/words.txt") as f:
    WORDS = f.read().split()

def count(text):
    hits = np.array([word in WORDS for word in text.split()])
    return f"{int(hits.sum())} known words of {hits.size}"

demo = gr.Interface(count, gr.Textbox(label="text"), gr.Textbox(label="output"), title="Word counter")
'''
FILES = {"data/words.txt": "alpha beta gamma"}


def _link(sites: Sites, code: str, files: dict[str, str]) -> str:
    return f"{sites.demo_site}playground/#code={share_link_part(code.encode())}&files={share_link_part(json.dumps(files).encode())}"


def _ready_app(page: Page) -> Locator:
    """The playground's app on show, once it is ready."""
    app = page.locator("#pg-app > .pg-app-slot:not([hidden]) > pyinterface-app")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    return app


def _answers(app: Locator, text: str, answer: str) -> None:
    app.get_by_role("textbox").first.fill(text)
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_role("region", name="output")).to_contain_text(answer)


def test_copy_link_round_trips_the_code_and_its_files(page: Page, sites: Sites):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(_link(sites, PROGRAM, FILES))
    _ready_app(page)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#pg-status")).to_contain_text("Link copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{sites.demo_site}playground/#code=") and "&files=" in link

    opened = page.context.new_page()
    opened.goto(link)
    expect(opened.get_by_role("textbox", name="Code editor")).to_contain_text("def count(text):")
    _answers(_ready_app(opened), "alpha delta beta", "2 known words of 3")
    opened.close()


def test_a_program_whose_link_passes_100_kb_is_offered_for_download(page: Page, sites: Sites):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    rng = random.Random(10)
    digits = "".join(rng.choice("0123456789") for _ in range(300_000))  # ~3.4 bits each: a ~170 kB link
    page.goto(_link(sites, f"{PROGRAM}\nNOISE = '{digits}'\n", FILES))
    _ready_app(page)
    page.evaluate("navigator.clipboard.writeText('before')")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#pg-status")).to_contain_text("over the 100 kB")
    expect(page.locator("#pg-status")).to_contain_text("Use Download app.py or Download site instead")
    expect(page.get_by_role("button", name="Download site")).to_have_class("pg-suggested")
    assert page.evaluate("navigator.clipboard.readText()") == "before"


def test_download_site_gives_a_zip_that_served_runs_the_app(page: Page, sites: Sites, tmp_path: Path):
    page.goto(_link(sites, PROGRAM, FILES))
    _ready_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download site").click()
    download = info.value
    assert download.suggested_filename == "site.zip"
    expect(page.locator("#pg-status")).to_contain_text("saved site.zip")
    download.save_as(tmp_path / "site.zip")
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert {"index.html", ".nojekyll", "pyinterface.js", "app/manifest.json", "app/app.py", "app/data/words.txt",
            "pyinterface/element.mjs", "pyodide/pyodide.asm.wasm", "pyodide/pyodide-lock.json"} <= names
    assert not any(name.startswith(("playground/", "gender_classifier/")) for name in names)  # the site's own pages stay

    with served(tmp_path / "site") as url:
        page.goto(url + "/")
        submit(page, "alpha delta beta", "2 known words of 3")
        expect(page).to_have_title("Word counter")  # the page is untitled: the element names it after the app


def test_download_site_refuses_a_site_file_that_changed_since_the_export(page: Page, sites: Sites):
    page.goto(_link(sites, PROGRAM, FILES))
    _ready_app(page)
    page.route("**/pyodide/package.json", lambda route: route.fulfill(body="{}", content_type="application/json"))
    page.get_by_role("button", name="Download site").click()
    status = page.locator("#pg-status")
    expect(status).to_contain_text("pyodide/package.json is not the file the site's listing names", timeout=BOOT_TIMEOUT_MS)
    expect(status).to_contain_text("reload the page, or export it again")
