"""The one place that decides which environment we run in (CPython or Pyodide)."""

from __future__ import annotations

import sys

__all__ = ["IN_PYODIDE"]

#: True inside Pyodide (browser worker or Node); nothing else in pyinterface checks the platform.
IN_PYODIDE: bool = sys.platform == "emscripten"
