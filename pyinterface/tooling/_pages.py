"""The HTML pages an export writes: one per app, and an index for a site of several apps.

Both are static, with relative URLs only (they work at ``/``, under a sub-path, on any host)
and no inline script: each ships a strict Content-Security-Policy (``_csp.py``). Each loads
``pyinterface/file-protocol.js``, a classic script: module scripts do not run from ``file://``,
so it is what tells a visitor who opened the file from disk how to serve it instead.

An app's page carries its manifest as a ``<script type="application/json">`` data block inside
the element (it runs nothing, so the CSP allows it): the element reads it instead of fetching
``app/manifest.json``, so the UI shows and the runtime starts loading one round trip sooner.
When the manifest holds the app's config, the element also carries the UI itself, prerendered
as a declarative shadow root with pyinterface.css inline (``_prerender.py``): the page's first
paint is the app, before any module runs. So that this paint also has the scheme Gradio's
``?__theme=dark|light`` asks for, the element's first child is the one inline script these pages
run (:data:`URL_SCHEME_SCRIPT`, hashed in the page's policy like any inline part): it sets the
element's ``theme`` attribute before the parser reaches the shadow root, as site/theme.mjs's
``applyUrlScheme`` does for every other element once the modules run.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from typing import Any

from ._csp import app_reach, with_policy
from ._frontend import site_dir
from ._prerender import prerender_app

__all__ = ["app_page", "site_index"]

FILE_PROTOCOL_SCRIPT = "pyinterface/file-protocol.js"
#: ?__theme=dark|light for the prerendered first paint (see the module docstring): the host's
#: theme attribute, and the page's colour scheme (the app owns the page), unless already chosen.
URL_SCHEME_SCRIPT = (
    "(function(app){var s=new URLSearchParams(location.search).get('__theme');"
    "if((s==='dark'||s==='light')&&!app.hasAttribute('theme')){app.setAttribute('theme',s);"
    "document.documentElement.style.colorScheme=s}})(document.currentScript.parentElement)"
)
#: The static module graph of site/early-start.mjs, which the loader runs first: it starts the
#: worker and the runtime's download (tests/test_app_page.py keeps this list in step with it).
EARLY_MODULES = ("early-start.mjs", "client.mjs", "protocol.mjs", "sources.mjs", "dedent.mjs")


def app_page(title: str, *, stylesheet: bool, base: str = "", manifest: Mapping[str, Any] | None = None) -> str:
    """One app's page: a standalone ``<pyinterface-app>`` (its ``body`` CSS colours the page)
    and the loader's module script. ``base`` leads from the page to the export's root;
    ``manifest`` (``app/manifest.json``'s content) is inlined for the element to read."""
    prerendered = _prerendered(manifest, stylesheet=stylesheet)
    # Fetched early, then adopted by the app's shadow root: as a document stylesheet its rules
    # (written for the shadow tree) would restyle the page itself. A prerendered page has it inline.
    link = ""
    if stylesheet and not prerendered:
        link = f'  <link rel="preload" href="{base}pyinterface/pyinterface.css" as="fetch" crossorigin>\n'
    page = (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '  <meta name="color-scheme" content="light dark">\n'
        f"  <title>{html.escape(title)}</title>\n"
        f"{link}"
        f"{_early_modules(base)}"
        f'  <script type="module" src="{base}pyinterface.js"></script>\n'
        "</head>\n"
        "<body>\n"
        "  <noscript>This app runs Python in your browser: please enable JavaScript to use it.</noscript>\n"
        f'  <pyinterface-app src="app/manifest.json" standalone>{_scheme_script(prerendered)}{prerendered}'
        f"{_manifest_block(manifest)}"
        "</pyinterface-app>\n"
        f'  <script src="{base}{FILE_PROTOCOL_SCRIPT}"></script>\n'
        "</body>\n"
        "</html>\n"
    )
    return with_policy(page, app_reach(manifest))  # its Content-Security-Policy (tooling/_csp.py)


def _prerendered(manifest: Mapping[str, Any] | None, *, stylesheet: bool) -> str:
    """The app's UI as a declarative shadow root, when the manifest holds its config; else ""."""
    if manifest is None or not manifest.get("config"):
        return ""
    # The bridge's pyinterface.css, which the export copies as is to pyinterface/pyinterface.css.
    css = (site_dir() / "pyinterface.css").read_text(encoding="utf-8") if stylesheet else None
    return prerender_app(manifest["config"], stylesheet=css)


def _scheme_script(prerendered: str) -> str:
    """The inline script giving a prerendered UI the URL's scheme before it is parsed; else ""."""
    return f"<script>{URL_SCHEME_SCRIPT}</script>" if prerendered else ""


def _early_modules(base: str) -> str:
    """modulepreload links for early-start's graph: fetched as the page is parsed, so the worker
    starts without an import waterfall (three round trips) before it. The runtime's own files
    are left to the worker: preloaded by the page they made Chromium warn of an unused preload
    on every visit, for no gain measurable on this machine."""
    return "".join(f'  <link rel="modulepreload" href="{base}pyinterface/{name}">\n' for name in EARLY_MODULES)


def _manifest_block(manifest: Mapping[str, Any] | None) -> str:
    """``manifest`` as a JSON data block; every ``<`` escaped, so no ``</script>`` or ``<!--`` ends it early."""
    if manifest is None:
        return ""
    text = json.dumps(manifest, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json">{text}</script>'


def site_index(template: Path, *, title: str, lead: str, apps: Sequence[tuple[str, str, str]],
               playground: bool = False) -> str:
    """A site's index page from ``template`` (``site/pages/site-index.html``): ``$title``,
    ``$lead``, ``$apps`` and ``$playground`` filled; ``apps`` are (folder, title, first
    description line); ``playground``: the site has ``playground/``, linked after the apps."""
    items = "\n".join(
        f'    <li><a href="{html.escape(folder, quote=True)}/">{html.escape(name)}</a>'
        f"<p>{html.escape(summary)}</p></li>"
        for folder, name, summary in apps
    )
    link = (
        '  <p class="playground"><a href="playground/">Playground</a>: write an Interface, run it here and '
        "try it from a Python console, then share a link or download it as a site.</p>"
    ) if playground else ""
    page = Template(template.read_text(encoding="utf-8")).substitute(
        title=html.escape(title), lead=html.escape(lead), apps=items, playground=link, file_protocol=FILE_PROTOCOL_SCRIPT
    )
    return with_policy(page)
