"""Vendor the pinned Pyodide runtime into the cache and show what is there.

Usage (from a fresh checkout, no install needed)::

    python build/vendor_pyodide.py [--cache-dir DIR]

The first run downloads the pinned files over plain HTTPS (no npm or pip needed); later runs are offline. Every file is re-hashed
against its pin here, so the summary's "verified" means the bytes on disk were checked now.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Run from a checkout without installing: make the repo's pyinterface importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyinterface.tooling import runtime  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=None, help="default: $PYINTERFACE_CACHE or ~/.cache/pyinterface")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    try:
        path = runtime.ensure_runtime(args.cache_dir)
        checks = runtime.verify_runtime(path)
    except (runtime.RuntimeDownloadError, runtime.RuntimeIntegrityError, runtime.RuntimeSourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    print(f"Pyodide {runtime.PYODIDE_VERSION} runtime: {path}")
    width = max(len(c.name) for c in checks)
    for c in checks:
        label = c.kind if c.package is None else f"{c.kind} ({c.package})"
        print(f"  {c.name:<{width}}  {c.size / 1e6:8.2f} MB  sha256 {c.sha256[:12]}  verified  {label}")
    total = sum(c.size for c in checks)
    print(f"{len(checks)} files, {total / 1e6:.1f} MB, all verified in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
