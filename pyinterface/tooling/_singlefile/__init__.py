"""``pyinterface export app.py --single-file app.html``: the whole export in one HTML file.

The file opens by double-click (``file://``), with no server and no network: it carries what
an export folder holds (the bridge's modules and stylesheet, the Pyodide runtime, the wheels,
the app's files), each gzip-compressed when that makes it smaller, and the page unpacks them
with the browser's ``DecompressionStream`` (``site/single-file.js`` says how the page runs).

It reuses the folder export whole: the app is exported to a temporary folder by
:func:`~pyinterface.tooling.export.export_site` (the same scan, packages, runtime and manifest),
and that folder is packed. The file is written beside its final name and renamed, so a failed
export leaves an earlier file as it was.

No memory snapshot: ``file://`` pages have no usable Cache Storage to keep one in, and one made
at export would add megabytes to every open, so each open boots Python from scratch.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Unpack

from .._csp import app_reach
from .._exporterror import ExportError
from ..export import SINGLE_FILE_LOADER, ExportOptions, ExportResult, export_site
from ._modules import VIRTUAL_BASE, Module, load_order, rewrite_module
from ._page import PackedFile, single_file_page

__all__ = ["SingleFileResult", "export_single_file"]

#: The modules the page and the worker start from.
_PAGE_ENTRY = "pyinterface/pyinterface.mjs"
_WORKER_ENTRY = "pyinterface/worker.mjs"
_PYODIDE_MODULE = "pyodide/pyodide.mjs"
#: Runtime files the page never reads (pyodide.mjs is used, not the classic pyodide.js).
_UNUSED_RUNTIME = {"pyodide/package.json", "pyodide/pyodide.js"}
#: The runtime's files in the order loadPyodide asks for them (a prefix each); the other wheels follow.
_RUNTIME_ORDER = ("pyodide/pyodide.asm.js", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip",
                  "pyodide/pyodide-lock.json", "pyodide/pyinterface-")
#: Files Python reads with a synchronous request (an import cannot wait): never gzipped, so the
#: worker can answer at once (the rest of the stdlib: runtime/_stdlib_split.py's MORE_ZIP).
_READ_SYNCHRONOUSLY = frozenset({"pyodide/python_stdlib_more.zip"})
#: Files only the page reads, besides its modules and the app's files.
_PAGE_FILES = ("pyinterface/pyinterface.css",)
#: Kept uncompressed unless gzip saves this share at least (wheels are zips already).
_MIN_SAVING = 0.05
_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
          ".css": "text/css", ".whl": "application/zip", ".zip": "application/zip"}


@dataclass(frozen=True)
class SingleFileResult:
    """What a single-file export wrote: the file, its size, and the app's export as a folder would have it."""

    out: Path
    size: int
    #: Bytes of the file that carry the Pyodide runtime (its files compressed, in base64).
    runtime_size: int
    #: The app's export, as for a folder; its ``out`` is the file.
    app: ExportResult


def export_single_file(app: str | Path, out: str | Path, **options: Unpack[ExportOptions]) -> SingleFileResult:
    """Export ``app`` to the one HTML file ``out`` (see the module docstring). ``options`` and
    errors are :func:`~pyinterface.tooling.export.export_site`'s, but ``offline`` (a file
    opened from disk has no service worker)."""
    from .. import _frontend

    out = Path(out).resolve()
    if out.suffix.lower() not in (".html", ".htm"):
        raise ExportError(f"--single-file {out.name}: name the file to write, ending in .html (e.g. app.html).")
    if out.is_dir():
        raise ExportError(f"--single-file {out} is a folder; give the HTML file to write, e.g. {out / 'app.html'}.")
    if options.get("offline"):
        raise ExportError("--offline adds a service worker to an export folder; a single file opened from disk needs none. Leave out --offline.")
    loader = (_frontend.site_dir() / SINGLE_FILE_LOADER).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="pyinterface-single-file-") as tmp:
        folder = Path(tmp) / "export"
        (result,) = export_site([app], folder, **options)
        files, index = _pack(folder)
        app_files = {f.name: (f.type, (folder / f.name).read_bytes()) for f in files if f.name.startswith("app/")}
        manifest = json.loads((folder / "app" / "manifest.json").read_text(encoding="utf-8"))
        page = single_file_page((folder / "index.html").read_text(encoding="utf-8"), files, index=index,
                                loader=loader, base=VIRTUAL_BASE, app_files=app_files, reach=app_reach(manifest))
    _write_atomically(out, page)
    runtime = sum(4 * ((len(f.data) + 2) // 3) for f in files if f.name.startswith("pyodide/"))  # base64
    return SingleFileResult(out=out, size=out.stat().st_size, runtime_size=runtime, app=dataclasses.replace(result, out=out))


def _pack(folder: Path) -> tuple[list[PackedFile], dict[str, object]]:
    """The folder's files the page needs, and the index single-file.js reads (modules in load order)."""
    names = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]
    module_names = [n for n in names if n.endswith((".mjs", ".js")) and (n.startswith("pyinterface/") or n == _PYODIDE_MODULE)]
    try:
        modules: dict[str, Module] = {
            name: rewrite_module(name, (folder / name).read_text(encoding="utf-8"), module_names) for name in module_names
        }
        page_modules = load_order(modules, [_PAGE_ENTRY])
        worker_modules = load_order(modules, [_WORKER_ENTRY, _PYODIDE_MODULE])
    except ValueError as exc:
        raise ExportError(f"cannot pack the bridge into one file: {exc}") from exc
    runtime = [n for n in names if n.startswith("pyodide/") and n not in _UNUSED_RUNTIME and n != _PYODIDE_MODULE]
    # In the order the worker needs them (the page hands each block over as it is parsed): its
    # modules, then the runtime (_RUNTIME_ORDER, then the other wheels); then the app's files and
    # what only the page reads.
    wanted = [
        *worker_modules,
        *sorted(runtime, key=lambda n: (next((i for i, p in enumerate(_RUNTIME_ORDER) if n.startswith(p)), len(_RUNTIME_ORDER)), n)),
        *(n for n in names if n.startswith("app/")),
        *(n for n in page_modules if n not in worker_modules),
        *_PAGE_FILES,
    ]
    files = []
    for name in wanted:
        data = modules[name].source.encode("utf-8") if name in modules else (folder / name).read_bytes()
        files.append(_packed(name, data))
    manifest = json.loads((folder / "app" / "manifest.json").read_text(encoding="utf-8"))
    # What the worker boots before the page's load-app asks (a start-runtime message: site/protocol.mjs).
    start = {"runtime": f"{VIRTUAL_BASE}pyodide/", "pyodide": manifest["pyodide"], "packages": manifest["packages"]}
    index = {"base": VIRTUAL_BASE, "files": wanted, "page": page_modules, "pageEntry": _PAGE_ENTRY,
             "pageFiles": list(_PAGE_FILES), "worker": worker_modules, "workerEntry": _WORKER_ENTRY, "start": start}
    return files, index


def _packed(name: str, data: bytes) -> PackedFile:
    suffix = Path(name).suffix.lower()
    kind = _TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    compressed = gzip.compress(data, compresslevel=9, mtime=0)
    if name not in _READ_SYNCHRONOUSLY and len(compressed) <= len(data) * (1 - _MIN_SAVING):
        return PackedFile(name, kind, compressed, gzip=True)
    return PackedFile(name, kind, data, gzip=False)


def _write_atomically(out: Path, text: str) -> None:
    """Write ``out`` beside itself and rename it into place: a reader never sees half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.partial-", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
