"""``--out``: built beside, swapped in at the end, so a failed export leaves the folder as it was.

The checks that can stop an export (a secret, a ``file=`` path outside the folder, a platform
wheel) run while files are being written; building into a temporary sibling folder and renaming
it over ``--out`` only once everything worked means a visitor never gets half an export, and
an earlier good export survives a failed one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ._appfiles import is_export
from ._exporterror import ExportError

__all__ = ["check_out", "staging", "swap_in"]


def check_out(out: Path) -> None:
    """Refuse an ``out`` that is a file, or a non-empty folder holding no earlier export."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out {out} is a file; give a folder (it is created if missing).")
    if out.is_dir() and any(out.iterdir()) and not ((out / "index.html").is_file() and is_export(out)):
        raise ExportError(
            f"--out {out} is not empty and holds no earlier export; choose a new or empty folder "
            "(an earlier export there is replaced)."
        )


def staging(out: Path) -> Path:
    """A new empty folder beside ``out`` (same file system, so the final rename is atomic)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))


def swap_in(built: Path, out: Path) -> None:
    """Replace ``out`` (an earlier export, an empty folder, or nothing) by ``built``."""
    os.chmod(built, 0o755)  # mkdtemp's 0o700 would hide the site from a web server's user
    if not out.exists():
        os.replace(built, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / "site")
    try:
        os.replace(built, out)
    except OSError:
        os.replace(old / "site", out)  # put the earlier export back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
