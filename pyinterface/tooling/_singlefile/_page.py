"""The single-file page: an export's ``index.html`` with its files inlined as data blocks.

The export's own page is the starting point, so the single file shows what a folder export
shows (title, standalone app, inline manifest, the prerendered UI) and gains whatever that page
learns later. Its references to the folder go: the loader's module script and the ``file://``
notice (``file-protocol.js``) are dropped, as is any ``<link>`` to a file of the folder; the
app's ``src`` becomes its manifest's virtual URL, and an app file the prerendered UI shows (an
example's image) becomes a ``data:`` URL. Then come an index naming the files and the modules
to load, the loader itself (``site/single-file.js``), and the data blocks in the order the
worker needs them, each followed by a one-line script that hands it over as soon as it is
parsed. Its Content-Security-Policy (tooling/_csp.py) is the folder page's, remade for these
inline scripts and Blob URL modules; its Blob worker inherits it (tested from ``file://``).
"""

from __future__ import annotations

import base64
import html
import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .._csp import InlineParts, Reach, with_policy
from .._exporterror import ExportError

__all__ = ["PackedFile", "single_file_page"]

_EXTERNAL_SCRIPT = re.compile(r'[ \t]*<script\b[^>]*\bsrc="[^"]*"[^>]*>\s*</script>[ \t]*\n?')
_FOLDER_LINK = re.compile(r'[ \t]*<link\b[^>]*\bhref="(?![a-z]+:|#)[^"]*"[^>]*>[ \t]*\n?')
_APP_SRC = 'src="app/manifest.json"'
#: After each data block: the loader takes it while the parser goes on with the next.
_TAKE_CODE = 'globalThis[Symbol.for("pyinterface.single-file")].take(document.currentScript)'
_TAKE = f"<script>{_TAKE_CODE}</script>"
#: A relative src= (not a scheme, a fragment or a root path): a file beside the page.
_RELATIVE_SRC = re.compile(r'\bsrc="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]+)"')


@dataclass(frozen=True)
class PackedFile:
    """One file of the export as the page carries it: ``data`` gzip-compressed when ``gzip``."""

    name: str
    type: str
    data: bytes
    gzip: bool


def single_file_page(index_html: str, files: Sequence[PackedFile], *, index: dict[str, object], loader: str,
                     base: str, app_files: Mapping[str, tuple[str, bytes]], reach: Reach = Reach()) -> str:
    """The single-file page made from the export's ``index_html`` (see the module docstring);
    ``app_files``: the export's ``app/`` files by path (``"app/cat.png"``), as (type, bytes);
    ``reach``: what its policy lets the app reach (tooling/_csp.py app_reach)."""
    page = _EXTERNAL_SCRIPT.sub("", index_html)
    page = _FOLDER_LINK.sub("", page)
    if page.count(_APP_SRC) != 1 or page.count("</body>") != 1:
        raise ExportError(
            "the export's index.html is not the page a single-file export expects (one <pyinterface-app "
            f'{_APP_SRC}> and one </body>); this is a bug in pyinterface, please report it.'
        )
    page = page.replace(_APP_SRC, f'src="{base}app/manifest.json"')
    page = _RELATIVE_SRC.sub(lambda match: _inline_src(match, app_files), page)
    blocks = "".join(_block(file) for file in files)
    index_block = json.dumps(index, separators=(",", ":")).replace("<", "\\u003c")
    loader_block = loader.replace("</script", "<\\/script")  # its comments show a block's markup (JS reads "<\/" as "</")
    tail = (
        f'  <script type="application/json" id="pyinterface-single-file">{index_block}</script>\n'
        f"  <script>\n{loader_block}</script>\n"
    )
    # The policy: the folder page's, plus the loader and the hand-over line by hash, and Blob URL
    # modules (the page and its worker import the packed modules from Blob URLs). Its classic
    # Blob worker inherits it, so 'wasm-unsafe-eval' and connect-src reach the worker too.
    page = with_policy(page.replace("</body>", f"{tail}</body>"), reach, blob_scripts=True,
                       extra=InlineParts(scripts=(_TAKE_CODE,)))
    return page.replace("</body>", f"{blocks}</body>")


def _inline_src(match: re.Match[str], app_files: Mapping[str, tuple[str, bytes]]) -> str:
    found = app_files.get(posixpath.normpath(html.unescape(match.group(1))))
    if found is None:
        return match.group(0)  # nothing the export has: left as the folder's page had it
    kind, data = found
    return f'src="data:{kind};base64,{base64.b64encode(data).decode("ascii")}"'


def _block(file: PackedFile) -> str:
    # Base64 has no "<", so a block cannot end early.
    data = base64.b64encode(file.data).decode("ascii")
    gzip = " data-gzip" if file.gzip else ""
    return (
        f'  <script type="application/octet-stream" data-file="{html.escape(file.name, quote=True)}" '
        f'data-type="{html.escape(file.type, quote=True)}"{gzip}>{data}</script>\n'
        f"  {_TAKE}\n"
    )
