"""The wire form of a named file, shared by File, Video and Chatbot's file messages.

A file crosses the worker as::

    {"name": "report.csv", "data": "data:text/csv;base64,...", "size": 1234}

``name`` is the file's own name (what the visitor uploaded; what a download saves it as);
``data`` is a ``data:`` URL, or a path relative to the app folder (examples, Python callers).
A bare string is read as such a path or data URL, which is how examples stay paths the
exporter can ship. Gradio 3's ``{"name": path, "data": None, "is_file": True}`` is read too,
so values written for Gradio's client work. The data-URL and path reading itself is
:mod:`._codecs`'; this module only adds the name.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
from typing import Any, TypedDict

from ._codecs import CodecError, is_data_url, make_data_url, read_source

__all__ = ["FileData", "file_data", "guess_mime", "read_named", "source_name"]


class FileData(TypedDict):
    name: str
    data: str
    size: int


def guess_mime(name: str) -> str:
    """The MIME type a browser should be told for a file called ``name``."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def source_name(source: str) -> str:
    """The file name a path (or data URL, which has none) shows as."""
    return "file" if is_data_url(source) else posixpath.basename(source.replace("\\", "/")) or "file"


def file_data(name: str, content: bytes, mime: str | None = None) -> FileData:
    """Bytes -> the wire form, with the data inlined as a data URL."""
    return {"name": name, "data": make_data_url(mime or guess_mime(name), content), "size": len(content)}


def read_named(value: Any) -> tuple[str, bytes]:
    """A wire file (dict, path or data URL) -> (its name, its bytes). Raises CodecError."""
    if isinstance(value, dict):
        name, data = value.get("name"), value.get("data")
        if data is None and value.get("is_file") and isinstance(name, str):
            data = name  # Gradio 3's form: the name is the path
        if not isinstance(data, str):
            raise CodecError("a file value needs a 'data' field holding a data URL or a path")
        shown = value.get("orig_name") or name
        return (source_name(shown) if isinstance(shown, str) and shown else source_name(data)), read_source(data)[1]
    if isinstance(value, (str, os.PathLike)):
        source = os.fspath(value)
        return source_name(source), read_source(source)[1]
    raise CodecError("a file is a path, a data URL or a {'name', 'data'} dict")
