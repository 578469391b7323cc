"""End-to-end fixtures: real exports, served by the standard library, driven in Debian's Chromium.

Once per session:

* ``pyinterface export examples/gender_classifier.py --out root`` (the README's acceptance
  command) is served at ``/`` by one server;
* ``pyinterface demo --no-serve --out pages/sub/path`` builds the demo site, the apps in
  ``tests/e2e/apps/`` are exported beside it, and a second server serves ``pages/``, so
  everything there lives under the sub-path ``/sub/path/``, as on GitHub Pages.

Both servers are ``http.server.SimpleHTTPRequestHandler`` (what ``python -m http.server``
runs), not pyinterface's own server, so the folders are checked against a plain static host.

Every test's browser context is guarded: a request to any host but 127.0.0.1 is aborted and
fails the test, and so do an uncaught page error and a 4xx/5xx response.
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

REPO = Path(__file__).resolve().parents[2]
APPS = Path(__file__).resolve().with_name("apps")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SUB_PATH = "/sub/path/"
#: Booting Pyodide on a 2-core machine takes seconds; a minute and a half means it is stuck.
BOOT_TIMEOUT_MS = 90_000
TEST_APPS = ("shout", "browser_only_failure")


# pytest-playwright keeps one Playwright (and its asyncio loop, marked running on the main
# thread) for the whole session, so every later test calling asyncio.run() would fail. These
# overrides narrow Playwright's life to this package: it stops when the e2e tests are done.


@pytest.fixture(scope="package")
def playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="package")
def browser_type(playwright: Any, browser_name: str) -> Any:
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def browser_context_args() -> dict[str, Any]:
    return {}


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args: dict[str, Any], browser_type: Any) -> Any:
    return lambda **kwargs: browser_type.launch(**{**browser_type_launch_args, **kwargs})


@pytest.fixture(scope="package")
def browser(launch_browser: Any) -> Iterator[Any]:
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`); these tests "
            "never use `playwright install`."
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def run_pyinterface(*args: str) -> None:
    """Run the real command line, as a user would; fail the session with its output if it fails."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-m", "pyinterface", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0:
        pytest.fail(f"`pyinterface {' '.join(args)}` failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


class _CorsHandler(_QuietHandler):
    """What ``python -m http.server`` does, plus the header GitHub Pages sends."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def _serve(root: Path, *, cors: bool = False,
           handler: type[SimpleHTTPRequestHandler] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``root`` on a free loopback port (``cors``: as GitHub Pages, for pages on other
    origins; ``handler``: another request handler class); returns the server and its base URL,
    without a trailing slash."""
    handler = handler or (_CorsHandler if cors else _QuietHandler)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, name=f"e2e-serve-{root.name}", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextlib.contextmanager
def served(root: Path, *, cors: bool = False, handler: type[SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """``root`` served on loopback for the ``with`` block (see ``_serve``); yields its base URL,
    without a trailing slash. The server is shut down and its socket closed after."""
    server, url = _serve(root, cors=cors, handler=handler)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def exported_apps(work: Path, apps: dict[str, str]) -> Iterator[str]:
    """Each app's code (name -> source) exported on its own under one loopback server; yields its
    base URL (ending in /): the app ``name`` is at ``<url>name/``."""
    from pyinterface.tooling.export import export_app

    for name, code in apps.items():
        app = work / "apps" / name / "app.py"
        app.parent.mkdir(parents=True)
        app.write_text(code)
        export_app(app, work / "www" / name)
    with served(work / "www") as url:
        yield url + "/"


def submit(page: Page, text: str, answer: str) -> None:
    """Wait for the page's app to be ready, type ``text``, press Submit and see ``answer`` in its output."""
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    app.get_by_role("textbox").first.fill(text)
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_role("region", name="output")).to_contain_text(answer, timeout=BOOT_TIMEOUT_MS)


@dataclass(frozen=True)
class Sites:
    """Base URLs (ending in /) of what the session exported."""

    #: examples/gender_classifier.py exported alone, served at the server's root.
    root_app: str
    #: The demo site under the sub-path: index page, gender_classifier/, digits_classifier/.
    demo_site: str
    #: Test apps under the sub-path: app name -> URL.
    apps: dict[str, str]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    work = tmp_path_factory.mktemp("e2e")
    root = work / "root"
    run_pyinterface("export", "examples/gender_classifier.py", "--out", str(root))
    pages = work / "pages"
    demo = pages / SUB_PATH.strip("/")
    run_pyinterface("demo", "--no-serve", "--out", str(demo))
    for name in TEST_APPS:
        run_pyinterface("export", str(APPS / f"{name}.py"), "--out", str(demo / "apps" / name), "--include", f"{name}.py")
    with served(root) as root_url, served(pages) as pages_url:
        base = pages_url + SUB_PATH
        yield Sites(root_app=root_url + "/", demo_site=base, apps={name: f"{base}apps/{name}/" for name in TEST_APPS})


@dataclass
class Guard:
    """What a test's browser context did that it must not: leave loopback, throw, or 404."""

    offsite: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)


def _is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost", "::1")


@pytest.fixture(autouse=True)
def guard(context: Any, page: Any) -> Iterator[Guard]:
    found = Guard()

    def route(route: Any) -> None:
        url = route.request.url
        if _is_loopback(url):
            route.continue_()
        else:
            found.offsite.append(url)
            route.abort()

    def response(resp: Any) -> None:
        if resp.status >= 400 and not resp.url.endswith("/favicon.ico"):
            found.bad_responses.append(f"{resp.status} {resp.url}")

    context.route("**/*", route)
    context.on("response", response)
    page.on("pageerror", lambda error: found.page_errors.append(f"{error.name}: {error.message}\n{error.stack}"))
    page.set_default_timeout(BOOT_TIMEOUT_MS)
    yield found
    assert not found.offsite, f"requests left loopback: {found.offsite}"
    assert not found.page_errors, "uncaught page errors:\n" + "\n".join(found.page_errors)
    assert not found.bad_responses, f"failed responses: {found.bad_responses}"
