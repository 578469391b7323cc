"""Cold time-to-interactive of one exported app against a stock Pyodide boot.

bench/run.py's cold runs, for any app:

    python bench/startup.py [--app examples/gender_classifier.py] [--runs 7] [--throttled]

Exports the app with the command line, serves it beside the stock Pyodide page (its npm
files as shipped; ``loadPyodide()`` then ``1+1``) and loads the two alternately, each in a
fresh headless-Chromium browser, after one discarded warm-up pair. Prints the median (and
min-max) of the stock boot, the app's first paint and its ``pyinterface:ready`` mark, and the
ratio. bench/run.py prints every figure of issue 9; this is the quick look at one app.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import _sites
from _serve import BenchServer
from run import cold_runs


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=_sites.REPO / "examples" / "gender_classifier.py")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--throttled", action="store_true", help="20 Mbit/s, 40 ms round trips (Chromium's emulation)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds per page load")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pyinterface-bench-") as tmp:
        root = Path(tmp)
        print(_sites.export([args.app.resolve()], root / "app").strip().splitlines()[-2])
        _sites.stock(root / "stock")
        pages = {"stock": "stock/", "app": "app/"}
        with BenchServer(root) as server, sync_playwright() as playwright:
            server.prewarm()
            cold_runs(
                playwright,
                server,
                pages,
                runs=1,
                throttled=args.throttled,
                timeout_s=args.timeout,
                label="warm-up (discarded)",
            )
            found = cold_runs(
                playwright, server, pages, runs=args.runs, throttled=args.throttled, timeout_s=args.timeout
            )

    print(f"\nCold start, {args.runs} runs each (ms):")
    print(f"  stock Pyodide (loadPyodide + 1+1)  {found.ready['stock'].spread()}")
    print(f"  {args.app.stem}: UI painted    {found.painted['app'].spread()}")
    print(f"  {args.app.stem}: interactive   {found.ready['app'].spread()}")
    print(f"  interactive / stock Pyodide = {found.ready['app'].median / found.ready['stock'].median:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
