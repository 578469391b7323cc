"""What one app sees of the interpreter that every app on the page shares.

The page's apps run in one Pyodide, each from its own folder. Without care, two apps that
each ship a ``utils.py`` would share one ``sys.modules["utils"]``: the second app would get the
first app's module. So each app gets a scope, and :meth:`AppScope.enter` (called by the worker
before the app runs and before each of its events) makes the interpreter look the way the app
expects:

* the working directory is the app's folder;
* the app's folder is the only app folder on ``sys.path`` (first);
* ``sys.modules`` holds the app's own modules (files inside its folder) and no other app's:
  the previous app's are set aside in its scope and come back when it is entered again.

Modules from outside every app folder (the standard library, numpy, pyinterface) are shared.
When the app's element leaves the page, :meth:`AppScope.drop` forgets its modules and folder.
Entering happens in the synchronous part of an event, before its first ``await``: an app whose
async fn imports one of its own modules after awaiting, while another app's event runs, may see
the other app's view. Imports at the top of the app (the usual place) are never affected.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType
from typing import ClassVar

__all__ = ["AppScope"]


class AppScope:
    """One app's folder and its own modules while another app's are in ``sys.modules``."""

    #: The scope whose view the interpreter has now.
    _current: ClassVar[AppScope | None] = None
    #: Folders of every scope made so far (their paths as sys.path holds them).
    _folders: ClassVar[set[str]] = set()

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._prefix = str(folder) + os.sep
        self._set_aside: dict[str, ModuleType] = {}
        AppScope._folders.add(str(folder))

    def enter(self) -> None:
        """Make this app's view the interpreter's (a no-op apart from the folder when it is already)."""
        os.chdir(self.folder)
        current = AppScope._current
        if current is self:
            return
        if current is not None:
            current._set_modules_aside()
        sys.modules.update(self._set_aside)
        self._set_aside = {}
        sys.path[:] = [str(self.folder)] + [p for p in sys.path if p not in AppScope._folders]
        AppScope._current = self

    def drop(self) -> None:
        """Forget this app: its modules leave ``sys.modules`` (or the scope), its folder leaves
        ``sys.path``; the working directory moves to the folder's parent if it was the app's."""
        if AppScope._current is self:
            self._set_modules_aside()
            AppScope._current = None
            if Path.cwd() == self.folder:
                os.chdir(self.folder.parent)
        self._set_aside.clear()
        AppScope._folders.discard(str(self.folder))
        sys.path[:] = [p for p in sys.path if p != str(self.folder)]

    def _set_modules_aside(self) -> None:
        """Move this app's own modules out of ``sys.modules`` into the scope."""
        for name, module in list(sys.modules.items()):
            if name != "__main__" and self._owns(module):
                self._set_aside[name] = sys.modules.pop(name)

    def _owns(self, module: ModuleType | None) -> bool:
        locations = [getattr(module, "__file__", None), *(getattr(module, "__path__", None) or [])]
        return any(isinstance(path, str) and path.startswith(self._prefix) for path in locations)
