"""Which Pyodide packages an exported app needs: its own imports, mapped through the lock.

CPython is the wrong witness for this. Running the app there imports whatever CPython's builds
of its packages import (scikit-learn 1.9 brings narwhals and cloudpickle), while Pyodide's
builds say what they need in the lock's ``depends`` (scikit-learn 1.6.1: scipy, joblib and
threadpoolctl), which :func:`~pyinterface.tooling.runtime.write_runtime` follows. So an app
needs:

* the packages providing the top-level modules its own code imports: every ``import`` in the
  Python files it ships (its entry and its modules), read by the page's own rule
  (:mod:`pyinterface._app_imports`), so an import inside a function counts even though the
  export's run never reached it;
* an import guarded by ``except ImportError`` only when it succeeded in the export's run
  (the author accepts its absence; CPython had it, so the page gets it too);
* what the Interface's components and interpretation need (``Interface.pyodide_packages``).

A module imported only through ``importlib`` is not seen: name it in an ``import`` statement.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .._app_imports import _required_imports  # the page's rule, so export and page agree
from ._appscan import AppScan

__all__ = ["app_imports", "import_names", "needed_packages"]

#: Importable in every page without a package: the library itself and Pyodide's own modules.
_ALWAYS_THERE = frozenset({"pyinterface", "js", "pyodide", "pyodide_js", "__future__"})


def import_names(runtime: Path, wheels: Sequence[tuple[str, Path]] = ()) -> dict[str, str]:
    """Import name -> lock package name, for every package of the runtime's lock (each can be
    had, see :mod:`pyinterface.tooling.runtime._packages`) and the extra ``wheels``
    ((lock name, wheel file), which take precedence)."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import parse_top_level_import_name

    lock = PyodideLockSpec.from_json(runtime / "pyodide-lock.json")
    names: dict[str, str] = {}
    for name, spec in lock.packages.items():
        for module in spec.imports:
            names.setdefault(module, name)
    for name, wheel in wheels:
        for module in parse_top_level_import_name(wheel) or ():
            names[module] = name
    return names


def _statement_imports(tree: ast.AST) -> set[str]:
    """Top-level names of every absolute import in ``tree``, guarded or not."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return names


def app_imports(root: Path, files: Iterable[str], imported: Mapping[str, object]) -> set[str]:
    """Top-level modules the app's own Python ``files`` (relative to ``root``) import, its own
    modules left out; a guarded import counts only if it is among the ``imported`` modules
    (what the export's run of the app imported). A file that does not parse adds nothing."""
    files = list(files)
    local = {name.split("/", 1)[0].removesuffix(".py") for name in files}
    found: set[str] = set()
    for name in files:
        if not name.endswith(".py"):
            continue
        try:
            tree = ast.parse((root / name).read_bytes(), filename=name)
        except (SyntaxError, ValueError):
            continue
        required = _required_imports(tree)
        found |= required | {m for m in _statement_imports(tree) - required if m in imported}
    return found - local


def needed_packages(
    scan: AppScan, import_names: Mapping[str, str], app_dir: Path, files: Iterable[str]
) -> tuple[list[str], list[str]]:
    """(Pyodide lock packages the app needs, warnings about imports the page may not satisfy);
    ``files`` are the app files the export ships (relative to ``app_dir``)."""
    packages = set(scan.packages)
    warnings: list[str] = []
    for module in sorted(app_imports(app_dir, files, scan.modules)):
        if module in import_names:
            packages.add(import_names[module])
        elif module in sys.stdlib_module_names or module in _ALWAYS_THERE or module.startswith("_"):
            continue
        else:
            origin = scan.modules.get(module)
            where = f" (from {origin})" if origin else ""
            warnings.append(
                f"the app imports {module!r}{where}, which is neither a Pyodide package nor in the app's "
                "folder: if the page needs it, add its pure-Python wheel with --requirements."
            )
    return sorted(packages), warnings
