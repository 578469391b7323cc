"""``pyinterface export --offline`` as a visitor meets it: a multi-app site under a sub-path, a
revisit with the server stopped, and a new export published while the visitor has the old one."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import BOOT_TIMEOUT_MS, _QuietHandler, run_pyinterface

pytestmark = pytest.mark.browser

REPO = "/my-repo/"
ECHO = '''import pyinterface as gr

def echo(text):
    return "{version}:" + text.upper()

demo = gr.Interface(echo, gr.Textbox(label="text"), gr.Textbox(label="echoed"), title="Echo {version}")
'''
OTHER = '''import pyinterface as gr

demo = gr.Interface(lambda text: text[::-1], gr.Textbox(label="text"), gr.Textbox(label="reversed"), title="Reverse")
'''
#: Set on every page of the test before its scripts run: did a new service worker take the page over?
TAKEOVER_PROBE = "navigator.serviceWorker.addEventListener('controllerchange', () => { window.__swTakeover = true; });"


class StoppableHost:
    """A static server for ``root`` on one loopback port, which a test can stop and start again
    (same port, so the same origin and the same service worker registration)."""

    def __init__(self, root: Path) -> None:
        self.root, self.port, self._server = root, 0, None

    def start(self) -> str:
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="e2e-offline-host", daemon=True).start()
        return f"http://127.0.0.1:{self.port}{REPO}"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def export_site(work: Path, version: str) -> None:
    """The two-app site, exported with the real command line into www/my-repo/ (replacing the last)."""
    (work / "apps").mkdir(exist_ok=True)
    (work / "apps" / "echo.py").write_text(ECHO.format(version=version), encoding="utf-8")
    (work / "apps" / "other.py").write_text(OTHER, encoding="utf-8")
    run_pyinterface("export", str(work / "apps" / "echo.py"), str(work / "apps" / "other.py"),
                    "--out", str(work / "www" / REPO.strip("/")), "--offline")


@pytest.fixture
def host(tmp_path: Path) -> Iterator[StoppableHost]:
    export_site(tmp_path, "v1")
    served = StoppableHost(tmp_path / "www")
    try:
        yield served
    finally:
        served.stop()


def ready(page: Page) -> None:
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)


def submit(page: Page, text: str, output: str) -> Locator:
    """Type ``text``, press Submit; the ``output`` box."""
    page.get_by_label("text").fill(text)
    page.get_by_role("button", name="Submit").click()
    return page.get_by_role("region", name=output)


def wait_until_cached(page: Page) -> None:
    """Until the offline service worker is installed (everything cached) and active."""
    page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.ready;
        const worker = registration.active;
        if (worker.state !== "activated") {
            await new Promise((done) => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
        }
    }""")


def test_a_revisit_works_with_the_server_stopped_and_a_new_export_shows_on_the_next_visit(
    page: Page, host: StoppableHost, tmp_path: Path,
) -> None:
    page.add_init_script(TAKEOVER_PROBE)
    base = host.start()

    # First visit: from the network; once the app is ready the page registers the service worker.
    page.goto(base + "echo/")
    ready(page)
    assert page.evaluate("navigator.serviceWorker.controller") is None
    wait_until_cached(page)

    # Offline: the server is gone, the revisit comes from the cache, Python and all.
    host.stop()
    page.reload()
    expect(page).to_have_title("Echo v1")
    ready(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == base + "service-worker.js"
    expect(submit(page, "hello", "echoed")).to_contain_text("v1:HELLO")
    # The whole site was cached, so the other app, never opened, works offline too.
    page.goto(base + "other/")
    ready(page)
    expect(submit(page, "stressed", "reversed")).to_contain_text("desserts")
    page.goto(base)
    expect(page.get_by_role("link", name="Echo v1")).to_be_visible()

    # A new export is published. The visit that finds it shows the cached v1 at once, fetches v2
    # in the background, and v2 takes over the service worker while the page is open ...
    export_site(tmp_path, "v2")
    host.start()
    page.goto(base + "echo/")
    expect(page).to_have_title("Echo v1")
    ready(page)
    # A function, not an expression: Playwright evals an expression, which the page's CSP refuses.
    page.wait_for_function("() => window.__swTakeover === true", timeout=BOOT_TIMEOUT_MS)
    # ... yet this page keeps its own version for everything it still fetches: no v1/v2 mix.
    assert "v1:" in page.evaluate("fetch('app/echo.py').then((r) => r.text())")
    expect(submit(page, "again", "echoed")).to_contain_text("v1:AGAIN")

    # The next visit (here a reload) is v2, and works offline as v1 did.
    host.stop()
    page.reload()
    expect(page).to_have_title("Echo v2")
    ready(page)
    expect(submit(page, "hello", "echoed")).to_contain_text("v2:HELLO")
    assert "v2:" in page.evaluate("fetch('app/echo.py').then((r) => r.text())")
