"""What ``Interface.launch()`` does, decided in one place by where the code runs.

* In the browser worker (Pyodide) the app is being run by the page: launching registers the
  Interface so the worker can send its config and route events to it.
* Under ``pyinterface export`` the app is imported only to learn what it builds: launching
  records the Interface and returns.
* Otherwise (a script run with CPython) launching exports the app's source file to a
  temporary folder and serves it on loopback, like ``pyinterface serve app.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._env import IN_PYODIDE

if TYPE_CHECKING:
    from ._interface import Interface

__all__ = ["launched", "recording", "launch"]

#: Interfaces launched since the registry was last cleared, in launch order.
launched: list[Interface] = []
#: True while an app is imported by the worker or by the exporter: launch() only records.
recording: bool = IN_PYODIDE


def launch(interface: Interface, **kwargs: Any) -> Any:
    if recording:
        launched.append(interface)
        return interface
    from .serve import serve_main_script  # CPython only; imports the build-time modules lazily

    return serve_main_script(interface, **kwargs)
