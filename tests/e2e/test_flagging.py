"""Flagging in Chromium: flags kept in the browser, listed under "Flagged (N)", downloaded.

Two apps in ``apps/`` are exported (as ``pyinterface export`` does) and served: flag_manual.py (a Flag button per option;
three runs flagged, then log.csv downloaded and read back as Python's csv module reads it; a
second tab following the first's flags) and
flag_auto.py (Submit flags the uploaded file; the zip holds log.csv and the file beside it).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import APPS, BOOT_TIMEOUT_MS, exported_apps
from .test_demo_pages import open_app

pytestmark = pytest.mark.browser

EXPORTED = ("flag_manual", "flag_auto")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$")


@pytest.fixture(scope="module")
def app_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    apps = {name: (APPS / f"{name}.py").read_text(encoding="utf-8") for name in EXPORTED}
    with exported_apps(tmp_path_factory.mktemp("flagging"), apps) as url:
        yield {name: f"{url}{name}/" for name in EXPORTED}


def test_flag_three_runs_then_download_their_csv(page: Page, app_urls: dict[str, str]) -> None:
    app = open_app(page, app_urls["flag_manual"])
    flagged = app.get_by_role("button", name=re.compile(r"^Flagged \(\d+\)$"))
    expect(flagged).to_have_text("Flagged (0)")
    runs = [("ada", 1, "wrong"), ("=sum(A1)", 2, "funny"), ('say "hi", bye', 1, "wrong")]
    for count, (text, times, option) in enumerate(runs, start=1):
        app.get_by_label("text").fill(text)
        app.get_by_label("times").fill(str(times))
        app.get_by_role("button", name="Submit").click()
        expect(app.get_by_role("region", name="shouted")).to_contain_text((text.upper() + "!") * times)
        button = app.get_by_role("button", name=f"Flag as {option}")
        button.click()
        expect(flagged).to_have_text(f"Flagged ({count})")
        expect(app.get_by_role("button", name="Saved ✓")).to_be_visible()
    app.get_by_role("button", name="Clear").click()
    expect(app.get_by_role("button", name="Flag as wrong")).to_be_enabled()  # Clear puts the labels back

    flagged.click()
    listing = app.get_by_role("region", name="Flagged samples")
    expect(listing.locator("tbody tr")).to_have_count(3)
    expect(listing.locator("tbody tr").nth(1)).to_contain_text("'=sum(A1)")  # as CSVLogger sanitises it
    with page.expect_download() as download_info:
        listing.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "log.csv"
    raw = download.path().read_bytes().decode("utf-8")
    assert raw.startswith("text,times,shouted,flag,username,timestamp\r\n")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert rows[0] == ["text", "times", "shouted", "flag", "username", "timestamp"]
    assert [row[:5] for row in rows[1:]] == [
        ["ada", "1", "ADA!", "wrong", ""],
        ["'=sum(A1)", "2", "'=SUM(A1)!=SUM(A1)!", "funny", ""],  # both sanitised
        ['say "hi", bye', "1", 'SAY "HI", BYE!', "wrong", ""],
    ]
    assert all(TIMESTAMP.match(row[5]) for row in rows[1:])

    # A reload keeps them; deleting one row, then all, empties the log.
    page.reload()
    app = open_app(page)
    flagged = app.get_by_role("button", name=re.compile(r"^Flagged \(\d+\)$"))
    expect(flagged).to_have_text("Flagged (3)", timeout=BOOT_TIMEOUT_MS)
    flagged.click()
    listing = app.get_by_role("region", name="Flagged samples")
    listing.get_by_role("button", name="Delete flagged row 1").click()
    expect(flagged).to_have_text("Flagged (2)")
    listing.get_by_role("button", name="Delete all").click()
    listing.get_by_role("button", name="Delete them").click()
    expect(flagged).to_have_text("Flagged (0)")
    expect(listing).to_contain_text("Nothing flagged yet.")


def test_another_tab_of_the_app_follows_its_flags_live(page: Page, app_urls: dict[str, str]) -> None:
    """Both tabs share the browser's log: a flag or a delete in one shows in the other's count
    and listing without a reload."""
    first = open_app(page, app_urls["flag_manual"])
    second = open_app(page.context.new_page(), app_urls["flag_manual"])
    counts = [app.get_by_role("button", name=re.compile(r"^Flagged \(\d+\)$")) for app in (first, second)]
    expect(counts[1]).to_have_text("Flagged (0)")
    second_listing = second.get_by_role("region", name="Flagged samples")
    counts[1].click()
    expect(second_listing).to_contain_text("Nothing flagged yet.")

    first.get_by_label("text").fill("from the first tab")
    first.get_by_role("button", name="Submit").click()
    expect(first.get_by_role("region", name="shouted")).to_contain_text("FROM THE FIRST TAB!")
    first.get_by_role("button", name="Flag as funny").click()
    expect(counts[0]).to_have_text("Flagged (1)")
    expect(counts[1]).to_have_text("Flagged (1)")
    expect(second_listing.locator("tbody tr")).to_have_count(1)
    expect(second_listing.locator("tbody tr")).to_contain_text("from the first tab")

    second_listing.get_by_role("button", name="Delete flagged row 1").click()
    expect(counts[1]).to_have_text("Flagged (0)")
    expect(counts[0]).to_have_text("Flagged (0)")


def test_auto_flags_each_submit_and_zips_the_file(page: Page, app_urls: dict[str, str]) -> None:
    app = open_app(page, app_urls["flag_auto"])
    expect(app.get_by_role("button", name=re.compile("^Flag"))).to_have_count(1)  # only "Flagged (N)": no Flag button
    calls = page.evaluate_handle("""() => {
      const calls = [];
      document.querySelector("pyinterface-app").flaggingCallback = async (flag) => {
        calls.push({columns: flag.columns, row: flag.row, files: Object.keys(flag.files), mode: flag.mode,
                    text: await Object.values(flag.files)[0].text()});
      };
      return calls;
    }""")
    app.get_by_label("document").set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"})
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_role("region", name="size")).to_contain_text("notes.txt: 5 bytes")
    flagged = app.get_by_role("button", name="Flagged (1)")
    expect(flagged).to_be_visible()
    page.wait_for_function("(calls) => calls.length === 1", arg=calls)
    sent = calls.evaluate("(calls) => calls[0]")
    assert sent["columns"] == ["document", "flag", "username", "timestamp"] and sent["mode"] == "auto"
    assert re.fullmatch(r"reports/flags/document/[0-9a-f]{40}/notes\.txt", sent["row"][0]) and sent["files"] == [sent["row"][0]]
    assert sent["text"] == "hello"

    # A callback that throws: the flag is still kept, and the app says so.
    page.evaluate("""() => { document.querySelector("pyinterface-app").flaggingCallback = () => { throw new Error("offline"); }; }""")
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_role("button", name="Flagged (2)")).to_be_visible()
    expect(app.get_by_text(re.compile("saved in this browser, but sending it failed: offline"))).to_be_visible()

    app.get_by_role("button", name="Flagged (2)").click()
    with page.expect_download() as download_info:
        app.get_by_role("button", name="Download zip").click()
    download = download_info.value
    assert download.suggested_filename == "flags.zip"
    with zipfile.ZipFile(download.path()) as archive:
        names = archive.namelist()
        log = archive.read("reports/flags/log.csv").decode()
        rows = list(csv.reader(io.StringIO(log, newline="")))
        assert rows[0] == ["document", "flag", "username", "timestamp"] and len(rows) == 3
        for row in rows[1:]:
            assert row[0] in names and archive.read(row[0]) == b"hello"
