"""Soak: does a page that stays open keep its memory? 1000 Submits and 50 Interprets through the UI.

    python bench/soak.py [--submits 1000] [--interprets 50] [--warmup 50] [--json FILE]

Exports the text demo (examples/gender_classifier.py: a Textbox, a Label and
``interpretation="default"``), serves it on loopback (bench/_serve.py) and opens it in headless
Chromium. Each Submit types a different sentence into the textbox, clicks Submit and waits for
the run's ``pyinterface-result`` event, so the UI's whole path runs: input events, the worker
round trip, the Label re-rendered. Each Interpret clicks Interpret and waits the same way (the
interpretation panel re-rendered). Three readings, each after a forced garbage collection on
both sides:

* start: the app just became ready;
* warm: after ``--warmup`` Submits and a tenth as many Interprets (caches and pools filled);
* end: after every Submit and Interpret.

What is read: the Wasm memory (Python's heap, which only grows: its size is the high-water
mark) and the objects Python's garbage collector tracks (``gc.get_objects``), read in the
app's own namespace through ``el.exec``; the main thread's JS
heap (CDP ``Runtime.getHeapUsage``); and the DOM (CDP ``Memory.getDOMCounters``: nodes,
documents, event listeners). The figure that matters is end against warm: a leak grows with the
number of runs, a cache does not. A benchmark, not a test: it prints figures, it does not assert.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _chromium
import _sites
from _serve import BenchServer

REPO = Path(__file__).resolve().parent.parent

#: What the worker's Python holds, read in the app's namespace (el.exec runs console input there).
READ_PYTHON = """import gc as _gc, pyodide_js as _js
_gc.collect()
[_js._module.HEAP8.length, len(_gc.get_objects())]"""

#: The page's one app: Submit and Interpret, each awaited through the element's result event.
DRIVE = """async ([kind, count, offset]) => {
  const el = document.querySelector("pyinterface-app");
  const root = el.shadowRoot;
  const button = [...root.querySelectorAll("button")].find((b) => b.textContent.trim() === kind);
  const box = root.querySelector("textarea, input[type=text]");
  const words = ["she", "he", "his", "her", "went", "home", "to", "get", "keys", "hers", "him"];
  const times = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    if (kind === "Submit") {
      box.value = Array.from({ length: 4 + (n % 9) }, (_, k) => words[(n * 7 + k * 3) % words.length]).join(" ");
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const done = new Promise((resolve, reject) => {
      const settle = (event) => {
        el.removeEventListener("pyinterface-result", settle);
        el.removeEventListener("pyinterface-error", settle);
        if (event.type === "pyinterface-error") reject(new Error(JSON.stringify(event.detail)));
        else resolve();
      };
      el.addEventListener("pyinterface-result", settle);
      el.addEventListener("pyinterface-error", settle);
    });
    const start = performance.now();
    // The result event comes before the UI's run ends: a disabled button would ignore the click.
    while (button.disabled) await new Promise((resolve) => setTimeout(resolve, 0));
    button.click();
    await done;
    times.push(performance.now() - start);
  }
  return times;
}"""


def reading(page: Any, session: Any) -> dict[str, float]:
    """One reading of every figure, after a forced garbage collection on both sides."""
    value = page.evaluate(
        "async (code) => (await document.querySelector('pyinterface-app').exec(code)).value", READ_PYTHON
    )
    wasm, objects = json.loads(value)  # the repr of a list of ints is JSON
    session.send("HeapProfiler.collectGarbage")
    heap = session.send("Runtime.getHeapUsage")
    dom = session.send("Memory.getDOMCounters")
    return {
        "wasm_mb": wasm / 2**20,
        "py_objects": objects,
        "js_heap_mb": heap["usedSize"] / 2**20,
        "dom_nodes": dom["nodes"],
        "listeners": dom["jsEventListeners"],
        "documents": dom["documents"],
    }


def drive(page: Any, kind: str, count: int, offset: int) -> list[float]:
    return page.evaluate(DRIVE, [kind, count, offset]) if count else []


def print_table(readings: dict[str, dict[str, float]], runs: dict[str, str]) -> None:
    """Markdown rows (bench/README.md keeps them); `runs`: the Submits + Interprets behind each reading."""
    rows = [
        ("Wasm memory (MB)", "wasm_mb", "{:.1f}"),
        ("Python gc objects", "py_objects", "{:,.0f}"),
        ("JS heap, main thread (MB)", "js_heap_mb", "{:.2f}"),
        ("DOM nodes", "dom_nodes", "{:,.0f}"),
        ("JS event listeners", "listeners", "{:,.0f}"),
        ("documents", "documents", "{:,.0f}"),
    ]
    start, warm, end = readings["start"], readings["warm"], readings["end"]
    head = f"| figure | start | warm ({runs['warm']}) | end ({runs['end']}) | end - warm |"
    print(head)
    print("|" + "---|" * 5)
    for name, key, fmt in rows:
        delta = end[key] - warm[key]
        print(
            f"| {name} | {fmt.format(start[key])} | {fmt.format(warm[key])} | {fmt.format(end[key])} | {delta:+,.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submits", type=int, default=1000)
    parser.add_argument("--interprets", type=int, default=50)
    parser.add_argument(
        "--warmup", type=int, default=50, help="Submits before the warm reading (and a tenth as many Interprets)"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds for the page to become ready")
    parser.add_argument("--json", type=Path, help="also write the readings and timings here")
    args = parser.parse_args()
    warm_interprets = max(1, args.warmup // 10)
    if args.warmup > args.submits or warm_interprets > args.interprets:
        parser.error("--warmup must leave Submits and Interprets for after the warm reading")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pyinterface-soak-") as tmp:
        site = Path(tmp) / "text"
        _sites.export([REPO / "examples" / "gender_classifier.py"], site)
        with BenchServer(site) as server, sync_playwright() as playwright:
            browser = _chromium.launch(playwright)
            try:
                page = browser.new_context().new_page()
                page.set_default_timeout(args.timeout * 1000)
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.goto(server.url + "/")
                page.wait_for_function(_chromium.READ_MARKS, timeout=args.timeout * 1000, polling=50)
                _chromium.wait_for_snapshot(page, args.timeout)
                session = page.context.new_cdp_session(page)
                session.send("HeapProfiler.enable")
                readings = {"start": reading(page, session)}
                began = time.perf_counter()
                submit = drive(page, "Submit", args.warmup, 0)
                interpret = drive(page, "Interpret", warm_interprets, 0)
                readings["warm"] = reading(page, session)
                submit += drive(page, "Submit", args.submits - args.warmup, args.warmup)
                interpret += drive(page, "Interpret", args.interprets - warm_interprets, warm_interprets)
                readings["end"] = reading(page, session)
                took = time.perf_counter() - began
                if errors:
                    raise RuntimeError(f"the page threw: {errors[:3]}")
            finally:
                browser.close()

    print(
        f"soak: {len(submit)} Submits and {len(interpret)} Interprets through the UI in {took:.1f} s "
        f"(Chromium, {sys.platform}); readings after a forced GC on both sides\n"
    )
    print_table(readings, {"warm": f"{args.warmup} + {warm_interprets}", "end": f"{args.submits} + {args.interprets}"})
    for name, times in (("Submit", submit), ("Interpret", interpret)):
        first, last = times[: len(times) // 10 or 1], times[-(len(times) // 10 or 1) :]
        print(
            f"\n{name}: median {statistics.median(times):.1f} ms; first tenth {statistics.median(first):.1f} ms, "
            f"last tenth {statistics.median(last):.1f} ms"
        )
    if args.json:
        args.json.write_text(
            json.dumps({"readings": readings, "submit_ms": submit, "interpret_ms": interpret}, indent=1)
        )


if __name__ == "__main__":
    main()
