"""The File component (and Gradio's ``Files`` template): any files, uploaded or offered for
download. The wire form of one file is :mod:`._filedata`'s ``{"name", "data", "size"}``."""

from __future__ import annotations

import mimetypes
import os
import warnings
from typing import Any, Literal

from ._codecs import CodecError, write_named_temp
from ._file import FileComponent
from ._filedata import FileData, file_data, read_named
from ._validate import _check_choice, _sentence

__all__ = ["File", "Files", "NamedFile"]

_FILE_COUNTS = ("single", "multiple", "directory")
_FILE_TYPES = ("file", "binary", "bytes")
_MIME_FAMILIES = ("image", "audio", "video", "text")


class NamedFile:
    """What fn receives from ``File(type="file")``: the upload, saved under its own name.

    Gradio 3 hands a ``tempfile.NamedTemporaryFile`` whose ``.name`` was replaced by the path
    of the upload's copy, so code reads ``file.name``; that works here too. ``orig_name`` is
    the name the visitor's file had, and ``open(file)`` works as the object is path-like.
    """

    def __init__(self, path: str, orig_name: str) -> None:
        self.name = path
        self.orig_name = orig_name

    def __fspath__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"NamedFile({self.name!r}, orig_name={self.orig_name!r})"


class File(FileComponent):
    """Files to upload (input) or download (output).

    fn receives a :class:`NamedFile` (``type="file"``, read ``.name`` for its path) or the
    file's ``bytes`` (``type="binary"``); a list of them when ``file_count`` is "multiple" or
    "directory". It returns a path (str or ``pathlib.Path``), an object with a ``.name`` path
    such as a received file, or a list of those.

    Parameters (Gradio 3.50.2): ``file_count`` "single", "multiple" or "directory";
    ``file_types`` such as ``["image", ".csv"]`` (what the file chooser offers; uploads of
    other types are refused with a message, where Gradio 3 only filters the chooser);
    ``type`` "file" or "binary"; ``height``.

    Example::

        gr.Interface(lambda f: os.path.getsize(f.name), "file", "number")
    """

    component_type = "file"
    data_kind = "file"

    def __init__(
        self,
        value: Any = None,
        *,
        file_count: Literal["single", "multiple", "directory"] = "single",
        file_types: list[str] | None = None,
        type: Literal["file", "binary"] = "file",
        label: str | None = None,
        height: int | float | None = None,
        **kwargs: Any,
    ) -> None:
        _check_choice("File", "file_count", file_count, _FILE_COUNTS)
        _check_choice("File", "type", type, _FILE_TYPES)
        if file_types is not None and not isinstance(file_types, list):
            raise TypeError(f"File: file_types must be a list such as ['image', '.csv'], got {file_types!r}.")
        if type == "bytes":  # Gradio 3.50.2 still takes the old name, with this warning
            warnings.warn("File: type='bytes' is deprecated; use type='binary'.", DeprecationWarning, stacklevel=2)
        self.file_count = file_count
        self.file_types = file_types
        self.type = "binary" if type == "bytes" else type
        self.height = height
        super().__init__(value, label=label, **kwargs)

    @property
    def multiple(self) -> bool:
        return self.file_count != "single"

    def decode(self, value: Any) -> tuple[str, bytes]:
        """One file on the wire -> (its name, its bytes)."""
        try:
            return read_named(value)
        except CodecError as exc:
            raise self.invalid(value, "a file (a path, a data URL or a {'name', 'data'} dict)", _sentence(exc)) from None

    def _check_type(self, name: str) -> None:
        if not self.file_types or self.file_count == "directory" or self._accepts(name):
            return
        raise self.invalid(
            name, f"a file of type {', '.join(self.file_types)}", "Choose such a file, or widen file_types."
        )

    def _accepts(self, name: str) -> bool:
        mime = mimetypes.guess_type(name)[0] or ""
        for wanted in self.file_types or ():
            if wanted == "file" or (wanted.startswith(".") and name.lower().endswith(wanted.lower())):
                return True
            if wanted in _MIME_FAMILIES and mime.startswith(wanted + "/"):
                return True
            if "/" in wanted and (mime == wanted or (wanted.endswith("/*") and mime.startswith(wanted[:-1]))):
                return True
        return False

    def _one(self, value: Any) -> NamedFile | bytes:
        name, content = self.decode(value)
        self._check_type(name)
        if self.type == "binary":
            return content
        return NamedFile(write_named_temp(content, name), name)

    def preprocess(self, x: Any) -> Any:
        if x is None:
            return None
        if not self.multiple:
            if isinstance(x, (list, tuple)):  # Gradio 3 takes the first file of a list
                if not x:
                    return None
                x = x[0]
            return self._one(x)
        items = x if isinstance(x, (list, tuple)) else [x]
        return [self._one(item) for item in items]

    def _path_of(self, y: Any) -> str:
        if isinstance(y, (str, os.PathLike)):
            return os.fspath(y)
        name = getattr(y, "name", None)
        if isinstance(name, str):  # a tempfile, an open file, a NamedFile
            return name
        fix = "Write bytes to a file and return its path." if isinstance(y, (bytes, bytearray)) else None
        raise self.invalid(y, "a path to a file (or a list of paths)", fix)

    def _out(self, y: Any) -> FileData:
        source = self._path_of(y)
        name, content = self.decode(source)
        return file_data(name, content)

    def postprocess(self, y: Any) -> FileData | list[FileData] | None:
        if y is None:
            return None
        if isinstance(y, (list, tuple)):
            return [self._out(item) for item in y]
        return self._out(y)

    def as_python(self, y: Any) -> Any:
        """The shown file(s) as path(s) of copies named as on the page."""
        if y is None:
            return None
        if isinstance(y, list):
            return [self.as_python(item) for item in y]
        name, content = self.decode(y)
        return write_named_temp(content, name)

    def example_payload(self, value: Any) -> Any:
        """Paths stay paths (checked now, and shipped by the exporter); lists, one by one."""
        items = value if isinstance(value, (list, tuple)) else [value]
        payloads = [FileComponent.example_payload(self, item) for item in items]
        return payloads if isinstance(value, (list, tuple)) else payloads[0]

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "file_count": self.file_count,
            "file_types": self.file_types,
            "type": self.type,
            "height": self.height,
        }


class Files(File):
    """Gradio's template: ``File(file_count="multiple")``."""

    def __init__(self, value: Any = None, *, file_count: Literal["multiple"] = "multiple", **kwargs: Any) -> None:
        super().__init__(value, file_count=file_count, **kwargs)
