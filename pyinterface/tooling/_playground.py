"""``--playground``: the playground page (an editor, the app beside it, a Python console) in an export.

An export made with ``--playground`` (and the demo site, always) gets, beside its usual files::

    DIR/playground/index.html        from site/pages/playground.html, its import map filled in
    DIR/playground/*.mjs, *.css      site/playground/ as is (early start, controller, editor,
    DIR/playground/examples/*.py     console, examples menu, share links, downloads; the snippets)
    DIR/playground/vendor/...        the editor (CodeMirror 6) and the zip library, from
                                     site/vendor/playground/ (pinned npm packages, see _frontend)
    DIR/playground/apps.json         the site's own apps for the Examples menu: [{title, folder}]
    DIR/playground/site-files.json   what Download site zips (pyinterface.tooling._playground_site)

The page uses the site's loader (``../pyinterface.js``) and runtime (``../pyodide/``); its
runtime also gets :data:`RUNTIME_PACKAGES` (the console's ``micropip`` and what the Examples
menu needs) and pyodide-http (the Hub examples' blocking requests). A page downloads only the
packages its code imports, so these cost disk, not visitors' bandwidth.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from string import Template

from .._app_imports import HUB_SYNC_PACKAGE
from . import _frontend
from ._csp import with_policy
from ._pages import FILE_PROTOCOL_SCRIPT

__all__ = ["PLAYGROUND_DIR", "RUNTIME_PACKAGES", "RUNTIME_WHEELS", "write_playground"]

#: The playground's folder in an export (and the name of its sources in site/ and site/vendor/).
PLAYGROUND_DIR = "playground"
#: Lock packages a playground's runtime carries whatever the site's apps import: micropip and
#: packaging (``await micropip.install(...)`` in the console), numpy and pillow (the Examples
#: menu's image classifiers and interpretation).
RUNTIME_PACKAGES: tuple[str, ...] = ("micropip", "packaging", "numpy", "pillow")
#: Pinned extra wheels it carries too: the Hub examples' ``gr.load`` blocks on pyodide-http.
RUNTIME_WHEELS: tuple[str, ...] = (HUB_SYNC_PACKAGE,)


def _import_map() -> str:
    """The page's import map: each editor package's bare name -> its vendored module."""
    imports = {
        pin.name: f"./vendor/{target.removeprefix(PLAYGROUND_DIR + '/')}"
        for pin in _frontend.CODEMIRROR_PACKAGES
        for target in pin.files.values()
        if target.endswith(".js")
    }
    # "</" cannot occur in these names and paths; the page's parser would end the script there.
    return json.dumps({"imports": imports}, indent=1)


def write_playground(out_dir: Path, *, apps: Sequence[tuple[str, str]]) -> Path:
    """Write ``out_dir/playground/`` into the export at ``out_dir`` (its runtime, bridge and apps
    written already); ``apps`` are (title, folder relative to the export's root: "" for a
    single-app export, "name/" on a site), listed in the Examples menu. Returns the folder."""
    from ._playground_site import write_site_listing

    site = _frontend.site_dir()
    vendor = _frontend.ensure_frontend_vendor()
    dest = out_dir / PLAYGROUND_DIR
    shutil.copytree(site / PLAYGROUND_DIR, dest, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    shutil.copytree(vendor / PLAYGROUND_DIR, dest / "vendor", ignore=shutil.ignore_patterns(".*"))
    page = Template((site / "pages" / "playground.html").read_text(encoding="utf-8"))
    filled = page.substitute(import_map=_import_map(), file_protocol=FILE_PROTOCOL_SCRIPT)
    (dest / "index.html").write_text(with_policy(filled), encoding="utf-8")  # its import map allowed by hash
    listed = [{"title": title, "folder": f"../{folder}"} for title, folder in apps]
    (dest / "apps.json").write_text(json.dumps(listed, indent=1), encoding="utf-8")
    write_site_listing(out_dir)  # last: it lists what the site holds
    return dest
