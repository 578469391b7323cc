"""The largest reply the worker sends the page, and the error that names what was too big.

A fn can return far more than a page can show: a 150 MB string crossed to the main thread,
was parsed there and put in a textbox, and the tab crashed after 28 s. The worker measures
each reply as the JSON text it would post (``json.dumps`` escapes non-ASCII, so one character
is one byte) and refuses one over :data:`MAX_REPLY_BYTES` before it leaves Python: nothing
crosses to JavaScript, and the page shows an error naming the output, its size and the limit.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

__all__ = ["MAX_REPLY_BYTES", "OutputTooLarge", "ReplyTooLarge", "check_strings", "format_size", "output_too_large"]

#: The largest encoded reply (the JSON text of a ``result``, ``exec-result`` …) the page receives.
MAX_REPLY_BYTES = 20_000_000


def format_size(size: int) -> str:
    """``150000000`` -> ``"150.0 MB"`` (decimal megabytes, as the limit is stated)."""
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


class ReplyTooLarge(ValueError):
    """A message's JSON text is over the limit; raised by the worker's send, before posting."""

    def __init__(self, kind: str, size: int, limit: int) -> None:
        self.kind, self.size, self.limit = kind, size, limit
        super().__init__(
            f"a {kind!r} reply of {format_size(size)} is over the {format_size(limit)} pyinterface sends to the "
            "page; return or print less."
        )


class OutputTooLarge(ValueError):
    """fn returned more than the page shows; the message names the output, its size and the limit."""


def _json_size(value: Any) -> int:
    try:
        return len(json.dumps(value, allow_nan=False, separators=(",", ":")))
    except (TypeError, ValueError):
        return 0  # not JSON as is (numpy): the whole reply's size is still reported


def _too_large(what: str, size: int, name: str, limit: int) -> OutputTooLarge:
    return OutputTooLarge(
        f"{what} returned {format_size(size)} for {name!r}; pyinterface shows at most {format_size(limit)} "
        "in the page, so nothing was shown. Return less: a summary, a sample or a smaller image."
    )


def _name(names: Sequence[str], index: int) -> str:
    return names[index] if index < len(names) else f"output {index}"


def check_strings(data: Sequence[Any], names: Sequence[str], what: str, limit: int) -> None:
    """Refuse at once, before any JSON is written, outputs whose strings alone pass the limit
    (a string's JSON is at least its length plus its quotes): a 150 MB string is then refused
    in the time it took to make, not after two passes of json.dumps over it."""
    sizes = [len(value) + 2 if isinstance(value, str) else 0 for value in data]
    if sum(sizes) > limit:
        index = max(range(len(sizes)), key=sizes.__getitem__)
        raise _too_large(what, sizes[index], _name(names, index), limit)


def output_too_large(error: ReplyTooLarge, data: Sequence[Any], names: Sequence[str], what: str) -> OutputTooLarge:
    """The error for a ``result`` whose JSON is over the limit: the largest value of ``data``
    (one per output, named ``names``) is the one to blame; ``what`` says who made it ("fn")."""
    sizes = [_json_size(value) for value in data]
    index = max(range(len(sizes)), key=sizes.__getitem__) if sizes else 0
    size = sizes[index] if sizes and sizes[index] else error.size
    return _too_large(what, size, _name(names, index), error.limit)
