"""Vendor the page's npm libraries (DOMPurify, marked) into ``site/vendor/`` (build time only).

The JS bridge in ``site/`` is plain ES modules with no bundler; the two libraries it needs are
fetched with ``npm pack`` at pinned versions, checked against the ``dist.integrity`` npm
publishes, and their browser ES-module builds extracted::

    site/vendor/dompurify/purify.es.mjs  (+ .map, LICENSE)
    site/vendor/marked/marked.esm.js     (+ .map, LICENSE)
    site/vendor/playground/<package>/    the playground page's CodeMirror 6 (index.js + LICENSE each)
    site/vendor/playground/fflate/       the playground's zip writer (browser.js + LICENSE)
    site/vendor/fflate/                  the same, for the app page's flagged-samples zip
    site/vendor/.vendor.json             pins and sha256 of every file (written last)

Tarballs are cached (``build/.cache/npm`` in a checkout, else ``<pyinterface cache>/npm``), so
this runs offline after the first time. ``site/vendor/`` is generated, not committed.
Nothing here runs in the browser, and importing this module imports only the stdlib.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import PyinterfaceError
from .runtime._hashing import sha256_file

__all__ = ["CODEMIRROR_PACKAGES", "FRONTEND_PACKAGES", "FrontendVendorError", "ensure_frontend_vendor", "site_dir", "vendor_frontend"]

_REPO = Path(__file__).resolve().parents[2]
_PACKAGED_SITE = Path(__file__).resolve().parent / "_site"
_MANIFEST = ".vendor.json"


@dataclass(frozen=True)
class NpmPin:
    """One npm package: the exact version, its published integrity, and the files we take."""

    name: str
    version: str
    integrity: str
    #: tarball member (under ``package/``) -> path inside ``site/vendor/``
    files: dict[str, str]

    @property
    def tarball_name(self) -> str:
        """The file ``npm pack`` writes: a scoped name loses its "@" and "/" becomes "-"
        (``@codemirror/state`` 6.7.6 -> ``codemirror-state-6.7.6.tgz``)."""
        return f"{self.name.removeprefix('@').replace('/', '-')}-{self.version}.tgz"


FRONTEND_PACKAGES: tuple[NpmPin, ...] = (
    NpmPin(
        "dompurify",
        "3.4.18",
        "sha512-ofe3wI/uNm68HInABYFJYqQxRw1EaKAjNdrFVKqjUY+UZurvNd2L/HuQe097s/4RivWiZyP6tT7aoT8atjfhwg==",
        {
            "dist/purify.es.mjs": "dompurify/purify.es.mjs",
            "dist/purify.es.mjs.map": "dompurify/purify.es.mjs.map",
            "LICENSE": "dompurify/LICENSE",
        },
    ),
    NpmPin(
        "marked",
        "18.2.1",
        "sha512-ii4bxCTCqqwpT86XZWgJNs+ZnAIZksmLGYMViWA7PDIXYIeNo1x6cDdX3JOip9NM/cI6p8z57FxliACboTruMA==",
        {
            "lib/marked.esm.js": "marked/marked.esm.js",
            "lib/marked.esm.js.map": "marked/marked.esm.js.map",
            "LICENSE": "marked/LICENSE",
        },
    ),
)


def _editor_pin(name: str, version: str, integrity: str, module: str = "dist/index.js") -> NpmPin:
    """A package of the playground's editor: its ES module as ``playground/<name without @>/index.js``
    (the playground page's import map names each one), and its LICENSE beside it."""
    folder = f"playground/{name.removeprefix('@')}"
    return NpmPin(name, version, integrity, {module: f"{folder}/index.js", "LICENSE": f"{folder}/LICENSE"})


#: CodeMirror 6 with Python highlighting, for the playground page only (export copies
#: ``vendor/playground/`` to ``playground/vendor/`` with --playground; see tooling/_playground.py):
#: the packages its modules import, each at the version npm resolved together.
CODEMIRROR_PACKAGES: tuple[NpmPin, ...] = (
    _editor_pin("@codemirror/state", "6.7.6", "sha512-kAz+AncRtKuIknedxT1bq4XwXv4UowhbkHU1myPrtVb/jZtImWuV5BXzv5vK6i3kYACsdiZiQKFQQ5Mq7elW8w=="),
    _editor_pin("@codemirror/view", "6.43.15", "sha512-HHsfpqFeHyXLs983pSRe38Xajs0vFWZQ2BuX0m7Ki8w3jZ5iD8cuR3lBz2/5/X53Dhf32SBHKh6rtSTB6tKeGw=="),
    _editor_pin("@codemirror/commands", "6.11.1", "sha512-O/4hG3SC1YwcmQ0d2UVNDs+AsaNWd1iHVxbTeEBuqH+6bExAiPK3iS/BvpY6rZGURALv4ZD3sIgcCmRvw3ehBg=="),
    _editor_pin("@codemirror/language", "6.13.1", "sha512-zfvU2r3TyylQLMj/te+5CnQ0rSqZi8B1oTCBbQkagcLW4Xc6imab6qN+pEJhsuNOLaJqiRyBXp9UhWA1DhVvDw=="),
    _editor_pin("@codemirror/streamparser", "6.0.0", "sha512-JTFPF6xrfjt0mnfGPgzcLiMwYmvIyNaoizp8BYzv8FE8KrT6GBGDZ190rtt+O7Wke3gG/MFHyiY9YGNeimof4w=="),
    _editor_pin("@codemirror/autocomplete", "6.20.4", "sha512-yF8RhOf2SXlg00+qtupzLhrglcas61boqaONiNcbPIebHCpJocpqTBA6dyrtUrQO47hqyTdeob/3XnYilT7TaQ=="),
    _editor_pin("@codemirror/lang-python", "6.2.1", "sha512-IRjC8RUBhn9mGR9ywecNhB51yePWCGgvHfY1lWN/Mrp3cKuHr0isDKia+9HnvhiWNnMpbGhWrkhuWOc09exRyw=="),
    _editor_pin("@lezer/common", "1.5.5", "sha512-Pw7PVCndruF1pb3ebCxpSVpkMHSDjwRCLcTRw+RizUKco5QbWylwq2g4lnG/RYN7yTTQDXE9F77MwtkAyphrjg=="),
    _editor_pin("@lezer/highlight", "1.2.5", "sha512-O1GMVKgtf5YspFaRzpmqkVgMtIk2HG9uMAbH6wdAIdNh3TVzCsch/+cRi+6l2//UGDKe6NB9BW3cvuR5ezMQ0w=="),
    _editor_pin("@lezer/lr", "1.4.12", "sha512-On9HU4oMMiHPMkQDgoTnGahjgG5n/MkN38CgG77sMraKLL+3JBbeQNi1FcCXV9QRqwF9/BUXP3caHyJC1fBOTQ=="),
    _editor_pin("@lezer/python", "1.1.19", "sha512-MhQIURHRytsNzP/YXnqpYKW6la6voAH3kyplTOOiCdjyFY6cWWGFVmYVdHIPrElqSDf4iCDktQCockB9FxuhzQ=="),
    _editor_pin("@marijn/find-cluster-break", "1.0.4", "sha512-Wy0V7+SGUjnF9/TkiM1hKVDPj7jKXduPNboMVtHTA8dySMURWqfg/JZ9E2Sq8JgSJmkl7k7Qe9FLeMSrSraWmQ==", "src/index.js"),
    _editor_pin("style-mod", "4.1.5", "sha512-WQ2llCZa9sZSkJA+aOwpg5DkfbAXFKGh//t3MRTBeruFiSBC+GXUmbBzrw3bXyboCWAbtCW9InDfBsXrRD/rAg==", "src/style-mod.js"),
    _editor_pin("w3c-keyname", "2.2.8", "sha512-dpojBhNsCNN7T82Tm7k26A6G9ML3NkhDsnw9n/eoxSRlVBB4CEtIQ/KTCLI2Fwf3ataSXRhYFkQi3SlnFwPvPQ==", "index.js"),
    _editor_pin("crelt", "1.0.7", "sha512-aK6BbWfhf4U/wCcLHKPJl/xa6VkVstRaPywWtMKGwuOLc/wZTyQYuoxgvZnNsBvv7Kg3YTBQYYBCggcviQczuA==", "index.js"),
)
FRONTEND_PACKAGES += CODEMIRROR_PACKAGES
#: fflate (browser ES module build), the zip writer of the playground's Download site (in
#: vendor/playground/, shipped with --playground only) and of an app's Flagged view (Download
#: zip, site/flagged-view.mjs; in vendor/fflate/, shipped with every export): one pin, two copies.
_FFLATE = ("fflate", "0.8.3", "sha512-tbZNuJrLwGUp3zshBtdy4W+ORxZuIh8a5ilyIEQDC5rY1f3U20JMry0Ll3WBzU58EZKsEuJFXhb5gwv8CsPvgA==")
FRONTEND_PACKAGES += tuple(
    NpmPin(*_FFLATE, {"esm/browser.js": f"{folder}fflate/browser.js", "LICENSE": f"{folder}fflate/LICENSE"})
    for folder in ("playground/", "")
)


class FrontendVendorError(PyinterfaceError):
    """npm failed, or a tarball is not the pinned one; the message names the command or file."""


def site_dir() -> Path:
    """The JS bridge folder: ``site/`` of a checkout, else the copy an installed wheel carries
    as ``pyinterface/tooling/_site`` (setup.py puts it there)."""
    for site in (_REPO / "site", _PACKAGED_SITE):
        if (site / "pyinterface.mjs").is_file():
            return site
    raise FrontendVendorError(
        f"the JS bridge is missing: neither {_REPO / 'site'} nor {_PACKAGED_SITE} has pyinterface.mjs. "
        "Reinstall pyinterface (its wheel carries the bridge) or run from a checkout."
    )


def _default_cache() -> Path:
    if (_REPO / "build").is_dir():
        return _REPO / "build" / ".cache" / "npm"
    from .runtime import cache_root  # stdlib-only module; imported late to keep this one small

    return cache_root() / "npm"


def _sri(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def _tarball(pin: NpmPin, cache: Path) -> Path:
    """The pinned tarball from the cache, or from ``npm pack``; its integrity checked either way."""
    cached = cache / pin.tarball_name
    if cached.is_file() and _sri(cached) == pin.integrity:
        return cached
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".pack-") as tmp:
        command = ["npm", "pack", f"{pin.name}@{pin.version}", "--pack-destination", tmp, "--json"]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise FrontendVendorError(
                f"`{' '.join(command)}` failed: npm is not installed. Install Node.js >= 20 with npm "
                f"(needed once, to vendor {pin.name}), or copy a complete site/vendor/ in place."
            ) from None
        if proc.returncode != 0:
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-10:])
            raise FrontendVendorError(f"`{' '.join(command)}` failed (exit {proc.returncode}); check the network and npm's registry setting.\n{tail}")
        reported = json.loads(proc.stdout)[0].get("integrity")
        packed = Path(tmp) / pin.tarball_name
        actual = _sri(packed)
        if actual != pin.integrity or reported != pin.integrity:
            raise FrontendVendorError(
                f"integrity check failed for {pin.name}@{pin.version}: pinned {pin.integrity}, npm reported "
                f"{reported}, the tarball hashes to {actual}. Do not use it; check `npm config get registry`."
            )
        os.replace(packed, cached)
    return cached


def _manifest() -> dict[str, object]:
    return {"packages": {pin.name: {"version": pin.version, "integrity": pin.integrity} for pin in FRONTEND_PACKAGES}}


def _is_complete(vendor: Path) -> bool:
    try:
        recorded = json.loads((vendor / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if recorded.get("packages") != _manifest()["packages"]:
        return False
    files = recorded.get("files", {})
    wanted = {target for pin in FRONTEND_PACKAGES for target in pin.files.values()}
    return set(files) == wanted and all((vendor / name).is_file() and sha256_file(vendor / name) == digest for name, digest in files.items())


def vendor_frontend(dest: Path, *, cache_dir: Path | None = None) -> Path:
    """Write the pinned libraries into ``dest`` (normally ``site/vendor``); return ``dest``.

    Idempotent: a complete ``dest`` matching the pins is left as it is (no npm call).
    Raises :class:`FrontendVendorError` when npm fails or a tarball's integrity differs.
    """
    dest = Path(dest)
    if _is_complete(dest):
        return dest
    cache = Path(cache_dir) if cache_dir is not None else _default_cache()
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".vendor-", dir=dest.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it 0700; the result should read like a mkdir
    try:
        digests: dict[str, str] = {}
        for pin in FRONTEND_PACKAGES:
            with tarfile.open(_tarball(pin, cache), "r:gz") as tar:
                for member_name, target in pin.files.items():
                    member = tar.extractfile(f"package/{member_name}")
                    if member is None:
                        raise FrontendVendorError(f"{pin.name}@{pin.version} has no {member_name}; the pin in {__name__} is wrong.")
                    out = staging / target
                    out.parent.mkdir(parents=True, exist_ok=True)
                    with member, out.open("wb") as handle:
                        shutil.copyfileobj(member, handle)
                    digests[target] = sha256_file(out)
        (staging / _MANIFEST).write_text(json.dumps({**_manifest(), "files": digests}, indent=1, sort_keys=True), encoding="utf-8")
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dest


def ensure_frontend_vendor() -> Path:
    """Return the folder of the vendored npm libraries, vendoring them first if needed.

    In a checkout that is ``site/vendor``; for an installed wheel, whose package folder may be
    read-only, a folder in the user cache keyed by the pins. ``pyinterface export`` copies it
    to ``<out>/pyinterface/vendor``.
    """
    site = site_dir()
    if site == _PACKAGED_SITE:
        from .runtime import cache_root

        pins = hashlib.sha256(json.dumps(_manifest(), sort_keys=True).encode()).hexdigest()[:16]
        return vendor_frontend(cache_root() / "frontend" / pins / "vendor")
    return vendor_frontend(site / "vendor")
