"""Exceptions raised by pyinterface.

The tree::

    Exception
    ├── Error                     raise it in your fn to show a message in the page (gr.Error)
    └── PyinterfaceError          base of every error pyinterface raises itself
        ├── ComponentValueError   a value a component cannot take (also a ValueError)
        ├── ConfigurationError    an Interface/Parallel/Series built wrongly (also a ValueError)
        ├── RuntimeIntegrityError a vendored Pyodide file does not match its pinned sha256 (pyinterface.tooling.runtime)
        ├── RuntimeDownloadError  npm/pip could not fetch the pinned runtime (pyinterface.tooling.runtime)
        └── RuntimeSourceError    no pinned source for a Pyodide version or package (pyinterface.tooling.runtime)

Misuse of the Python API (wrong types, wrong arity) raises the built-in ``TypeError`` or
``ValueError`` families so code written for Gradio 3 catches the same exceptions; the
pyinterface subclasses add the component or interface that was being handled.
"""

from __future__ import annotations

__all__ = ["ComponentValueError", "ConfigurationError", "Error", "PyinterfaceError"]


class Error(Exception):
    """Raise inside your function to show ``message`` to the visitor instead of a traceback.

    Mirrors ``gradio.Error``: the page shows the message next to the outputs and keeps working.
    """

    def __init__(self, message: str = "Error raised.") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PyinterfaceError(Exception):
    """Base class of the errors pyinterface raises itself."""


class ComponentValueError(PyinterfaceError, ValueError):
    """A component was given a value it cannot represent; the message names both."""


class ConfigurationError(PyinterfaceError, ValueError):
    """An Interface, Parallel or Series was built with arguments that cannot work together."""
