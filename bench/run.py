"""Every start-up and speed figure of issue 9, each against its baseline from the same run.

    python bench/run.py [--runs 5] [--quick] [--skip-throttled] [--skip-pyscript] [--skip-interp] [--only-interp]

Builds below a temporary folder (bench/_sites.py): the text demo (examples/gender_classifier.py)
and the numpy + pillow demo (examples/digits_classifier.py) exported by the command line, a
stock Pyodide 0.27.7 page (its npm files as shipped; ``loadPyodide()`` then ``1+1``), PyScript
0.6.50 booting the text demo's fn from those same files, and the interpretation apps in
bench/apps/. One loopback server (bench/_serve.py) serves it all the way GitHub Pages does
(gzip, ``max-age=600``, ETags) and counts the bytes it sends. Headless Chromium then measures:

1. cold time-to-interactive, each run in a fresh browser, pages alternated (stock, text,
   digits, PyScript), on plain loopback and throttled to 20 Mbit/s with 40 ms round trips;
2. first paint of the text demo (Chromium's FCP of its prerendered UI; the stock page's FCP, one line
   of text, is the floor);
3. reload: a second page in the same browser after each loopback cold load of the stock page
   and the text demo, HTTP cache warm;
4. first-visit bytes on the wire (gzip), text demo against the stock core;
5. Submit round trip: ``el.predict`` on the text demo, p50 of 50 after 5 warm-up calls;
6. default image interpretation (64x64, 64 segments, linear numpy classifier, warm) against
   one batched call of the fn: under CPython, and in the page;
7. the text demo against PyScript 0.6.50 on the same runtime files.

Prints one table: figure, ours, baseline, ratio, target, pass/fail. Medians throughout; the
spread (min-max) is printed under the table. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection

import _chromium
import _sites
from _serve import BenchServer

BENCH = Path(__file__).resolve().parent
SENTENCE = "She went to his house to get her keys."


# --------------------------------------------------------------------------- results


@dataclass
class Samples:
    """Milliseconds (or bytes) per run of one measurement."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def spread(self) -> str:
        digits = 2 if self.median < 100 else 0
        return (
            f"median {self.median:.{digits}f}, min {min(self.values):.{digits}f}, max {max(self.values):.{digits}f} "
            f"({len(self.values)} runs)"
        )


@dataclass
class Row:
    figure: str
    ours: str
    baseline: str
    ratio: str
    target: str
    passed: bool | None

    def cells(self) -> list[str]:
        verdict = {True: "pass", False: "FAIL", None: "n/a"}[self.passed]
        return [self.figure, self.ours, self.baseline, self.ratio, self.target, verdict]


def ratio_row(figure: str, ours: Samples, base: Samples, limit: float, *, base_name: str) -> Row:
    """A row of two times (ms samples, shown in seconds) and the ratio of their medians."""
    ratio = ours.median / base.median
    return Row(
        figure,
        f"{ours.median / 1000:.2f} s",
        f"{base.median / 1000:.2f} s {base_name}",
        f"{ratio:.2f}x",
        f"<= {limit}x",
        ratio <= limit,
    )


def print_table(rows: list[Row]) -> None:
    header = ["figure", "ours", "baseline", "ratio", "target", "result"]
    table = [header] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for index, line in enumerate(table):
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


# --------------------------------------------------------------------------- browser figures


#: Pages of the cold runs (name: path below the server), in the order each run loads them.
PAGES = {"stock": "stock/", "text": "text/", "digits": "digits/", "pyscript": "pyscript/"}


@dataclass
class ColdRuns:
    ready: dict[str, Samples] = field(default_factory=dict)
    painted: dict[str, Samples] = field(default_factory=dict)
    fcp: dict[str, Samples] = field(default_factory=dict)
    reload: dict[str, Samples] = field(default_factory=dict)
    wire: dict[str, Samples] = field(default_factory=dict)
    wasm_ms: dict[str, Samples] = field(default_factory=dict)

    def add(self, table: dict[str, Samples], page: str, value: float | None) -> None:
        if value is not None:
            table.setdefault(page, Samples()).values.append(value)


def cold_runs(
    playwright: Any,
    server: BenchServer,
    pages: dict[str, str],
    *,
    runs: int,
    throttled: bool,
    timeout_s: float,
    reload: Collection[str] = (),
    label: str = "run",
) -> ColdRuns:
    """``runs`` rounds; each round loads every page (name: path) once, each in a fresh browser
    (those named in ``reload`` then a second time in that browser). Bytes are counted on the
    first load."""
    found = ColdRuns()
    for run in range(runs):
        line = []
        for page, path in pages.items():
            browser = _chromium.launch(playwright)
            try:
                context = browser.new_context()
                server.count()
                cold = _chromium.load(
                    context, server.url + path, timeout_s=timeout_s, throttled=throttled, keep_snapshot=page in reload
                )
                time.sleep(0.3)  # let late requests (favicon) finish before the count
                found.add(found.wire, page, server.count()[0])
                found.add(found.ready, page, cold.ready)
                found.add(found.painted, page, cold.ui)
                found.add(found.fcp, page, cold.fcp)
                found.add(found.wasm_ms, page, cold.wasm_ms)
                line.append(f"{page} {cold.ready / 1000:.2f} s")
                if page in reload:
                    again = _chromium.load(context, server.url + path, timeout_s=timeout_s)
                    found.add(found.reload, page, again.ready)
                    line[-1] += f" (reload {again.ready / 1000:.2f} s)"
            finally:
                browser.close()
        print(f"  {label} {run + 1}/{runs}: " + ", ".join(line), flush=True)
    return found


def worker_is_throttled(playwright: Any, server: BenchServer, *, timeout_s: float) -> tuple[bool, str]:
    """Open the probe page (bench/_sites.py) plain and under CDP emulation, each in a fresh
    browser: emulated, its module worker's download of pyodide.asm.wasm must take at least
    that download's gzipped size at 20 Mbit/s, as the page's own download does, and plain,
    less."""
    found = {}
    for throttled in (False, True):
        browser = _chromium.launch(playwright)
        try:
            page = browser.new_context().new_page()
            if throttled:
                _chromium.throttle(page.context, page)
            server.count()
            page.goto(server.url + _sites.PROBE_PAGE_NAME)
            found[throttled] = page.wait_for_function("window.__probe", timeout=timeout_s * 1000).json_value()
            sent = server.count()[0]
        finally:
            browser.close()
    plain, slow = found[False], found[True]
    floor = sent / 2 * 8 / _chromium.THROTTLE_BITS * 1000  # two downloads, both gzipped
    # Conclusive only if the plain download beats the floor; otherwise the server paces instead.
    ok = plain["worker"]["ms"] < 0.9 * floor <= min(slow["worker"]["ms"], slow["page"]["ms"])
    return ok, (
        f"probe: pyodide.asm.wasm ({sent / 2e6:.2f} MB on the wire) took {plain['page']['ms']:.0f} ms in the page and "
        f"{plain['worker']['ms']:.0f} ms in its worker plain, {slow['page']['ms']:.0f} ms and {slow['worker']['ms']:.0f} ms "
        f"emulated (20 Mbit/s alone: {floor:.0f} ms)"
    )


#: Time ``runs`` calls of an element's ``predict`` or ``interpret`` (ms each), after ``warm`` calls.
TIME_CALLS = """async ([selector, method, inputs, warm, runs]) => {
  const el = document.querySelector(selector);
  await el.ready;
  for (let i = 0; i < warm; i++) await el[method](inputs);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await el[method](inputs);
    times.push(performance.now() - start);
  }
  return times;
}"""


def in_one_page(playwright: Any, url: str, use: Callable[[Any], Any], *, timeout_s: float) -> Any:
    """Load ``url`` in a fresh browser, wait until it is ready and has kept the memory snapshot
    it made (storing 20 MB right after ready competes for the 2 cores, and a visitor's first
    clicks come later than a script's), return ``use(page)``."""
    browser = _chromium.launch(playwright)
    try:
        page = browser.new_context().new_page()
        page.set_default_timeout(timeout_s * 1000)
        page.goto(url)
        page.wait_for_function(_chromium.READ_MARKS, timeout=timeout_s * 1000, polling=50)
        _chromium.wait_for_snapshot(page, timeout_s)
        return use(page)
    finally:
        browser.close()


# --------------------------------------------------------------------------- interpretation under CPython


def interpretation_cpython(runs: int) -> tuple[Samples, Samples, list[int]]:
    """Warm ``demo.interpret`` of bench/apps/linear_image.py against one batched call of its
    fn on as many images as interpretation evaluates; also returns the batch sizes of the
    calls interpretation made."""
    sys.path[:0] = [str(_sites.REPO), str(BENCH / "apps")]
    app = importlib.import_module("linear_image")
    model = importlib.import_module("linear_model")
    image = model.test_image()
    url = png_data_url(image)
    app.demo.interpret([url])  # warm: imports, caches
    calls: list[int] = []
    original = model.probabilities
    model.probabilities = lambda images: (calls.append(len(images)), original(images))[1]
    app.demo.interpret([url])
    model.probabilities = original
    count = sum(calls)
    interpret, batch = Samples(), Samples()
    for _ in range(runs):
        interpret.values.append(_ms(lambda: app.demo.interpret([url])))
        batch.values.append(_ms(lambda: model.classify([image] * count)))
    return interpret, batch, calls


def png_data_url(image: Any) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _ms(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


# --------------------------------------------------------------------------- main


@dataclass
class Report:
    """What the run prints at the end: the table, the spread of every sample set, notes."""

    rows: list[Row] = field(default_factory=list)
    spreads: dict[str, dict[str, Samples]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def print(self) -> None:
        print()
        print_table(self.rows)
        print("\nSpread (ms; bytes for the wire):")
        for label, by_page in self.spreads.items():
            for page, samples in by_page.items():
                print(f"  {label:34s} {page:10s} {samples.spread()}")
        for note in self.notes:
            print(f"Note: {note}")

    def json(self) -> dict[str, Any]:
        return {
            "rows": [
                dict(zip(["figure", "ours", "baseline", "ratio", "target", "result"], row.cells())) for row in self.rows
            ],
            "samples": {
                label: {page: s.values for page, s in by_page.items()} for label, by_page in self.spreads.items()
            },
            "notes": self.notes,
        }


def loopback_figures(
    playwright: Any, server: BenchServer, pages: dict[str, str], runs: int, timeout_s: float, report: Report
) -> None:
    print(
        f"Cold loads on plain loopback, fresh browser each; stock and text then reloaded in it ({runs} runs):",
        flush=True,
    )
    cold_runs(
        playwright,
        server,
        {name: PAGES[name] for name in ("stock", "text")},
        runs=1,
        throttled=False,
        timeout_s=timeout_s,
        label="warm-up (discarded)",
    )
    plain = cold_runs(
        playwright, server, pages, runs=runs, throttled=False, reload=("stock", "text"), timeout_s=timeout_s
    )
    stock = plain.ready["stock"]
    report.rows.append(ratio_row("cold TTI, text demo, loopback", plain.ready["text"], stock, 0.5, base_name="stock"))
    report.rows.append(
        ratio_row("cold TTI, numpy+pillow demo, loopback", plain.ready["digits"], stock, 0.7, base_name="stock")
    )
    if "pyscript" in plain.ready:
        report.rows.append(
            ratio_row(
                "cold TTI, text demo vs PyScript 0.6.50",
                plain.ready["text"],
                plain.ready["pyscript"],
                0.5,
                base_name="PyScript",
            )
        )
    painted = plain.painted["text"]
    floor = plain.fcp.get("stock")  # a page with one line of text: what any first paint costs here
    report.rows.append(
        Row(
            "first paint, text demo, loopback",
            f"{painted.median:.0f} ms",
            f"{floor.median:.0f} ms 1-line page" if floor else "-",
            "-",
            "<= 100 ms",
            painted.median <= 100,
        )
    )
    report.rows.append(
        ratio_row("reload (same browser), text demo", plain.reload["text"], stock, 0.25, base_name="stock cold")
    )
    report.notes.append(
        f"stock Pyodide reload in the same browser: {plain.reload['stock'].median / 1000:.2f} s "
        f"({plain.reload['stock'].median / stock.median:.2f}x its cold boot)"
    )
    ours_wire, stock_wire = plain.wire["text"].median, plain.wire["stock"].median
    extra = (ours_wire - stock_wire) / 1000
    report.rows.append(
        Row(
            "first-visit bytes (gzip), text demo",
            f"{ours_wire / 1e6:.2f} MB",
            f"{stock_wire / 1e6:.2f} MB stock",
            f"{extra:+.0f} kB",
            "<= +150 kB",
            extra <= 150,
        )
    )
    report.notes.append(
        "bytes: everything the server sent during a cold load until ready + 0.3 s (status lines, headers, "
        "gzipped bodies), counted by bench/_serve.py"
    )
    report.spreads.update(
        {
            "loopback ready": plain.ready,
            "loopback first paint": plain.painted,
            "loopback first contentful paint": plain.fcp,
            "loopback reload": plain.reload,
            "bytes on the wire": plain.wire,
            "wasm download, loopback": plain.wasm_ms,
        }
    )


def throttled_figures(
    playwright: Any, server: BenchServer, runs: int, timeout_s: float, report: Report, *, by: str = "auto"
) -> None:
    """``by``: "cdp" (Chromium's emulation), "server" (bench/_serve.py paces its answers) or
    "auto": Chromium's emulation if a check shows it reaching the worker, else the server."""
    pages = {name: PAGES[name] for name in ("stock", "text", "digits")}
    if by == "auto":
        ok, evidence = worker_is_throttled(playwright, server, timeout_s=timeout_s)
    else:
        ok, evidence = by == "cdp", f"chosen with --throttle-by {by}, not checked"
    if ok:
        how = "Chromium's network emulation (CDP Network.emulateNetworkConditions on the page; it reaches its worker)"
    else:
        how = "the server pacing its answers" + (
            "" if by == "server" else " (CDP emulation on the page did not reach the worker)"
        )
    print(f"\nThrottled to 20 Mbit/s, 40 ms RTT by {how} ({runs} runs).\n  check: {evidence}", flush=True)
    if ok:
        slow = cold_runs(playwright, server, pages, runs=runs, throttled=True, timeout_s=timeout_s)
    else:
        with BenchServer(server.root, throttle=(_chromium.THROTTLE_BITS, _chromium.THROTTLE_RTT)) as paced:
            paced.prewarm()
            slow = cold_runs(playwright, paced, pages, runs=runs, throttled=False, timeout_s=timeout_s)
    report.notes.append(f"throttled by {how}; {evidence}")
    stock = slow.ready["stock"]
    report.rows.append(
        ratio_row("cold TTI, text demo, 20 Mbit/s 40 ms", slow.ready["text"], stock, 0.5, base_name="stock")
    )
    report.rows.append(
        ratio_row("cold TTI, numpy+pillow demo, 20 Mbit/s 40 ms", slow.ready["digits"], stock, 0.7, base_name="stock")
    )
    report.spreads.update(
        {"throttled ready": slow.ready, "throttled first paint": slow.painted, "wasm download, throttled": slow.wasm_ms}
    )


def submit_figure(playwright: Any, server: BenchServer, calls: int, timeout_s: float, report: Report) -> None:
    times = in_one_page(
        playwright,
        server.url + PAGES["text"],
        lambda page: page.evaluate(TIME_CALLS, ["pyinterface-app", "predict", [SENTENCE], 5, calls]),
        timeout_s=timeout_s,
    )
    p50 = statistics.median(times)
    report.rows.append(
        Row(f"Submit round trip p50 ({calls} el.predict)", f"{p50:.2f} ms", "-", "-", "<= 2 ms", p50 <= 2)
    )
    report.spreads["Submit round trip"] = {"text": Samples(times)}


def interpretation_figures(playwright: Any, server: BenchServer, runs: int, timeout_s: float, report: Report) -> None:
    interpret, batch, calls = interpretation_cpython(4 * runs)
    count = sum(calls)
    report.notes.append(f"interpretation called the fn {len(calls)} time(s), with {calls} images")
    report.rows.append(
        Row(
            f"interpretation 64x64, 64 seg, warm, CPython ({count} images)",
            f"{interpret.median:.1f} ms",
            f"{batch.median:.1f} ms 1 batch",
            f"{interpret.median / batch.median:.1f}x",
            "<= 3x",
            interpret.median / batch.median <= 3,
        )
    )
    model = importlib.import_module("linear_model")
    image = png_data_url(model.test_image())

    def measure(page: Any) -> tuple[list[float], float]:
        # 5 warm-up calls: V8 compiles the JS of SLIC's loops (interpretation/_slic_js.py) over the first few.
        times = page.evaluate(TIME_CALLS, ["#image", "interpret", [image], 5, runs])
        return times, page.evaluate(
            "async (n) => { const el = document.querySelector('#batch'); await el.ready; "
            "return (await el.predict([n]))[0]; }",
            count,
        )

    times, batch_ms = in_one_page(
        playwright, server.url + "interp/" + _sites.INTERP_PAGE_NAME, measure, timeout_s=timeout_s
    )
    in_page = Samples(times)
    report.rows.append(
        Row(
            "interpretation, same, in the page",
            f"{in_page.median:.1f} ms",
            f"{batch_ms:.1f} ms 1 batch",
            f"{in_page.median / batch_ms:.1f}x",
            "<= 3x",
            in_page.median / batch_ms <= 3,
        )
    )
    report.spreads["interpretation"] = {"CPython": interpret, "CPy batch": batch, "page": in_page}
    report.notes.append(
        "interpretation in the page: el.interpret timed by the page (one message round trip included); "
        "its baseline, one batched call of the fn, is timed by Python in the same worker"
    )


def interpretation_only(root: Path, timeout_s: float, report: Report) -> None:
    """``--only-interp``: export the interpretation apps alone and measure their two rows."""
    from playwright.sync_api import sync_playwright

    _sites.export([_sites.APPS / "linear_image.py", _sites.APPS / "linear_batch.py"], root / "interp")
    (root / "interp" / _sites.INTERP_PAGE_NAME).write_text(_sites.INTERP_PAGE, encoding="utf-8")
    with BenchServer(root) as server, sync_playwright() as playwright:
        interpretation_figures(playwright, server, 10, timeout_s, report)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per page and profile (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs, 20 Submit calls: a smoke test of the harness")
    parser.add_argument("--skip-throttled", action="store_true")
    parser.add_argument("--skip-pyscript", action="store_true")
    parser.add_argument("--skip-interp", action="store_true")
    parser.add_argument(
        "--only-interp", action="store_true", help="build and measure the interpretation figures only (a few minutes)"
    )
    parser.add_argument(
        "--throttle-by",
        choices=["auto", "cdp", "server"],
        default="auto",
        help="who throttles the slow profile (auto: Chromium if it is checked to reach the worker)",
    )
    parser.add_argument("--timeout", type=float, default=180, help="seconds per page load")
    parser.add_argument(
        "--export-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="pass ARG to the two demos' `pyinterface export` (repeatable), e.g. --export-arg=--offline",
    )
    parser.add_argument("--json", type=Path, help="also write the table and every sample to this file")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs
    report = Report()
    began = time.perf_counter()
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {machine()}; load average {os.getloadavg()[0]:.2f}")

    with tempfile.TemporaryDirectory(prefix="pyinterface-bench-") as tmp:
        root = Path(tmp)
        if args.only_interp:
            interpretation_only(root, args.timeout, report)
            report.print()
            return 0
        built = _sites.build(
            root,
            pyscript_too=not args.skip_pyscript,
            interp_too=not args.skip_interp,
            export_args=tuple(args.export_arg),
        )
        print(f"Built in {time.perf_counter() - began:.0f} s:\n" + "\n".join(f"  {k}: {v}" for k, v in built.items()))
        pages = {name: path for name, path in PAGES.items() if name != "pyscript" or not args.skip_pyscript}
        with BenchServer(root) as server, sync_playwright() as playwright:
            server.prewarm()
            browser = _chromium.launch(playwright)
            print(f"Headless Chromium {browser.version}, gzip on, loopback server {server.url}\n")
            browser.close()
            loopback_figures(playwright, server, pages, runs, args.timeout, report)
            if not args.skip_throttled:
                throttled_figures(playwright, server, runs, args.timeout, report, by=args.throttle_by)
            submit_figure(playwright, server, 20 if args.quick else 50, args.timeout, report)
            if not args.skip_interp:
                interpretation_figures(playwright, server, 5 if args.quick else 10, args.timeout, report)

    report.print()
    print(f"Took {(time.perf_counter() - began) / 60:.1f} min; load average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report.json(), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
