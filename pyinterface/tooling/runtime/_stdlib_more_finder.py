"""The rest of the standard library, fetched the first time a page imports a module from it.

Shipped inside an export's ``python_stdlib.zip`` as ``_pyinterface_stdlib_more.py`` (with
``MODULES`` filled in; see ``_stdlib_split.py``), never imported by pyinterface itself. That zip
holds only the modules a page loads (byte-compiled); the other ~340 modules, 1.4 MB gzipped,
are in ``python_stdlib_more.zip`` beside it, which most visits never download. worker.mjs calls
:func:`install` once Python is up. A module of the rest is then found by this finder: the first
such import downloads the archive with a synchronous request (allowed in a worker, and what
Python's import statement needs) and imports from it with ``zipimport``, like the stdlib zip.

Runs in the page only (Pyodide); it imports nothing from pyinterface.
"""

from __future__ import annotations

import os
import sys
import zipimport
from importlib.machinery import ModuleSpec
from typing import Any

#: Where the archive is written in the in-memory file system (beside /lib/python312.zip).
ARCHIVE = "/lib/python312_more.zip"
#: Dotted names of the modules and packages in the archive (filled in at export).
MODULES: frozenset[str] = frozenset()


class MoreStdlibFinder:
    """A meta path finder for the modules in ``MODULES`` (last on ``sys.meta_path``: the
    stdlib zip and site-packages are searched first)."""

    def __init__(self, url: str | None) -> None:
        self.url = url  # None: the archive is already written (tests under Node)

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if fullname not in MODULES:
            return None
        self._mount()
        parent = fullname.rpartition(".")[0].replace(".", "/")
        return zipimport.zipimporter(ARCHIVE + ("/" + parent if parent else "")).find_spec(fullname)

    def _mount(self) -> None:
        if os.path.exists(ARCHIVE):
            return
        if self.url is None:
            raise ImportError(f"{ARCHIVE} is missing and no URL was given to fetch it from")
        data = _fetch(self.url)
        with open(ARCHIVE, "wb") as fh:
            fh.write(data)


def _fetch(url: str) -> bytes:
    """The archive's bytes, fetched synchronously (an import cannot wait for a promise)."""
    from js import Uint8Array, XMLHttpRequest  # type: ignore[import-not-found]

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send(None)
    if request.status != 200:
        raise ImportError(
            f"could not download the rest of Python's standard library from {url} "
            f"(HTTP {request.status}); check that the export's pyodide/ folder is complete."
        )
    return Uint8Array.new(request.response).to_bytes()


def install(url: str | None) -> None:
    """Find ``MODULES`` in the archive at ``url`` (fetched on first use); once per interpreter."""
    if not any(isinstance(finder, MoreStdlibFinder) for finder in sys.meta_path):
        sys.meta_path.append(MoreStdlibFinder(url))
