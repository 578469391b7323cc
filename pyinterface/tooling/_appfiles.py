"""What an export ships from the app's folder: what the app uses, plus what ``--include`` names.

The default set is what the app needs on the page and nothing else: the app file, the modules
it imports from its folder (a package ships its ``.py`` files), the files its config references
(css ``file=`` assets, example files) and the files it read while it ran for the export. Then
``--include GLOB`` adds files. A notes file nothing references stays home.

Every file must resolve inside the folder: a referenced file that is a symlink leading out
fails the export; one a glob matched is skipped with a warning. Caches, dotfiles, virtualenvs,
node_modules and earlier exports are never matched by a glob.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from ._exporterror import ExportError
from ._paths import relative_inside

__all__ = ["MAX_APP_BYTES", "collect_app_files", "is_export", "module_files"]

#: A larger app folder is refused: it is probably not meant to be shipped to every visitor.
MAX_APP_BYTES = 50 * 1024 * 1024
#: Folders a glob never reaches into.
_SKIP_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv", "env"})


def is_export(folder: Path) -> bool:
    """A folder ``pyinterface export`` (or ``demo``) wrote: one app, or a site of several."""
    if (folder / ".pyinterface-demo").is_file():
        return True  # a demo site from before the runtime was shared
    written = (folder / "app" / "manifest.json").is_file() or (folder / "pyinterface.js").is_file()
    return written and (folder / "pyodide").is_dir()


def _skip_dir(folder: Path, out: Path | None) -> bool:
    name = folder.name
    if name.startswith(".") or name in _SKIP_DIRS or name.endswith(".egg-info"):
        return True
    if (folder / "pyvenv.cfg").is_file() or is_export(folder):
        return True
    return out is not None and folder.resolve() == out


def module_files(modules: Mapping[str, str | None], root: Path) -> list[str]:
    """The files of the app's imported top-level modules that live in ``root``: a module's file,
    or every ``.py`` file of a package (its submodules may be imported lazily on the page)."""
    found: set[str] = set()
    for origin in modules.values():
        if origin is None or not Path(origin).is_relative_to(root) or not Path(origin).is_file():
            continue
        origin_path = Path(origin)
        if origin_path.name == "__init__.py":
            found.update(
                p.relative_to(root).as_posix() for p in origin_path.parent.rglob("*.py") if "__pycache__" not in p.parts
            )
        elif origin_path.suffix == ".py":
            found.add(origin_path.relative_to(root).as_posix())
    return sorted(found)


def _in_skipped_dir(root: Path, relative: str, out: Path | None) -> bool:
    """True when a path the app read lies in a virtualenv, cache or export inside the folder."""
    folder = root
    for part in Path(relative).parts[:-1]:
        folder = folder / part
        if _skip_dir(folder, out):
            return True
    return False


def _walk(root: Path, out: Path | None) -> Iterator[Path]:
    """Every non-dot file under ``root`` a glob may match, skipped folders left out."""
    stack, seen = [root], {root}
    while stack:
        folder = stack.pop()
        for path in sorted(folder.iterdir()):
            if path.is_dir():
                if not _skip_dir(path, out) and path.resolve() not in seen:  # a symlink loop ends here
                    seen.add(path.resolve())
                    stack.append(path)
            elif path.is_file() and not path.name.startswith(".") and path.suffix not in (".pyc", ".pyo"):
                yield path


def _matches(relative: Path, patterns: Sequence[str]) -> bool:
    return any(relative.match(pattern) or relative.as_posix() == pattern for pattern in patterns)


def _globbed(root: Path, include: Sequence[str], out: Path | None, warn: Callable[[str], object]) -> list[str]:
    """What ``--include`` adds; a match that resolves outside the folder is skipped with a warning."""
    found = []
    for path in _walk(root, out):
        relative = path.relative_to(root)
        if not _matches(relative, include):
            continue
        if relative_inside(root, path) is None:
            warn(f"not shipping {relative.as_posix()}: it is a symlink to a file outside the app's folder.")
        else:
            found.append(relative.as_posix())
    return found


def _check_referenced(root: Path, files: Iterable[str]) -> None:
    for name in files:
        if relative_inside(root, root / name) is None:
            raise ExportError(
                f"the app uses {name}, a symlink to a file outside its folder {root}; an export ships only "
                "that folder. Copy the file into the folder instead of linking to it."
            )


def _mebibytes(size: int) -> str:
    """Sizes in MiB (2**20 bytes), the unit MAX_APP_BYTES is set in, so the limit reads "50 MiB"."""
    if size < 2**20:
        return f"{size:,} bytes"
    return f"{size / 2**20:.1f} MiB" if size % 2**20 else f"{size // 2**20} MiB"


def _check_size(root: Path, files: list[str], max_bytes: int) -> None:
    sizes = {name: (root / name).stat().st_size for name in files}
    total = sum(sizes.values())
    if total > max_bytes:
        biggest = sorted(sizes.items(), key=lambda item: -item[1])[:3]
        largest = ", ".join(f"{name} ({_mebibytes(size)})" for name, size in biggest)
        raise ExportError(
            f"the app ships {_mebibytes(total)} ({total:,} bytes) in {len(files)} files from {root}, more than "
            f"the limit of {_mebibytes(max_bytes)} ({max_bytes:,} bytes) every visitor would download (largest: "
            f"{largest}). Make those files "
            "smaller, or stop reading them (or drop them from --include) if the page does not need them."
        )


def collect_app_files(
    app: Path,
    *,
    referenced: Iterable[str] = (),
    include: Sequence[str] = (),
    out: Path | None = None,
    max_bytes: int = MAX_APP_BYTES,
    warn: Callable[[str], object] = lambda message: None,
) -> list[str]:
    """The files to ship (posix paths relative to the app's folder), the app file first.

    ``referenced``: what the app uses (its modules, its config's files, what it read), relative
    to the folder; those in a virtualenv, cache or earlier export inside it are left out.
    ``include``: glob patterns (relative to the folder) adding files. ``out`` is never shipped.
    """
    app = Path(app).resolve()
    root = app.parent
    out = Path(out).resolve() if out is not None else None
    entry = app.relative_to(root).as_posix()
    used = sorted({name for name in referenced if not _in_skipped_dir(root, name, out)} - {entry})
    _check_referenced(root, [entry, *used])
    files = sorted({*used, *_globbed(root, include, out, warn)} - {entry})
    _check_size(root, [entry, *files], max_bytes)
    return [entry, *files]
