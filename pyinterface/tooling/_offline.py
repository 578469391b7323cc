"""``pyinterface export --offline``: a service worker that lets a revisit run with no network.

Run on the finished export folder, as its last step (so it lists whatever the other steps
wrote: runtime, snapshot, bridge, pages, apps)::

    DIR/service-worker.js         site/service-worker.js with its manifest filled in: every file
                                  of the export with its sha256, and a version hashed from them
    DIR/pyinterface/offline.mjs   registers it; each page of the export (DIR/index.html and, on a
                                  multi-app site, DIR/<stem>/index.html) gets its script tag

The manifest is inside the service worker's own bytes, so a new export (any file changed) is a
new service worker, which the browser installs on the next visit. The service worker caches the
whole export: on a multi-app site, any page that was once opened makes every page work offline.
Without ``--offline`` none of this exists: the bridge copy leaves both files out and no page
registers anything (see :data:`OFFLINE_ONLY`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ._exporterror import ExportError
from .runtime._hashing import sha256_file

__all__ = ["OFFLINE_ONLY", "OfflineManifest", "offline_manifest", "write_offline"]

SERVICE_WORKER = "service-worker.js"
REGISTER_MODULE = "offline.mjs"
#: Files of ``site/`` that only an offline export ships (the bridge copy ignores them).
OFFLINE_ONLY = (SERVICE_WORKER, REGISTER_MODULE)
#: The template's placeholder, replaced by the manifest's JSON.
_PLACEHOLDER = "/* pyinterface:offline-manifest */ null"
#: Not cached: source maps (only developer tools fetch them) and dotfiles (.nojekyll, temp files).
_SKIPPED_SUFFIXES = (".map",)


@dataclass(frozen=True)
class OfflineManifest:
    """What the service worker caches."""

    version: str
    #: (path relative to the export's root, sha256, bytes), sorted by path.
    files: list[tuple[str, str, int]]

    @property
    def total_bytes(self) -> int:
        return sum(size for _, _, size in self.files)


def offline_manifest(site: Path) -> OfflineManifest:
    """Every file under ``site`` the pages may fetch, hashed; the version is a hash of the list."""
    files = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if not path.is_file() or relative.as_posix() == SERVICE_WORKER:
            continue
        if any(part.startswith(".") for part in relative.parts) or path.suffix in _SKIPPED_SUFFIXES:
            continue
        files.append((relative.as_posix(), sha256_file(path), path.stat().st_size))
    version = hashlib.sha256(json.dumps(files).encode()).hexdigest()[:20]
    return OfflineManifest(version=version, files=files)


def _pages(site: Path) -> list[Path]:
    """The export's own pages: its index.html and each app folder's (a multi-app site)."""
    pages = [site / "index.html"]
    pages += sorted(p.parent.parent / "index.html" for p in site.glob("*/app/manifest.json"))
    return [page for page in pages if page.is_file()]


def _add_registration(page: Path, src: str) -> None:
    text = page.read_text(encoding="utf-8")
    tag = f'  <script type="module" src="{src}"></script>\n'
    if tag in text:
        return
    head_end = text.find("</head>")
    if head_end < 0:
        raise ExportError(f"{page} has no </head>, so --offline cannot add its service worker's registration.")
    page.write_text(text[:head_end] + tag + text[head_end:], encoding="utf-8")


def write_offline(site: Path) -> OfflineManifest:
    """Make the finished export at ``site`` work offline after one visit; return what is cached."""
    from . import _frontend

    source = _frontend.site_dir()
    shutil.copyfile(source / REGISTER_MODULE, site / "pyinterface" / REGISTER_MODULE)
    for page in _pages(site):
        base = "../" * (len(page.relative_to(site).parts) - 1)
        _add_registration(page, f"{base}pyinterface/{REGISTER_MODULE}")
    manifest = offline_manifest(site)
    template = (source / SERVICE_WORKER).read_text(encoding="utf-8")
    if template.count(_PLACEHOLDER) != 1:
        raise ExportError(f"{source / SERVICE_WORKER} must hold {_PLACEHOLDER!r} exactly once; reinstall pyinterface.")
    data = json.dumps({"version": manifest.version, "files": manifest.files}, separators=(",", ":"))
    (site / SERVICE_WORKER).write_text(template.replace(_PLACEHOLDER, data), encoding="utf-8")
    return manifest
