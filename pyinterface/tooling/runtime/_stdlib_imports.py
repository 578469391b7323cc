"""Which stdlib modules a page loads: the import closure of the boot and of the shipped wheels.

Byte-compiling all 511 modules of ``python_stdlib.zip`` would add 4 MB to every first visit
(1.7 MB even without the sources) while a page imports about 120 of them. This finds those
statically: start from what Pyodide's own boot imports (its ``pyodide`` and ``_pyodide``
packages, the codecs the interpreter needs) plus every module of the wheels the site ships,
and follow the imports that run when a module is loaded (module and class level, including
``try``/``if`` blocks; not those inside functions, which run only if called).

Found at export from the files themselves, so it follows the pinned runtime and the app's
wheels with no list to keep up to date. A module imported only from inside a function or by
name (``importlib.import_module``) goes, as a source file, to the rest of the stdlib, which a
page downloads on the first such import (``_stdlib_split``).
"""

from __future__ import annotations

import ast
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

#: What a Pyodide boot imports before any of the page's code: its packages, the modules its
#: JavaScript side imports by name, the codecs the interpreter loads at start-up, and what
#: ``loadPackage`` imports from inside its functions to unpack a wheel (metadata, zip names);
#: and what the worker imports inside a function on every app run (``runpy.run_path``: pkgutil).
#: A module missed here still loads, from the rest of the stdlib (``_stdlib_split``), at the cost
#: of that archive's download: tests/e2e/test_stdlib_more.py checks a plain app needs none.
BOOT_ROOTS: tuple[str, ...] = (
    "_pyodide", "_pyodide._future_helper", "_pyodide.docstring", "_pyodide.jsbind",
    "pyodide", "pyodide._package_loader", "pyodide.code", "pyodide.common",
    "encodings", "encodings.utf_8", "encodings.aliases",
    "importlib.metadata", "tarfile", "encodings.cp437",
    "pkgutil",
)  # fmt: skip


#: Modules that import another by a name computed at run time, which no import statement shows:
#: module -> the prefix of the top-level members it loads. ``sysconfig`` reads its build
#: variables from ``_sysconfigdata__emscripten_wasm32-emscripten`` (not even an identifier),
#: and scikit-learn reaches sysconfig at import (joblib -> pydoc).
_IMPORTS_BY_NAME: dict[str, str] = {"sysconfig": "_sysconfigdata_"}

#: Stdlib modules that compiled extension modules import when loaded, which no Python source
#: shows: wheel member prefix -> module names. numpy.random's Cython bit generator imports
#: ``secrets`` (scipy and scikit-learn load numpy.random at import).
_COMPILED_IMPORTS: dict[str, tuple[str, ...]] = {"numpy/random/bit_generator.": ("secrets",)}


def _module_names(members: Iterable[str]) -> dict[str, str]:
    """Module name -> its member for every ``.py`` in an archive (``a/__init__.py`` -> ``a``)."""
    found: dict[str, str] = {}
    for name in members:
        if not name.endswith(".py"):
            continue
        parts = name[:-3].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and all(p.isidentifier() for p in parts):
            found[".".join(parts)] = name
    return found


#: What ``sys.platform`` and ``os.name`` are in the page.
_PLATFORM = {"sys.platform": "emscripten", "os.name": "posix"}


def _static_truth(test: ast.expr) -> bool | None:
    """Whether an ``if`` test is known when a page imports the module: ``__name__ ==
    "__main__"`` (False: the module is imported, not run), ``TYPE_CHECKING`` (False), and a
    ``sys.platform`` / ``os.name`` comparison with a string (Pyodide's values). Else None."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _static_truth(test.operand)
        return None if inner is None else not inner
    if isinstance(test, (ast.Name, ast.Attribute)) and ast.unparse(test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
        return False
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith":
        subject, args = ast.unparse(test.func.value), test.args
        if subject in _PLATFORM and len(args) == 1 and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            return _PLATFORM[subject].startswith(args[0].value)
        return None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq))):
        return None
    left, right = ast.unparse(test.left), test.comparators[0]
    if not (isinstance(right, ast.Constant) and isinstance(right.value, str)):
        return None
    known = {"__name__": "<a module>", **_PLATFORM}
    if left not in known:
        return None
    equal = known[left] == right.value
    return equal if isinstance(test.ops[0], ast.Eq) else not equal


def _load_time_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes that run when the module is imported in the page: skip function and lambda
    bodies, and the branch of an ``if`` that cannot run there (``if __name__ == "__main__":``,
    Windows-only imports; see :func:`_static_truth`)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, ast.If) and (truth := _static_truth(node.test)) is not None:
            todo.extend(node.body if truth else node.orelse)
            continue
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                todo.append(child)


def imported_names(source: bytes, module: str, *, is_package: bool) -> set[str]:
    """Every module name ``source`` imports at load time, with their parent packages.

    ``from x import y`` yields ``x`` and ``x.y`` (``y`` may be a submodule; callers keep the
    names that are modules). A source that does not parse imports nothing.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in _load_time_nodes(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - node.level + 1] if package else []
                base = ".".join(p for p in [*base_parts, node.module or ""] if p)
            else:
                base = node.module or ""
            if base:
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    with_parents = set(names)
    for name in names:
        parts = name.split(".")
        with_parents.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return with_parents


def is_test_member(member: str) -> bool:
    """A wheel's test suite (numpy/*/tests/, numpy/testing/, conftest.py): a page never runs it,
    and following its imports would compile unittest, doctest and friends for every visit."""
    *folders, name = member.split("/")
    return bool({"tests", "testing"} & set(folders)) or name == "conftest.py" or name.startswith("test_")


def _archive_imports(path: Path) -> set[str]:
    """Every name imported at load time by any module of a wheel but its tests."""
    names: set[str] = set()
    with zipfile.ZipFile(path) as zf:
        members = [m for m in zf.namelist() if not is_test_member(m)]
        for module, member in _module_names(members).items():
            names |= imported_names(zf.read(member), module, is_package=member.endswith("__init__.py"))
    for prefix, imported in _COMPILED_IMPORTS.items():
        if any(member.startswith(prefix) for member in members):
            names.update(imported)
    return names


def loaded_stdlib_members(stdlib_zip: Path, wheels: Iterable[Path] = (), apps: Iterable[Path] = ()) -> set[str]:
    """The ``.py`` members of ``stdlib_zip`` that a page importing ``wheels`` and running the
    ``apps`` (their ``.py`` files) loads (see module doc)."""
    roots = set(BOOT_ROOTS)
    for wheel in wheels:
        roots |= _archive_imports(wheel)
    for app in apps:
        roots |= imported_names(Path(app).read_bytes(), Path(app).stem, is_package=False)
    with zipfile.ZipFile(stdlib_zip) as zf:
        modules = _module_names(zf.namelist())
        seen: set[str] = set()
        todo = [name for name in roots if name in modules]
        while todo:
            module = todo.pop()
            if module in seen:
                continue
            seen.add(module)
            member = modules[module]
            found = imported_names(zf.read(member), module, is_package=member.endswith("__init__.py"))
            todo.extend(name for name in found if name in modules and name not in seen)
        by_name = {
            member
            for importer, prefix in _IMPORTS_BY_NAME.items()
            if importer in seen
            for member in zf.namelist()
            if member.startswith(prefix) and member.endswith(".py") and "/" not in member
        }
    return {modules[name] for name in seen} | by_name
