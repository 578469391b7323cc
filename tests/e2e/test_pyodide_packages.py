"""Any package of the Pyodide distribution: an app using scikit-learn exports and runs in Chromium.

The export is the real command line with the real cache: scikit-learn, scipy and their
dependencies are not vendored up front, so they come the way a user's would, out of the kept
package wheel (downloaded once with the runtime) and checked against the lock's sha256.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import APPS, BOOT_TIMEOUT_MS, run_pyinterface, served

pytestmark = pytest.mark.browser

APP = "sklearn_classifier"
#: Loading scipy's and scikit-learn's shared libraries takes several times a text app's whole boot
#: (about 5x here: 105 s against 16-26 s for the text app on a 2-core machine at load 20).
READY_TIMEOUT_MS = 4 * BOOT_TIMEOUT_MS


@pytest.fixture(scope="module")
def sklearn_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(export folder, its URL ending in /) for tests/e2e/apps/sklearn_classifier.py."""
    work = tmp_path_factory.mktemp("pyodide-packages")
    src = work / "src"
    src.mkdir()
    shutil.copy(APPS / f"{APP}.py", src)  # a folder of its own, so the export ships only the app
    out = work / "site"
    run_pyinterface("export", str(src / f"{APP}.py"), "--out", str(out))
    with served(out) as url:
        yield out, url + "/"


def test_the_export_ships_pyodides_dependencies_of_scikit_learn_not_cpythons(sklearn_site: tuple[Path, str]) -> None:
    out, _ = sklearn_site
    manifest = json.loads((out / "app" / "manifest.json").read_text())
    assert manifest["packages"] == ["numpy", "scikit-learn"]
    lock = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    assert sorted(lock) == ["joblib", "numpy", "openblas", "pyinterface", "scikit-learn", "scipy", "threadpoolctl"]
    for spec in lock.values():
        assert (out / "pyodide" / spec["file_name"]).is_file()


def test_an_app_using_scikit_learn_runs_in_the_browser(page: Page, sklearn_site: tuple[Path, str]) -> None:
    _, url = sklearn_site
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))  # the worker's too
    page.goto(url)
    expect(page).to_have_title("Logistic regression")
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=READY_TIMEOUT_MS)
    # What scikit-learn imports at start ships compiled in the boot stdlib, sysconfig's build
    # data (imported by a computed name) included: the rest of the stdlib is not downloaded.
    assert not [u for u in requested if u.endswith("python_stdlib_more.zip")]
    answer = page.get_by_role("region", name="class")
    for x, y, expected in (("0.9", "0.8", "high"), ("0.1", "0.2", "low")):
        page.get_by_label("x").fill(x)
        page.get_by_label("y").fill(y)
        page.get_by_role("button", name="Submit").click()
        expect(answer).to_contain_text(expected)
