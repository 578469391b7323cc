"""Which packages an app without a manifest needs, read from its code's imports.

An app given as inline Python or as a ``.py`` URL has no export manifest listing its packages.
worker.mjs hands :func:`plan_imports_json` the app's Python files and the import names the
page's runtime folders provide (their ``pyodide-lock.json`` ``imports``, mapped to package
names); this module reads every ``import`` statement and sorts each top-level module into:

* the app's own modules (a file ``name.py`` or a folder ``name/`` among its files),
* the standard library, and whatever is importable already (``pyinterface``, ``js``),
* a package the runtime provides (loaded before the app runs),
* missing: none of these. The app is not run; its box names the modules instead.

Imports inside ``try``/``except ImportError`` are optional by the author's own account and are
never reported missing. Pure Python (``ast``), so CPython tests run it as the worker does.

Code that uses the Hub (``gr.load(...)``, ``gr.Interface.load(...)``, ``from pyinterface import
load``, ``pyinterface.hub``) also gets pyodide-http when the runtime provides it: ``gr.load``
blocks on requests at import, which in the browser go through pyodide-http's synchronous
XMLHttpRequest, yet the code names no such import (export adds it the same way, from
``scan.uses_hub``). A runtime without it is no planning error: the Hub's own error names the
package when a blocking request is made (``await`` forms need none).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["HUB_SYNC_IMPORT", "HUB_SYNC_PACKAGE", "ImportPlan", "plan_imports", "plan_imports_json"]

#: The lock package that makes the Hub's blocking requests possible in the worker (an export
#: adds it for an app that uses the Hub), and its import name.
HUB_SYNC_PACKAGE = "pyodide-http"
HUB_SYNC_IMPORT = "pyodide_http"


@dataclass(frozen=True)
class ImportPlan:
    #: Lock package names to load, sorted.
    packages: list[str]
    #: Top-level modules nothing provides, sorted.
    missing: list[str]


def plan_imports(
    files: Mapping[str, str], provided: Mapping[str, str], pyinterface_names: Iterable[str] = (),
) -> ImportPlan:
    """Plan for the app whose Python ``files`` (name -> source) run on a runtime that provides
    ``provided`` (import name -> package name). ``pyinterface_names``: names bound to the
    pyinterface module where the code runs without the code importing it (the console's ``gr``).
    A file that does not parse is skipped: running it reports its SyntaxError with the line,
    which says more than anything said here."""
    local = {_top_level_module(name) for name in files}
    packages: set[str] = set()
    missing: set[str] = set()
    for name, source in files.items():
        if not name.endswith(".py"):
            continue
        try:
            tree = ast.parse(source, filename=name)
        except SyntaxError:
            continue
        required = _required_imports(tree)
        if HUB_SYNC_IMPORT in provided and _uses_hub(tree, set(pyinterface_names)):
            required.add(HUB_SYNC_IMPORT)
        for module in required - local:
            if module in provided:
                packages.add(provided[module])
            elif not _is_available(module):
                missing.add(module)
    return ImportPlan(sorted(packages), sorted(missing))


def plan_imports_json(text: str) -> str:
    """:func:`plan_imports` across the JS boundary: ``{"files", "provided", "pyinterface_names"?}`` in,
    ``{"packages", "missing"}`` out."""
    request = json.loads(text)
    plan = plan_imports(request["files"], request["provided"], request.get("pyinterface_names", ()))
    return json.dumps({"packages": plan.packages, "missing": plan.missing})


def _top_level_module(file_name: str) -> str:
    """``utils.py`` -> ``utils``; ``pkg/mod.py`` and ``pkg/data.csv`` -> ``pkg``."""
    return file_name.split("/", 1)[0].removesuffix(".py")


def _required_imports(tree: ast.AST) -> set[str]:
    """Top-level names of absolute imports, except those guarded by ``except ImportError``."""
    optional: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(handler) for handler in node.handlers):
            optional.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _uses_hub(tree: ast.AST, pyinterface_names: set[str]) -> bool:
    """Whether the code reaches pyinterface's Hub: ``pyinterface.hub`` imported, ``load`` or
    ``hub`` imported from pyinterface, or ``M.load`` / ``M.hub`` / ``M.Interface.load`` /
    ``Interface.load`` where ``M`` names the pyinterface module (``import pyinterface as gr``,
    or one of ``pyinterface_names``) and ``Interface`` was imported from it."""
    modules = set(pyinterface_names)  # names bound to the pyinterface module
    interfaces: set[str] = set()  # names bound to pyinterface.Interface
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_hub_module(alias.name):
                    return True
                if alias.name == "pyinterface" or (alias.name.startswith("pyinterface.") and alias.asname is None):
                    modules.add(alias.asname or "pyinterface")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if _is_hub_module(node.module):
                return True
            if node.module == "pyinterface":
                if any(alias.name in ("load", "hub") for alias in node.names):
                    return True
                interfaces.update(alias.asname or alias.name for alias in node.names if alias.name == "Interface")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or node.attr not in ("load", "hub"):
            continue
        base = node.value
        if isinstance(base, ast.Name) and (base.id in modules or (node.attr == "load" and base.id in interfaces)):
            return True
        if (node.attr == "load" and isinstance(base, ast.Attribute) and base.attr == "Interface"
                and isinstance(base.value, ast.Name) and base.value.id in modules):
            return True
    return False


def _is_hub_module(name: str) -> bool:
    return name == "pyinterface.hub" or name.startswith("pyinterface.hub.")


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    kinds = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    guards = ("ImportError", "ModuleNotFoundError", "Exception")
    return caught is None or any(isinstance(kind, ast.Name) and kind.id in guards for kind in kinds)


def _is_available(module: str) -> bool:
    if module in sys.stdlib_module_names or module in sys.builtin_module_names or module == "__future__":
        return True
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False
