"""The bridge's ES modules made ready to run from blob URLs (a single-file export has no folder).

A module loaded from a ``blob:`` URL cannot resolve ``"./dom.mjs"`` (a blob URL is no base),
and its ``import.meta.url`` says nothing about where it sits in the export. So, at export:

* every relative import specifier (``from "./x.mjs"``, ``import "./x.mjs"``,
  ``import("./x.mjs")``) becomes a marker naming the packed file,
  ``"pyinterface-single-file:pyinterface/x.mjs"``, which the page (``site/single-file.js``)
  replaces with the blob URL it made for that file. Blob URLs exist only once their module's
  text is final, so modules are turned into blobs leaves first: :func:`load_order`;
* ``import.meta.url`` becomes the module's URL under :data:`VIRTUAL_BASE`, a host that never
  resolves, whose fetches ``single-file.js`` answers from the packed bytes. So
  ``new URL("./pyinterface.css", import.meta.url)`` still names the right file.

Import specifiers are found with regular expressions: the bridge is our own code, written in
the three forms above with string literals, and ``tests/test_single_file.py`` checks that every
relative path literal in ``site/`` is one that was found (or a ``new URL(…, import.meta.url)``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["MARKER", "VIRTUAL_BASE", "Module", "Specifier", "load_order", "relative_imports", "rewrite_module"]

#: Where a single-file page pretends its files are (the ``.invalid`` TLD never resolves).
VIRTUAL_BASE = "https://single-file.pyinterface.invalid/"
#: Prefix of a rewritten import specifier; what follows is the packed file's name.
MARKER = "pyinterface-single-file:"

#: `from "./x.mjs"` (import … from / export … from), `import "./x.mjs"` and `import("./x.mjs")`.
_IMPORT = re.compile(r"""\b(?:from|import)\s*(?:\(\s*)?(["'])(\.{1,2}/[^"'\n]+)\1""")
_IMPORT_META = re.compile(r"\bimport\.meta\b(?P<url>\.url\b)?")


@dataclass(frozen=True)
class Specifier:
    """One relative import: where its string literal (quotes included) sits, and what it names."""

    start: int
    end: int
    path: str


@dataclass(frozen=True)
class Module:
    """A packed module: its name in the pack, its rewritten text, and the packed modules it imports."""

    name: str
    source: str
    imports: tuple[str, ...]


def relative_imports(source: str) -> list[Specifier]:
    """Every relative import specifier in ``source``, in order."""
    found = []
    for match in _IMPORT.finditer(source):
        found.append(Specifier(match.start(1), match.end(2) + 1, match.group(2)))
    return found


def rewrite_module(name: str, source: str, packed: Iterable[str]) -> Module:
    """``source`` (the packed file ``name``, e.g. ``"pyinterface/app.mjs"``) with its relative
    imports turned into markers and ``import.meta.url`` into its virtual URL. Raises ValueError
    naming an import of a file that is not ``packed`` and any other use of ``import.meta``."""
    packed = set(packed)
    folder = posixpath.dirname(name)
    parts: list[str] = []
    imports: list[str] = []
    position = 0
    for spec in relative_imports(source):
        target = posixpath.normpath(posixpath.join(folder, spec.path))
        if target not in packed:
            raise ValueError(f"{name} imports {spec.path!r} ({target}), which the single-file export does not carry.")
        parts += [source[position:spec.start], f'"{MARKER}{target}"']
        imports.append(target)
        position = spec.end
    parts.append(source[position:])
    text = "".join(parts)

    def meta(match: re.Match[str]) -> str:
        if not match.group("url"):
            raise ValueError(f"{name} uses import.meta other than import.meta.url, which a single-file page cannot give it.")
        return f'"{VIRTUAL_BASE}{name}"'

    return Module(name, _IMPORT_META.sub(meta, text), tuple(dict.fromkeys(imports)))


def load_order(modules: Mapping[str, Module], roots: Iterable[str]) -> list[str]:
    """The modules reachable from ``roots``, each after every module it imports (leaves first).
    Raises ValueError naming an import cycle: blob URLs cannot express one."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "open":
            cycle = " -> ".join((*path[path.index(name):], name))
            raise ValueError(f"the bridge's modules import each other in a cycle ({cycle}); a single-file page needs none.")
        state[name] = "open"
        for target in modules[name].imports:
            visit(target, (*path, name))
        state[name] = "done"
        order.append(name)

    for root in roots:
        visit(root, ())
    return order
