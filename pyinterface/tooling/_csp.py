"""The Content-Security-Policy every exported page ships, in a ``<meta>`` tag.

One policy, built here from two things: the page's own inline parts (each inline script the
browser runs and each ``<style>`` block, allowed by its sha256, never by ``'unsafe-inline'``),
and what the app may reach beyond the page's origin (the Hub hosts its export names, a runtime
on another origin, the app's ``remote_image_hosts``)::

    default-src 'self'; script-src 'self' 'wasm-unsafe-eval' <hashes>;
    style-src 'self' <hashes>; style-src-elem 'self' <hashes>; style-src-attr 'unsafe-inline';
    img-src 'self' data: blob: <image hosts>; media-src 'self' data: blob:;
    connect-src 'self' <Hub and runtime origins>; worker-src 'self' blob:;
    base-uri 'none'; form-action 'none'; object-src 'none'

Why each part:

* ``'wasm-unsafe-eval'``: Pyodide compiles WebAssembly; nothing else of ``eval`` is allowed.
* hashes cover what the page carries inline: the playground's import map, a single-file
  export's loader, the site index's ``<style>``, and ``pyinterface.css`` and the app's theme
  rules (``theme=``) inside the prerendered UI's declarative shadow root (Chromium checks a
  ``<style>`` there against the document's policy like any other). The live UI sets its colours
  through the CSSOM (``el.style.x = …``) and the app's ``css=`` and theme as constructed
  stylesheets, which a policy does not restrict.
* ``style-src-attr 'unsafe-inline'``: ``style=""`` attributes are allowed, ``<style>`` elements
  (``style-src-elem``) are not. An app's HTML and Markdown output keeps the colours, fonts and
  spacing Gradio apps write in style attributes (site/sanitize.mjs has already removed what
  could cover the page or load from elsewhere; ``url()`` loads are bound by ``img-src`` too),
  and so do the prerendered label bars and colour swatches. A ``<style>`` element, the way to
  restyle a whole page or read it through selectors, needs its hash. A browser without the
  split directives falls back to ``style-src``, which refuses the attributes: the page stays
  whole there, those colours go.
* ``connect-src``: the page's own fetches, and (for a single-file export, whose Blob worker
  inherits the page's policy) the worker's. A worker started from a URL gets its policy from
  that script's response headers, not from this tag (README: "Content-Security-Policy").
* ``blob:`` scripts (single-file exports only): that page imports its modules from Blob URLs
  it made itself.
* ``frame-ancestors``, ``report-uri`` and ``sandbox`` are ignored in a ``<meta>`` policy; a host
  that wants them sends the policy as a header.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from .._app_imports import HUB_SYNC_PACKAGE
from ..hub._settings import DEFAULT_HUB_ENDPOINT, DEFAULT_INFERENCE_ENDPOINT

__all__ = ["DEFAULT_HUB_SOURCES", "InlineParts", "Reach", "app_reach", "content_security_policy", "inline_parts",
           "policy_of", "with_policy"]

#: Where ``gr.load`` goes when the export names no Hub (pyinterface/hub/_settings.py), with
#: the Spaces that Hub hands out.
DEFAULT_HUB_SOURCES = (
    *(f"{parts.scheme}://{parts.netloc}" for parts in map(urlsplit, (DEFAULT_HUB_ENDPOINT, DEFAULT_INFERENCE_ENDPOINT))),
    "https://*.hf.space",
)
#: ``<script type=…>`` values the browser runs (or, for an import map, reads as script).
_RUN_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "importmap"})
#: A host source as CSP writes it: scheme://host[:port], the host may start with "*." or be [IPv6].
_HOST_SOURCE = re.compile(r"^(https?|wss?)://((\*\.)?[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?$")
_META = re.compile(r'[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>\n?')
_CHARSET = '<meta charset="utf-8">\n'


@dataclass(frozen=True)
class InlineParts:
    """What a page carries inline that a policy must allow by hash."""

    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()

    def __add__(self, other: InlineParts) -> InlineParts:
        return InlineParts(self.scripts + other.scripts, self.styles + other.styles)


@dataclass(frozen=True)
class Reach:
    """Origins a page may use beyond its own: ``connect`` for fetches, ``images`` for ``<img>``."""

    connect: tuple[str, ...] = ()
    images: tuple[str, ...] = ()


class _InlineCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: tuple[str, list[str]] | None = None  # ("script" | "style", its text so far)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        runs = tag == "script" and "src" not in found and (found.get("type") or "").strip().lower() in _RUN_TYPES
        if runs or tag == "style":
            self._open = (tag, [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and self._open[0] == tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self._open[1]))
            self._open = None


def inline_parts(page: str) -> InlineParts:
    """The inline scripts the browser runs (not JSON or other data blocks, not ``src=`` ones)
    and the ``<style>`` blocks (in declarative shadow roots too) of ``page``, each as the
    browser hashes it."""
    collector = _InlineCollector()
    collector.feed(page)
    collector.close()
    return InlineParts(tuple(collector.scripts), tuple(collector.styles))


def app_reach(manifest: Mapping[str, Any] | None) -> Reach:
    """What an app's page may reach, from its manifest (``app/manifest.json``): the Hub hosts
    its export names (or the default Hub, when the app uses it and the export names none), its
    runtime's origin when that is elsewhere, and its config's ``remote_image_hosts``."""
    if not manifest:
        return Reach()
    connect: list[str] = []
    hub = manifest.get("hub") or {}
    if hub:
        connect += [_origin(url, "the manifest's hub endpoint") for url in hub.values()]
    elif HUB_SYNC_PACKAGE in (manifest.get("packages") or ()):  # an export adds it when the app uses the Hub
        connect += DEFAULT_HUB_SOURCES
    runtime = manifest.get("runtime")
    if isinstance(runtime, str) and urlsplit(runtime).scheme in ("http", "https"):
        connect.append(_origin(runtime, "the manifest's runtime"))
    images = (manifest.get("config") or {}).get("remote_image_hosts", [])
    return Reach(connect=tuple(connect), images=tuple(_host_source(host) for host in images))


def content_security_policy(parts: InlineParts = InlineParts(), reach: Reach = Reach(), *,
                            blob_scripts: bool = False) -> str:
    """The policy text for a page with ``parts`` inline that may reach ``reach``;
    ``blob_scripts``: its modules load from Blob URLs (a single-file export)."""
    script = ["'self'", *(["blob:"] if blob_scripts else []), "'wasm-unsafe-eval'", *_hashes(parts.scripts)]
    style = ["'self'", *_hashes(parts.styles)]
    directives = {
        "default-src": ["'self'"],
        "script-src": script,
        "style-src": style,
        "style-src-elem": style,
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *reach.images],
        "media-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'", *reach.connect],
        "worker-src": ["'self'", "blob:"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())


def with_policy(page: str, reach: Reach = Reach(), *, blob_scripts: bool = False,
                extra: InlineParts = InlineParts()) -> str:
    """``page`` with its policy (built from its inline parts, plus ``extra``: inline parts added
    later) as the ``<meta>`` right after ``<meta charset>``, which must stay in the first 1024
    bytes; a policy it had already is replaced. The policy governs only what follows the tag."""
    page = _META.sub("", page)
    if page.count(_CHARSET) != 1:
        raise ValueError(f'a page must hold one {_CHARSET.strip()} line for its policy to follow; this one holds '
                         f'{page.count(_CHARSET)}.')
    policy = content_security_policy(inline_parts(page) + extra, reach, blob_scripts=blob_scripts)
    content = html.escape(policy, quote=False).replace('"', "&quot;")  # its quotes are ', which stay as they are
    meta = f'  <meta http-equiv="Content-Security-Policy" content="{content}">\n'
    return page.replace(_CHARSET, _CHARSET + meta, 1)


def policy_of(page: str) -> str | None:
    """The policy ``page`` ships in its ``<meta>``, or None."""
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    return html.unescape(match.group(1)) if match else None


def _hashes(texts: Iterable[str]) -> list[str]:
    return [f"'sha256-{base64.b64encode(hashlib.sha256(t.encode('utf-8')).digest()).decode('ascii')}'" for t in texts]


def _origin(url: object, what: str) -> str:
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{what} must be an http(s) URL, got {url!r}.")
    return f"{parts.scheme}://{parts.netloc}"


def _host_source(host: object) -> str:
    """An origin of ``remote_image_hosts`` as a CSP source (no path: the policy allows the host)."""
    text = str(host).strip().rstrip("/")
    if not _HOST_SOURCE.match(text):
        raise ValueError(
            f"remote_image_hosts holds {host!r}; each must be an origin such as 'https://images.example.org' "
            "(scheme and host, an optional port and a leading '*.', no path)."
        )
    return text

