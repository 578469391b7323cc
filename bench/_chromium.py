"""Headless Chromium for the benchmarks: launch it, load a page, read its marks, throttle it.

Every page sets one ready signal, read from its own main-thread timeline (milliseconds since
navigation start, ``performance.now()`` scale):

* an exported app: the element's ``pyinterface:ready`` mark, and ``pyinterface:first-paint``
  (Chromium's first-contentful-paint when the page carries its UI prerendered);
* the stock Pyodide page: ``window.__marks.ready`` once ``1+1`` returned;
* the PyScript page: a ``bench:ready`` mark its Python sets as its last line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: The throttled profile: 20 Mbit/s each way, 40 ms round trips.
THROTTLE_BITS, THROTTLE_RTT = 20e6, 0.040

READ_MARKS = """() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
  const app = document.querySelector("pyinterface-app");
  if (app?.dataset.status === "error") return { error: app.shadowRoot?.textContent || app.textContent };
  const ready = window.__marks?.ready ?? at("pyinterface:ready") ?? at("bench:ready");
  if (ready === undefined) return null;
  const fcp = at("first-contentful-paint") ?? null;
  // An export page shows its prerendered UI before any module runs: its first paint is then
  // Chromium's FCP, and the mark only says when the live UI took over.
  const mark = performance.getEntriesByName("pyinterface:first-paint")[0];
  const ui = mark?.detail?.prerendered ? fcp : mark?.startTime ?? null;
  return { ready, ui, fcp };
}"""

#: The download of pyodide.asm.wasm as the fetching realm saw it (Resource Timing).
READ_WASM = """() => {
  const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/pyodide.asm.wasm"));
  return entry && { ms: entry.responseEnd - entry.requestStart, bytes: entry.encodedBodySize };
}"""


@dataclass
class Load:
    """One page load: ready, the app's first paint and Chromium's first contentful paint (ms
    from navigation start), and how long the page (or its worker) took to download
    pyodide.asm.wasm."""

    ready: float
    ui: float | None
    fcp: float | None = None
    wasm_ms: float | None = None
    wasm_bytes: int | None = None


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def throttle(context: Any, page: Any) -> None:
    """Chromium's network emulation on ``page`` (set before it navigates). In Chromium 156
    this also paces the page's dedicated workers' fetches; the harness checks that on the
    worker's download of pyodide.asm.wasm before it trusts the figures."""
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    rate = THROTTLE_BITS / 8
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": THROTTLE_RTT * 1000,
            "downloadThroughput": rate,
            "uploadThroughput": rate,
        },
    )


#: In the page's worker: whether it made a memory snapshot, and whether it has kept it yet.
READ_SNAPSHOT = """() => ({
  made: performance.getEntriesByName("pyinterface:snapshot-made").length > 0,
  stored: performance.getEntriesByName("pyinterface:snapshot-stored").length > 0,
})"""


def load(context: Any, url: str, *, timeout_s: float, throttled: bool = False, keep_snapshot: bool = False) -> Load:
    """Open ``url`` in a new page of ``context``; wait for its ready signal; close the page.
    With ``keep_snapshot``, first wait until a memory snapshot the worker made is in Cache
    Storage (as it is for a visitor who stays a few seconds): closing at once would measure a
    revisit that has none. Raises if the page throws, reports an error, or asks for anything
    off loopback."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}"))
    page.on(
        "request", lambda request: None if _loopback(request.url) else errors.append(f"off loopback: {request.url}")
    )
    try:
        if throttled:
            throttle(context, page)
        page.goto(url)
        marks = page.wait_for_function(READ_MARKS, timeout=timeout_s * 1000, polling=50).json_value()
        if errors or "error" in marks:
            raise RuntimeError(f"{url} failed: {errors or marks['error']}")
        wasm = page.evaluate(READ_WASM)
        for worker in page.workers:
            try:
                wasm = wasm or worker.evaluate(READ_WASM)
            except Exception:  # a worker that ended (e.g. a snapshot maker) has no timeline to read
                continue
        if keep_snapshot:
            wait_for_snapshot(page, timeout_s)
        return Load(
            ready=marks["ready"],
            ui=marks["ui"],
            fcp=marks["fcp"],
            wasm_ms=wasm and wasm["ms"],
            wasm_bytes=wasm and wasm["bytes"],
        )
    finally:
        page.close()


def wait_for_snapshot(page: Any, timeout_s: float) -> None:
    """Until no worker of ``page`` has a made but not yet stored snapshot (or ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        states = [worker.evaluate(READ_SNAPSHOT) for worker in page.workers]
        if not any(state["made"] and not state["stored"] for state in states):
            return
        time.sleep(0.05)
    raise RuntimeError(f"the page's memory snapshot was not stored within {timeout_s} s")


def _loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")
