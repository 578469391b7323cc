"""The one error an export raises for a problem the user can fix (re-exported by :mod:`pyinterface.tooling.export`).

It lives apart from ``export.py`` so the small modules that decide what an export ships
(paths, CSS, secrets) can raise it without importing the exporter they serve.
"""

from __future__ import annotations

from ..errors import PyinterfaceError

__all__ = ["ExportError"]


class ExportError(PyinterfaceError):
    """The app cannot be exported as asked; the message names the problem and the fix."""
