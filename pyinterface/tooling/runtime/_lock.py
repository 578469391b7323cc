"""Reading Pyodide's lock file: package names, ``depends`` and their closure."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ._errors import RuntimeSourceError
from ._pins import PYODIDE_VERSION


def _canonical(name: str) -> str:
    # Lock keys are PEP 503 names: "Pillow" -> "pillow", "python_dateutil" -> "python-dateutil".
    return re.sub(r"[-_.]+", "-", name).lower()


def package_closure(names: Iterable[str], depends: Mapping[str, Sequence[str]]) -> list[str]:
    """``names`` plus everything they depend on, following ``depends`` (lock name -> deps).

    Returned sorted so the same request always gives the same lock file.
    Raises :class:`RuntimeSourceError` for a name the lock does not have.
    """
    seen: set[str] = set()
    todo = [_canonical(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in depends:
            close = difflib.get_close_matches(name, list(depends), n=3)
            hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
            raise RuntimeSourceError(
                f"{name!r} is not a package of Pyodide {PYODIDE_VERSION}'s lock "
                f"(use lock names such as 'pillow', not import names such as 'PIL').{hint}"
            )
        seen.add(name)
        todo.extend(_canonical(d) for d in depends[name])
    return sorted(seen)


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _lock_depends(lock: Mapping[str, Any]) -> dict[str, list[str]]:
    """Lock name -> its ``depends``, from a parsed ``pyodide-lock.json``."""
    return {name: list(spec.get("depends", ())) for name, spec in lock["packages"].items()}
