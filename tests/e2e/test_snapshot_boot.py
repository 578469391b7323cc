"""The worker's three boots in Chromium: make a memory snapshot on the first visit, restore it on
the next, fall back to a normal boot when the stored one is corrupt, and boot normally for an app
whose packages have compiled code (no snapshot)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import BOOT_TIMEOUT_MS, exported_apps, submit

pytestmark = pytest.mark.browser

RESTORED = "pyinterface: Python restored from a memory snapshot"
NOT_RESTORED = "pyinterface: the memory snapshot did not restore"

TEXT_APP = "import pyinterface as gr\ndemo = gr.Interface(lambda s: s.upper(), 'text', 'text', title='Upper')\n"
RANDOM_APP = "import random\nimport pyinterface as gr\ndemo = gr.Interface(lambda s: repr(random.random()), 'text', 'text')\n"
NUMPY_APP = (
    "import numpy as np\nimport pyinterface as gr\n"
    "demo = gr.Interface(lambda s: str(np.array([len(s)]).sum()), 'text', 'text', title='Length')\n"
)

# The stored snapshot, read and written from the page (same origin as the worker's Cache Storage).
# Chromium may list the key a moment before match() returns its entry (seen under load): null then.
_SNAPSHOT_ENTRY = """async () => {
  const cache = await caches.open("pyinterface-snapshots");
  const keys = await cache.keys();
  if (keys.length !== 1) return null;
  const response = await cache.match(keys[0]);
  if (!response) return null;
  const bytes = await response.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const sha = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return { url: keys[0].url, key: response.headers.get("x-snapshot-key"), size: bytes.byteLength, sha };
}"""
# Waits in the page for an entry of the given size whose bytes are not `unlike` (either may be null).
# (Playwright's wait_for_function does not await a predicate's promise: a promise is truthy.)
_AWAIT_SNAPSHOT_ENTRY = f"""async ([size, unlike, ms]) => {{
  const read = {_SNAPSHOT_ENTRY};
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {{
    const entry = await read();
    if (entry && (size === null || entry.size === size) && entry.sha !== unlike) return entry;
  }}
  return null;
}}"""
# Two corruptions of the stored snapshot: cut short (caught by its stored size, since restoring a
# cut heap hangs), and a flipped header byte with the size intact (caught by Pyodide's restore).
# Chromium may list the key a moment before match() returns its entry (seen under load): wait for it.
_CORRUPT_SNAPSHOT = """async (how) => {
  const cache = await caches.open("pyinterface-snapshots");
  let request, response;
  for (let tries = 0; !response && tries < 100; tries++) {
    [request] = await cache.keys();
    response = request && (await cache.match(request));
    if (!response) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let bytes = new Uint8Array(await response.arrayBuffer());
  if (how === "truncated") bytes = bytes.slice(0, bytes.length / 10);
  else bytes[0] ^= 0xff;
  await cache.put(request, new Response(bytes, { headers: response.headers }));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Exports on one loopback server: text/ and random/ (pure Python: snapshot), numpy/ (no snapshot)."""
    apps = {"text": TEXT_APP, "random": RANDOM_APP, "numpy": NUMPY_APP}
    with exported_apps(tmp_path_factory.mktemp("snapshot"), apps) as url:
        yield url


def _console(page: Page) -> list[str]:
    lines: list[str] = []
    page.on("console", lambda message: lines.append(message.text))
    return lines


def _stored(page: Page, size: int | None = None, unlike: str | None = None) -> dict[str, Any]:
    """The snapshot entry once the worker has stored it (it stores after the app is ready)."""
    entry = page.evaluate(_AWAIT_SNAPSHOT_ENTRY, [size, unlike, BOOT_TIMEOUT_MS])
    assert entry is not None, f"no snapshot of size {size} other than {unlike} stored in {BOOT_TIMEOUT_MS} ms"
    return entry


def test_the_first_visit_makes_a_snapshot_and_the_next_restores_it(page: Page, site: str) -> None:
    lines = _console(page)
    page.goto(site + "text/")
    submit(page, "snap", "SNAP")
    entry = _stored(page)
    assert entry["url"] == site + "text/pyodide/pyinterface-memory-snapshot"
    assert len(entry["key"]) == 64 and entry["size"] > 10_000_000
    assert RESTORED not in lines

    page.reload()
    submit(page, "again", "AGAIN")
    assert RESTORED in lines, lines
    assert not any(NOT_RESTORED in line for line in lines)


def test_a_restored_visit_draws_new_random_numbers(page: Page, site: str) -> None:
    """The snapshot holds `random`'s state from the visit that made it; each restore reseeds it."""
    lines = _console(page)
    draw = "async () => { await customElements.whenDefined('pyinterface-app'); const el = document.querySelector('pyinterface-app'); await el.ready; return (await el.predict(['x']))[0]; }"
    page.goto(site + "random/")
    draws = [page.evaluate(draw)]
    _stored(page)
    for _ in range(2):
        page.reload()
        draws.append(page.evaluate(draw))
    assert sum(RESTORED in line for line in lines) == 2, lines
    assert len(set(draws)) == 3, draws


@pytest.mark.parametrize("how", ["truncated", "flipped"])
def test_a_corrupt_snapshot_falls_back_to_a_normal_boot_and_is_replaced(page: Page, site: str, how: str) -> None:
    lines = _console(page)
    page.goto(site + "text/")
    expect(page.locator("pyinterface-app")).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    good = _stored(page)
    corrupt = page.evaluate(_CORRUPT_SNAPSHOT, how)

    page.reload()
    submit(page, "fallback", "FALLBACK")
    assert any(NOT_RESTORED in line for line in lines), lines
    assert RESTORED not in lines
    _stored(page, size=good["size"], unlike=corrupt)


def test_an_app_with_compiled_packages_boots_without_a_snapshot(page: Page, site: str) -> None:
    lines = _console(page)
    page.goto(site + "numpy/")
    submit(page, "four", "4")
    page.reload()
    submit(page, "abc", "3")
    assert page.evaluate(_SNAPSHOT_ENTRY) is None
    assert RESTORED not in lines
