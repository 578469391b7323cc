"""Cold time-to-interactive of an exported demo against a bare Pyodide boot, in one run.

    python bench/startup.py [--app examples/gender_classifier.py] [--runs 7] [--warmup 1]

Exports the app, adds ``bare.html`` to the same folder (it only ``loadPyodide`` s from the
same ``pyodide/`` and runs ``1+1``), serves the folder on loopback and opens each page in a
fresh headless-Chromium context (empty HTTP cache, so every run is cold), alternating the
two pages after a discarded warm-up pair (the browser process itself starting up). Times
are ``performance.now()`` from navigation start, recorded in the page:

* bare Pyodide: ``1+1`` returned;
* app, UI painted: the bridge's ``pyinterface:first-paint`` mark (inputs and Submit rendered
  from the manifest's config, before Python runs);
* app, interactive: its ``pyinterface:ready`` mark (Python ran the app; Submit answers).

Prints the median (and min-max) of each and the ratio of the medians. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pyinterface.export import export_app  # noqa: E402
from pyinterface.serve import start_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

BARE_PAGE = """<!doctype html>
<meta charset="utf-8">
<title>bare Pyodide</title>
<script type="module">
  import { loadPyodide } from "./pyodide/pyodide.mjs";
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
  const two = pyodide.runPython("1+1");
  window.__marks = { ready: performance.now() };
  document.body.dataset.status = two === 2 ? "ready" : "wrong";
</script>
"""

#: The times, read from the performance marks each page sets (``pyinterface:first-paint`` and
#: ``pyinterface:ready`` are the bridge's own; the bare page sets ``__marks``).
READ_MARKS = """() => {
  if (window.__marks) return window.__marks;
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
  const status = document.querySelector("pyinterface-app")?.dataset.status;
  if (status === "error") return { error: document.querySelector("pyinterface-app").textContent };
  return at("pyinterface:ready") === undefined ? null : { ui: at("pyinterface:first-paint"), ready: at("pyinterface:ready") };
}"""


def measure(browser: object, url: str, *, timeout_ms: int) -> dict[str, float]:
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        marks = page.wait_for_function(READ_MARKS, timeout=timeout_ms, polling=50).json_value()
        if errors or "error" in marks:
            raise RuntimeError(f"{url} failed: {errors or marks}")
        return marks
    finally:
        context.close()


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values) / 1000:6.2f} s   (min {min(values) / 1000:.2f}, max {max(values) / 1000:.2f})"


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=REPO / "examples" / "gender_classifier.py")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1, help="discarded pairs first (browser process start-up)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per page load")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pyinterface-bench-") as tmp:
        site = Path(tmp) / "site"
        result = export_app(args.app, site)
        (site / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"Exported {args.app.name} ({size / 1e6:.1f} MB; packages: {', '.join(result.packages) or 'pyinterface only'})")
        with start_server(site, port=0).start() as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            version = browser.version
            bare: list[float] = []
            painted: list[float] = []
            ready: list[float] = []
            timeout_ms = int(args.timeout * 1000)
            for _ in range(args.warmup):
                measure(browser, server.url + "bare.html", timeout_ms=timeout_ms)
                measure(browser, server.url, timeout_ms=timeout_ms)
            for run in range(args.runs):
                bare.append(measure(browser, server.url + "bare.html", timeout_ms=timeout_ms)["ready"])
                marks = measure(browser, server.url, timeout_ms=timeout_ms)
                painted.append(marks["ui"])
                ready.append(marks["ready"])
                print(f"  run {run + 1}: bare {bare[-1] / 1000:.2f} s, app UI {painted[-1] / 1000:.2f} s, app ready {ready[-1] / 1000:.2f} s")
            browser.close()

    print(f"\nCold start, headless Chromium {version}, {args.runs} runs each, median:")
    print(f"  bare Pyodide (loadPyodide + 1+1)   {_summary(bare)}")
    print(f"  {args.app.stem}: UI painted      {_summary(painted)}")
    print(f"  {args.app.stem}: interactive     {_summary(ready)}")
    print(f"  interactive / bare Pyodide = {statistics.median(ready) / statistics.median(bare):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
