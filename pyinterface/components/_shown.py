"""How an error message shows a value a component could not take, without echoing its data.

A rejected upload is a data URL or a byte string of up to many megabytes; echoing even 60
characters of its base64 tells the visitor nothing and puts file content in logs and in the page.
So a value is shown by what it is: short plain values (``'old'``, ``[1, 2]``) by their ``repr``;
data URLs by their MIME type and length; long strings by their length; bytes by their length and
what their first bytes look like (PNG, WAV, text...); arrays by shape and dtype; containers with
those inside them by a ``repr`` in which each such value is replaced by its description.
"""

from __future__ import annotations

import base64
import binascii
import re
from itertools import islice
from typing import Any

__all__ = ["describe_path", "describe_value"]

#: Longest repr shown as is; strings and reprs beyond it are described instead.
_MAX_REPR = 60
#: Text that is base64 and nothing else, too long to be a file name (which has a "." anyway).
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/=\s]{60,}")
#: Magic numbers of the formats an upload most often is: what "its first bytes look like".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
    (b"RIFF", "RIFF (WAV/WebP/AVI)"), (b"ID3", "MP3"), (b"\xff\xfb", "MP3"), (b"OggS", "Ogg"),
    (b"fLaC", "FLAC"), (b"\x1aE\xdf\xa3", "WebM/Matroska"), (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
)


def describe_value(value: Any) -> str:
    """A short, data-free description of ``value`` for an error message (with its type)."""
    return f"{_shown(value, 0)} ({type(value).__name__})"


def describe_path(path: str) -> str:
    """A path as a message shows it: its repr, unless it looks like data sent where a path was
    expected (a data URL, a run of base64, anything over 200 characters), which is described."""
    shown = repr(path)
    if len(shown) > 200 or path[:5].lower() == "data:" or _BASE64_TEXT.fullmatch(path):
        return _shown(path, 0)
    return shown


def _bytes_kind(data: bytes) -> str:
    head = bytes(data[:16])
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return f"{name} data"
    if len(data) >= 12 and head[4:8] == b"ftyp":
        return "MP4/MOV data"
    try:
        bytes(data[:256]).decode("utf-8")
    except UnicodeDecodeError:
        return "binary data"
    return "text"


def _data_url(text: str) -> str:
    header, _, payload = text.partition(",")
    params = header[5:].split(";")
    mime = params[0].strip()[:40] or "text/plain"
    if "base64" not in (p.strip().lower() for p in params[1:]):
        return f"a data URL of type {mime!r} with {len(payload):,} characters of URL-encoded data"
    size = len(payload) * 3 // 4
    head = "".join(payload[:344].split())
    try:
        kind = _bytes_kind(base64.b64decode(head[: len(head) // 4 * 4], validate=True))
    except (binascii.Error, ValueError):
        return f"a data URL of type {mime!r} with {len(payload):,} characters of corrupt base64"
    return f"a data URL of type {mime!r} holding about {size:,} bytes of base64 that start as {kind}"


def _shown(value: Any, depth: int) -> str:
    if isinstance(value, str):
        if value[:5].lower() == "data:":
            return _data_url(value)
        shown = repr(value)
        return shown if len(shown) <= _MAX_REPR else f"a str of {len(value):,} characters"
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value[:256]) if not isinstance(value, memoryview) else value.tobytes()[:256]
        shown = repr(value)
        if len(shown) <= _MAX_REPR and _bytes_kind(data) == "text":
            return shown
        return f"{len(value):,} bytes of {_bytes_kind(data)}"
    shape, dtype = getattr(value, "shape", None), getattr(value, "dtype", None)
    if shape is not None and dtype is not None and type(value).__module__.startswith(("numpy", "pandas")):
        return f"an array of shape {tuple(shape)} and dtype {dtype}"
    if isinstance(value, (list, tuple, dict)):
        if depth >= 2:
            return f"a {type(value).__name__} of {len(value)} item(s)"
        shown = _container(value, depth)
        return shown if len(shown) <= 3 * _MAX_REPR else f"a {type(value).__name__} of {len(value)} item(s)"
    try:
        shown = repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        return f"a {type(value).__name__} object"
    return shown if len(shown) <= _MAX_REPR + 20 else shown[:_MAX_REPR] + "..."


def _container(value: list[Any] | tuple[Any, ...] | dict[Any, Any], depth: int) -> str:
    """The container's repr with each item shown by :func:`_shown` (the first 8 items)."""
    more = ", ..." if len(value) > 8 else ""
    if isinstance(value, dict):
        items = (f"{_shown(k, depth + 1)}: {_shown(v, depth + 1)}" for k, v in islice(value.items(), 8))
        return "{" + ", ".join(items) + more + "}"
    body = ", ".join(_shown(item, depth + 1) for item in islice(value, 8)) + more
    if isinstance(value, tuple):
        return f"({body},)" if len(value) == 1 else f"({body})"
    return f"[{body}]"
