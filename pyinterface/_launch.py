"""What ``Interface.launch()`` does, decided in one place by where the code runs.

* In the browser worker (Pyodide) the app is being run by the page: launching registers the
  Interface so the worker can send its config and route events to it.
* Under ``pyinterface export`` the app is imported only to learn what it builds: launching
  records the Interface and returns.
* Otherwise (a script run with CPython) launching exports the app's source file to a
  temporary folder and serves it on loopback, like ``pyinterface serve app.py``.

Inside :func:`collecting_launches` (the worker running an app, or console input) launching only
records, in that block's own list: a context variable, so an app loading while console input
of another app awaits keeps its launches apart.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._env import IN_PYODIDE
from .errors import PyinterfaceError

if TYPE_CHECKING:
    from ._interface import Interface

__all__ = ["LoadedApp", "NoInterfaceError", "collecting_launches", "launch", "launched", "load_app", "loading_app", "note_built", "recording",
           "run_app"]

#: Interfaces launched since the registry was last cleared, in launch order.
launched: list[Interface] = []
#: True while an app is imported by the worker or by the exporter: launch() only records.
recording: bool = IN_PYODIDE
#: The list the current block of :func:`collecting_launches` records into (None outside one).
_collector: ContextVar[list[Interface] | None] = ContextVar("pyinterface_launches", default=None)
#: Every Interface built while :func:`load_app` runs an app (None outside it): what the
#: "built no Interface" message names when the app kept none.
_built: ContextVar[list[Interface] | None] = ContextVar("pyinterface_built", default=None)


def launch(interface: Interface, **kwargs: Any) -> Any:
    collector = _collector.get()
    if collector is not None:
        collector.append(interface)
        return interface
    if recording:
        launched.append(interface)
        return interface
    from .tooling.serve import serve_main_script  # CPython only: the one way from the library to the tooling

    return serve_main_script(interface, **kwargs)


def note_built(interface: Interface) -> None:
    """Called by every Interface as it is built; remembered only while an app is being loaded."""
    built = _built.get()
    if built is not None:
        built.append(interface)


def loading_app() -> bool:
    """Whether an app file is being run by :func:`load_app` (the page's worker, or the export's run of it)."""
    return _built.get() is not None


class NoInterfaceError(PyinterfaceError):
    """The app ran but built no Interface to show."""


@contextmanager
def collecting_launches() -> Iterator[list[Interface]]:
    """Within the block, ``launch()`` records the Interface in the yielded list (and returns it)
    instead of serving it; the list is this block's (and its asyncio tasks') alone."""
    shown: list[Interface] = []
    token = _collector.set(shown)
    try:
        yield shown
    finally:
        _collector.reset(token)


@dataclass(frozen=True)
class LoadedApp:
    #: The Interface the app shows.
    interface: Interface
    #: The app module's globals: the very dict its functions' ``__globals__`` is, so console
    #: input run in it changes what fn sees.
    namespace: dict[str, Any]


def run_app(entry: Path, folder: Path) -> Interface:
    """The Interface of the app file ``entry``, run as ``__main__`` (see :func:`load_app`)."""
    return load_app(entry, folder).interface


def load_app(entry: Path, folder: Path) -> LoadedApp:
    """Run the app file ``entry`` as ``__main__`` with launch() recording; return its Interface
    and its module globals.

    The worker and the exporter both go through here, so the page shows the same Interface the
    export saw: the first one launched (Gradio's launch() blocks, so later ones never showed),
    else a global named ``demo``, else the module's only Interface (an inline app on a page
    need not call launch()). The app runs in its own folder, as under CPython.
    """
    os.chdir(folder)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    sys.argv = [str(entry)]
    module = ModuleType("__main__")
    built: list[Interface] = []
    token = _built.set(built)
    try:
        with collecting_launches() as shown:
            try:
                _run_as_main(entry, module)
            except SystemExit as exc:
                if exc.code not in (None, 0) or not shown:
                    raise
    finally:
        _built.reset(token)
    namespace = vars(module)
    interface = shown[0] if shown else _interface_among_globals(namespace, entry.name, built)
    return LoadedApp(interface, namespace)


def _run_as_main(entry: Path, module: ModuleType) -> None:
    """What ``runpy.run_path(entry, run_name="__main__")`` does, keeping the module's own globals
    (runpy returns a copy, which console input could not change fn's view through)."""
    code = compile(entry.read_bytes(), str(entry), "exec", dont_inherit=True)
    module.__dict__.update(__file__=str(entry), __cached__=None, __builtins__=builtins, __package__=None)
    previous = sys.modules.get("__main__")
    sys.modules["__main__"] = module  # what the app sees while it runs (pickle, dataclasses' lookups)
    try:
        exec(code, vars(module))  # noqa: S102 - running the app is the point
    finally:
        if previous is not None:
            sys.modules["__main__"] = previous


def _interface_among_globals(namespace: dict[str, Any], file_name: str, built: list[Interface]) -> Interface:
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
    raise NoInterfaceError(_nothing_to_show(namespace, file_name, built))


def _nothing_to_show(namespace: dict[str, Any], file_name: str, built: list[Interface]) -> str:
    """Why an app shows nothing, naming what it did build or define, and the lines that fix it.

    A script that only calls a loaded model (``print(gr.load("models/gpt2")("Hi"))``) is a valid
    program that builds an Interface and drops it; so is one that defines fn and never wraps it.
    """
    import inspect

    message = f"{file_name} built no Interface"
    demo = namespace.get("demo")
    if demo is not None:
        message += f" (its `demo` is a {type(demo).__name__}, not a pyinterface Interface)"
    parts = {id(member) for interface in built for member in interface.members}
    dropped = [interface for interface in built if id(interface) not in parts]  # a Parallel, not its members
    if dropped:
        made = ", ".join(_describe(interface) for interface in dropped[:3]) + (", ..." if len(dropped) > 3 else "")
        kind = "gr.load" if any(hasattr(i.fn, "settings") for i in dropped) else "gr.Interface"
        count = "an Interface" if len(dropped) == 1 else f"{len(dropped)} Interfaces"
        return (f"{message} to show: it made {count}, for {made}, but kept none in a global and launched none. "
                f"Keep the one to show and launch it: `demo = {kind}(...)`, then `demo.launch()`.")
    functions = [name for name, value in namespace.items()
                 if inspect.isfunction(value) and value.__module__ == "__main__" and not name.startswith("_")]
    if functions:
        listed = ", ".join(f"{name}()" for name in functions[:3]) + (", ..." if len(functions) > 3 else "")
        return (f"{message}: it defines {listed} but wraps none in an Interface. Wrap the function to show and "
                f"launch it: `demo = gr.Interface({functions[0]}, inputs=..., outputs=...)`, then `demo.launch()`.")
    return (f"{message}: build one and launch it, e.g. `demo = gr.Interface(fn, inputs, outputs)`, then "
            "`demo.launch()`.")


def _describe(interface: Interface) -> str:
    """``model gpt2 (text-generation)`` for a loaded one (its HubFunction says what it calls), else fn's name."""
    return str(getattr(interface.fn, "description", None) or f"fn {interface.__name__}")
