"""Splitting an export's stdlib zip in two: what a page loads, and the rest, fetched on first use.

Pyodide's ``python_stdlib.zip`` holds all 511 modules, 2.3 MB gzipped; a page loads about 170 of
them (:mod:`._stdlib_imports`), which :mod:`._compile` byte-compiles. Those stay in
``python_stdlib.zip``, which ``loadPyodide`` mounts; the other modules' sources move to
``python_stdlib_more.zip`` beside it, which a visit downloads only if its Python imports one of
them (``_stdlib_more_finder.py``, added to the first zip as ``_pyinterface_stdlib_more.py``).
A first visit then fetches 1.7 MB of compiled stdlib instead of 3.1 MB.
"""

from __future__ import annotations

import copy
import os
import zipfile
from collections.abc import Collection
from pathlib import Path

__all__ = ["FINDER_MODULE", "MORE_ZIP", "add_finder", "module_name", "split_stdlib"]

#: The archive of the modules a page does not load at start, beside the stdlib zip.
MORE_ZIP = "python_stdlib_more.zip"
#: The finder's module name in the stdlib zip (worker.mjs imports it by this name).
FINDER_MODULE = "_pyinterface_stdlib_more"
_FINDER_SOURCE = Path(__file__).with_name("_stdlib_more_finder.py")


def module_name(member: str) -> str:
    """``email/mime/__init__.py`` -> ``email.mime``; ``json/tool.py`` -> ``json.tool``.

    Every member, not only those whose parts are identifiers (the import scan's rule, as an
    import statement can name no other): sysconfig imports ``_sysconfigdata__emscripten_wasm32-
    emscripten`` by ``__import__``, and the finder must know it is in the archive."""
    parts = member[: -len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def add_finder(stdlib_zip: Path, keep: Collection[str]) -> str:
    """Add the finder module to ``stdlib_zip``, listing the modules :func:`split_stdlib` will
    move (its ``.py`` members not in ``keep``); returns its member name, to compile with ``keep``."""
    stdlib_zip = Path(stdlib_zip)
    member = f"{FINDER_MODULE}.py"
    with zipfile.ZipFile(stdlib_zip) as zf:
        names = sorted({module_name(n) for n in zf.namelist() if n.endswith(".py") and n not in keep and n != member})
        present = member in zf.namelist()
    if present:
        raise ValueError(f"{stdlib_zip} already has {member}")
    finder = zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0))
    finder.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(stdlib_zip, "a") as zf:
        zf.writestr(finder, _FINDER_SOURCE.read_text(encoding="utf-8") + f"\nMODULES = frozenset({names!r})\n")
    return member


def split_stdlib(stdlib_zip: Path, keep: Collection[str]) -> Path:
    """Move the ``.py`` members of ``stdlib_zip`` not in ``keep`` to :data:`MORE_ZIP` beside it
    (entries keep their dates and compression). Returns the new archive's path."""
    stdlib_zip = Path(stdlib_zip)
    more_path = stdlib_zip.with_name(MORE_ZIP)
    kept_tmp = stdlib_zip.with_name(f".{stdlib_zip.name}.{os.getpid()}.tmp")
    more_tmp = more_path.with_name(f".{more_path.name}.{os.getpid()}.tmp")
    with zipfile.ZipFile(stdlib_zip) as zin, zipfile.ZipFile(kept_tmp, "w") as kept, zipfile.ZipFile(more_tmp, "w") as more:
        for info in zin.infolist():
            target = more if info.filename.endswith(".py") and info.filename not in keep else kept
            target.writestr(copy.copy(info), zin.read(info))  # a copy: writestr sets the offset of the info it gets
    os.replace(more_tmp, more_path)
    os.replace(kept_tmp, stdlib_zip)
    return more_path
