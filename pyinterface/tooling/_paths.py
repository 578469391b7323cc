"""One rule for every file an export ships: it resolves, symlinks followed, inside the app's folder.

A visitor's browser can reach only what the export copied, and an export must copy nothing
from outside the app's folder (a home directory, a key, another project). Every reference an
app makes (a ``file=`` asset in its CSS, an example file, a data file it reads) goes through
:func:`resolve_reference`, and every file chosen by a glob through :func:`relative_inside`.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ._exporterror import ExportError

__all__ = ["relative_inside", "resolve_reference"]


def relative_inside(root: Path, path: Path) -> str | None:
    """``path`` relative to ``root`` (posix) once symlinks are resolved, or None if it leaves ``root``.

    ``root`` must be resolved already."""
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else None


def resolve_reference(root: Path, text: str, what: str) -> str:
    """The file ``text`` names, relative to ``root`` (posix): the path the export ships it under.

    ``text`` is a path relative to ``root`` (the app's folder, its working directory while it
    runs) or an absolute path inside it. ``what`` names the reference in the error raised when
    the file leaves the folder (``..``, an absolute path elsewhere, a symlink) or does not exist.
    """
    pure = PurePosixPath(text)
    path = Path(text) if pure.is_absolute() else root / text
    relative = relative_inside(root, path)
    if relative is None:
        raise ExportError(
            f"{what} names {text!r}, which is outside the app's folder {root}: an export ships only that "
            "folder. Copy the file into the folder and refer to it by a path relative to the folder."
        )
    if not (root / relative).is_file():
        raise ExportError(f"{what} names {text!r}, but there is no such file in the app's folder {root}.")
    return relative
