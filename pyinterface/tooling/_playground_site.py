"""The list of site files the playground's **Download site** zips (``playground/site-files.json``).

The playground builds, in the visitor's browser, a zip of a folder that works like
``pyinterface export app.py`` output. The program is the visitor's; everything else comes from
the site the playground is on, which this step lists at export::

    {
      "format": 1,
      "pyodide": "0.27.7",                 the runtime's version (the zip's manifest names it)
      "page": "<!doctype html>…",          the export's index.html for an app, with the title
      "title_placeholder": "…",            as this placeholder (the browser fills it in)
      "files": [{"path": "pyodide/pyodide.asm.wasm", "size": 10105545, "sha256": "…"}, …]
    }

``files`` is the loader (``pyinterface.js``), the bridge (``pyinterface/``) and the runtime
(``pyodide/``, all of it: the zip's manifest has ``"packages": null``, so its app loads the
packages its imports name from that runtime, as an inline app does). download.mjs fetches each
file relative to the site's root and refuses one whose size or sha256 differs: a zip made of a
half-updated site would not run. The site's own apps, pages and the playground are not listed.
"""

from __future__ import annotations

import json
from pathlib import Path

from ._offline import OFFLINE_ONLY, offline_manifest
from ._pages import app_page

__all__ = ["LISTING_NAME", "TITLE_PLACEHOLDER", "write_site_listing"]

#: Where the listing goes, relative to the export's root (beside the playground's modules).
LISTING_NAME = "playground/site-files.json"
#: Stands for the app's title in ``page``; HTML escaping leaves it as it is.
TITLE_PLACEHOLDER = "{{pyinterface:title}}"
#: The parts of an export every app's folder has, whatever the app.
_SHARED_ROOTS = ("pyinterface.js", "pyinterface/", "pyodide/")


def write_site_listing(out_dir: Path) -> Path:
    """List the site files of the export at ``out_dir`` (with its runtime, bridge and
    ``playground/`` written) in ``out_dir/playground/site-files.json``; return that path."""
    out_dir = Path(out_dir)
    listing = out_dir / LISTING_NAME
    files = [
        {"path": path, "size": size, "sha256": sha256}
        # The offline manifest's walk: every file a page may fetch (no dotfiles, no source maps).
        for path, sha256, size in offline_manifest(out_dir).files
        if path.startswith(_SHARED_ROOTS) and path.rsplit("/", 1)[-1] not in OFFLINE_ONLY
    ]
    missing = [root for root in _SHARED_ROOTS if not any(f["path"].startswith(root) for f in files)]
    if missing:
        raise FileNotFoundError(
            f"{out_dir} has no {', '.join(missing)}: write the site listing after the export's runtime and bridge."
        )
    from .runtime import PYODIDE_VERSION

    stylesheet = (out_dir / "pyinterface" / "pyinterface.css").is_file()
    data = {
        "format": 1,
        "pyodide": PYODIDE_VERSION,
        "page": app_page(TITLE_PLACEHOLDER, stylesheet=stylesheet),
        "title_placeholder": TITLE_PLACEHOLDER,
        "files": files,
    }
    listing.parent.mkdir(exist_ok=True)
    listing.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return listing
