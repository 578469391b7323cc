"""The three errors vendoring can raise, each naming the file or command and the fix."""

from __future__ import annotations

from pathlib import Path

from pyinterface.errors import PyinterfaceError


class RuntimeIntegrityError(PyinterfaceError):
    """A vendored file's digest differs from its pin: corrupt, truncated or not official."""

    def __init__(self, file: str | Path, expected: str, actual: str, fix: str) -> None:
        self.file = str(file)
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"integrity check failed for {self.file}: expected {expected}, got {actual}. {fix}"
        )


class RuntimeDownloadError(PyinterfaceError):
    """Downloading a pinned file failed; the message names the URL and the fix."""

    def __init__(self, url: str, detail: str, fix: str) -> None:
        self.url = url
        self.detail = detail
        super().__init__(f"downloading {url} failed: {detail}\n{fix}")


class RuntimeSourceError(PyinterfaceError, LookupError):
    """Asked for a Pyodide version or a package this module has no source for."""


# Tracebacks and reprs name the public path they are imported from, not this private module.
for _error in (RuntimeIntegrityError, RuntimeDownloadError, RuntimeSourceError):
    _error.__module__ = "pyinterface.tooling.runtime"
del _error
