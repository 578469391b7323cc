"""``python -m pyinterface.tooling.runtime``: vendor the runtime if needed and print its folder."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ._errors import RuntimeDownloadError, RuntimeIntegrityError, RuntimeSourceError
from ._pins import PYODIDE_VERSION
from ._vendor import ensure_runtime


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pyinterface.tooling.runtime [--cache-dir DIR]``: vendor if needed, print the folder."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m pyinterface.tooling.runtime",
        description=f"Vendor Pyodide {PYODIDE_VERSION} (once) and print the runtime folder.",
    )
    parser.add_argument("--cache-dir", type=Path, default=None, help="default: $PYINTERFACE_CACHE or ~/.cache/pyinterface")
    args = parser.parse_args(argv)
    try:
        runtime = ensure_runtime(args.cache_dir)
    except (RuntimeDownloadError, RuntimeIntegrityError, RuntimeSourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(runtime)
    return 0
