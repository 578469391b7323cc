"""Digests of vendored files, computed while the bytes are read or copied (never twice)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import IO

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashed(src: IO[bytes], dest: Path) -> tuple[str, int]:
    """Copy a stream to ``dest`` and hash it in the same pass (the bytes are read once)."""
    digest = hashlib.sha256()
    size = 0
    with dest.open("wb") as out:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _redo_fix(runtime: Path) -> str:
    """The fix named by every integrity error about a cached runtime."""
    return (
        f"Delete {runtime} and run `python -m pyinterface.tooling.runtime` to vendor it again "
        "from the pinned sources."
    )
