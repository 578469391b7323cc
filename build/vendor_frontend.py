"""Vendor the page's npm libraries (DOMPurify, marked) into site/vendor/.

Usage (from a checkout, no install needed)::

    python build/vendor_frontend.py [--dest DIR] [--cache-dir DIR]

The first run calls ``npm pack`` for the pinned versions and checks each tarball against the
integrity npm publishes; later runs reuse the cache (build/.cache/npm) and work offline.
The pins live in ``pyinterface/tooling/_frontend.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run from a checkout without installing: make the repo's pyinterface importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyinterface.tooling import _frontend  # noqa: E402


def vendor_frontend(dest: Path, cache_dir: Path | None = None) -> Path:
    """Write the pinned libraries into ``dest``; see :func:`pyinterface.tooling._frontend.vendor_frontend`."""
    return _frontend.vendor_frontend(dest, cache_dir=cache_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=None, help="default: site/vendor of this checkout")
    parser.add_argument("--cache-dir", type=Path, default=None, help="default: build/.cache/npm")
    args = parser.parse_args(argv)
    try:
        dest = args.dest if args.dest is not None else _frontend.site_dir() / "vendor"
        vendor_frontend(dest, args.cache_dir)
    except _frontend.FrontendVendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for pin in _frontend.FRONTEND_PACKAGES:
        print(f"{pin.name}@{pin.version}  integrity verified  -> {', '.join(pin.files.values())}")
    print(f"vendored into {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
