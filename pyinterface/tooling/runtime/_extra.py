"""Extra pinned wheels: packages a page may need whose lock entry we cannot vendor as is.

``pyodide-http`` is the case: the sync ``XMLHttpRequest`` that lets ``gr.load(...)`` block
at app import time (and ``io("...")`` typed in the REPL) in the worker. Pyodide's lock names
``pyodide_http-0.2.1-py3-none-any.whl`` with the sha256 of Pyodide's own rebuild, which the
pinned package-files wheel does not carry; PyPI's wheel of the same release differs byte for
byte. So the PyPI wheel is pinned here by its URL and its own sha256, fetched once (a plain
HTTPS download) into the cache (like the runtime) and passed to :func:`write_runtime` as an extra wheel, whose
lock entry then replaces the official one.

The table is keyed by :data:`~._pins.PYODIDE_VERSION` because what a release's lock accepts
(the Python version, the platform tag) changes with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._download import PinnedFile, ensure_source
from ._errors import RuntimeSourceError
from ._pins import PYODIDE_VERSION

__all__ = ["EXTRA_WHEELS", "ExtraWheel", "ensure_extra_wheel", "extra_wheels_dir"]


@dataclass(frozen=True)
class ExtraWheel:
    """One pure-Python wheel from PyPI, pinned by the sha256 of the file PyPI serves."""

    #: The lock name it provides (replacing the official entry of that name, if any).
    name: str
    requirement: str
    #: The file on PyPI (files.pythonhosted.org), fetched with a plain HTTPS download.
    url: str
    sha256: str

    @property
    def file(self) -> PinnedFile:
        return PinnedFile(self.url, "sha256", self.sha256)

    @property
    def file_name(self) -> str:
        return self.file.name


#: Pyodide version -> lock name -> the pinned wheel.
EXTRA_WHEELS: dict[str, dict[str, ExtraWheel]] = {
    "0.27.7": {
        "pyodide-http": ExtraWheel(
            name="pyodide-http",
            requirement="pyodide-http==0.2.1",
            url=(
                "https://files.pythonhosted.org/packages/2d/14/d1bf3b7141ad5a42c26e4173a69e3e6529bd92b05bc587c570d28b6a3ce8/"
                "pyodide_http-0.2.1-py3-none-any.whl"
            ),
            sha256="504f62904536a91049c12d0b9162ebaa187a84a3dd877e17c04fd9bf6ec3b68e",
        ),
    },
}


def extra_wheels_dir(cache_dir: Path | None = None) -> Path:
    """``<cache>/extra-wheels/pyodide-<version>/``, beside the runtime (never inside it: the
    runtime folder is replaced as a whole when it is vendored again)."""
    from ._vendor import cache_root

    return Path(cache_dir or cache_root()) / "extra-wheels" / f"pyodide-{PYODIDE_VERSION}"


def _pin(name: str) -> ExtraWheel:
    pins = EXTRA_WHEELS.get(PYODIDE_VERSION, {})
    if name not in pins:
        raise RuntimeSourceError(
            f"no extra wheel {name!r} is pinned for Pyodide {PYODIDE_VERSION} (pinned: {sorted(pins) or 'none'}). "
            f"Add it to EXTRA_WHEELS in {__name__} with the sha256 of the PyPI file."
        )
    return pins[name]


def ensure_extra_wheel(name: str, cache_dir: Path | None = None) -> Path:
    """The pinned wheel for lock name ``name``, downloaded into the cache on first use.

    Checked against its pin every time it is handed out (the file is small), so a damaged
    cache is noticed; a wrong file is deleted and fetched again once. Raises
    :class:`RuntimeSourceError` for a name with no pin, :class:`RuntimeDownloadError` when the
    download fails and :class:`RuntimeIntegrityError` when PyPI serves other bytes.
    """
    pin = _pin(name)
    folder = extra_wheels_dir(cache_dir)
    return ensure_source(
        pin.file, folder,
        fix=f"pyinterface downloads {pin.requirement} the first time an app uses gr.load (the page needs it for "
        f"blocking requests; after that it works offline). Check the network and HTTPS_PROXY, or copy "
        f"{pin.file_name} into {folder}.",
    )
