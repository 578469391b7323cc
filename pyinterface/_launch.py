"""What ``Interface.launch()`` does, decided in one place by where the code runs.

* In the browser worker (Pyodide) the app is being run by the page: launching registers the
  Interface so the worker can send its config and route events to it.
* Under ``pyinterface export`` the app is imported only to learn what it builds: launching
  records the Interface and returns.
* Otherwise (a script run with CPython) launching exports the app's source file to a
  temporary folder and serves it on loopback, like ``pyinterface serve app.py``.
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._env import IN_PYODIDE
from .errors import PyinterfaceError

if TYPE_CHECKING:
    from ._interface import Interface

__all__ = ["NoInterfaceError", "launch", "launched", "recording", "run_app"]

#: Interfaces launched since the registry was last cleared, in launch order.
launched: list[Interface] = []
#: True while an app is imported by the worker or by the exporter: launch() only records.
recording: bool = IN_PYODIDE


def launch(interface: Interface, **kwargs: Any) -> Any:
    if recording:
        launched.append(interface)
        return interface
    from .tooling.serve import serve_main_script  # CPython only: the one way from the library to the tooling

    return serve_main_script(interface, **kwargs)


class NoInterfaceError(PyinterfaceError):
    """The app ran but built no Interface to show."""


def run_app(entry: Path, folder: Path) -> Interface:
    """Run the app file ``entry`` as ``__main__`` with launch() recording; return its Interface.

    The worker and the exporter both go through here, so the page shows the same Interface the
    export saw: the first one launched (Gradio's launch() blocks, so later ones never showed),
    else a global named ``demo``, else the module's only Interface (an inline app on a page
    need not call launch()). The app runs in its own folder, as under CPython.
    """
    global recording
    os.chdir(folder)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    sys.argv = [str(entry)]
    was_recording, recording = recording, True
    launched.clear()
    namespace: dict[str, Any] = {}
    try:
        try:
            namespace = runpy.run_path(str(entry), run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0) or not launched:
                raise
        shown = list(launched)
    finally:
        launched.clear()
        recording = was_recording
    if shown:
        return shown[0]
    return _interface_among_globals(namespace, entry.name)


def _interface_among_globals(namespace: dict[str, Any], file_name: str) -> Interface:
    """The Interface an app defined without launching it: its global ``demo``, else its only one."""
    from ._interface import Interface

    demo = namespace.get("demo")
    if isinstance(demo, Interface):
        return demo
    found = {id(value): name for name, value in namespace.items() if isinstance(value, Interface) and not name.startswith("_")}
    names = sorted(found.values())
    if len(names) == 1:
        return namespace[names[0]]  # type: ignore[no-any-return]
    if names:
        raise NoInterfaceError(
            f"{file_name} builds several Interfaces ({', '.join(names)}) and launches none: call .launch() on the "
            "one to show, or name it demo."
        )
    found_demo = f" (its `demo` is a {type(demo).__name__}, not a pyinterface Interface)" if demo is not None else ""
    raise NoInterfaceError(f"{file_name} built no Interface{found_demo}: call demo.launch() or name it demo.")
