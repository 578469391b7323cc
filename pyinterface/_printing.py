"""Where Python's prints go in the worker: to whoever runs the code that printed them.

Several apps share the page's one Python, and their code runs interleaved (each message is its
own asyncio task), so ``sys.stdout`` cannot simply be swapped for one of them. Instead, while
any routed code runs, ``sys.stdout``/``sys.stderr`` are stand-ins that ask a context variable
where the current task's text goes: :func:`printing_to` sets it for the code it wraps (and the
tasks that code starts, which copy the context). Text printed by no routed code goes to the
stream the stand-in replaced, as before.

Two callers: console input (:mod:`pyinterface._console`: ``exec-output``, not echoed) and an
app's own run and events (:mod:`pyinterface._worker`: ``app-output``, echoed to the original
stream too, which in the worker is the browser's devtools console, where a page author looks).
Text is sent a line at a time as it is printed (and what is left when the code flushes or ends),
stdout and stderr in the order they were written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal, TextIO

__all__ = ["Stream", "Write", "printing_to"]

Stream = Literal["stdout", "stderr"]
#: ``write(stream, text)``: where the routed code's text goes.
Write = Callable[[Stream, str], object]


class _Output:
    """One routed run's stdout and stderr, sent a line at a time (and on flush) in the order printed."""

    def __init__(self, write: Write, echo: bool) -> None:
        self._write = write
        self.echo = echo
        self._pending: dict[Stream, str] = {"stdout": "", "stderr": ""}

    def add(self, stream: Stream, text: str) -> None:
        other: Stream = "stderr" if stream == "stdout" else "stdout"
        self.flush(other)  # keep the two streams in the order they were written
        pending = self._pending[stream] + text
        cut = pending.rfind("\n") + 1
        if cut:
            self._write(stream, pending[:cut])
        self._pending[stream] = pending[cut:]

    def flush(self, stream: Stream | None = None) -> None:
        for name in (stream,) if stream else ("stdout", "stderr"):
            if self._pending[name]:
                text, self._pending[name] = self._pending[name], ""
                self._write(name, text)


#: The output of the routed code the current task runs (None: not routed).
_current_output: ContextVar[_Output | None] = ContextVar("pyinterface_output", default=None)


class _RoutedStream:
    """``sys.stdout``/``sys.stderr`` while routed code runs: what the routed task writes goes
    to its output (and, when it echoes, here too), anything else to the stream this one stands in for."""

    def __init__(self, name: Stream, original: TextIO) -> None:
        self._name = name
        self.original = original

    def write(self, text: str) -> int:
        output = _current_output.get()
        if output is None or output.echo:
            self.original.write(text)
        if output is not None:
            output.add(self._name, str(text))
        return len(text)

    def flush(self) -> None:
        output = _current_output.get()
        if output is None or output.echo:
            self.original.flush()
        if output is not None:
            output.flush(self._name)

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:  # encoding, errors, fileno...: the original's
        return getattr(self.original, name)


_routed_runs = 0  # routed runs going on (awaiting) now: the stand-ins stay while any does


@contextmanager
def printing_to(write: Write, *, echo: bool = False) -> Iterator[None]:
    """Send what the code run inside (in this task, and tasks it starts) prints to
    ``write(stream, text)``; ``echo``: write it to the original streams as well."""
    global _routed_runs
    if _routed_runs == 0:
        sys.stdout = _RoutedStream("stdout", sys.stdout)  # type: ignore[assignment]
        sys.stderr = _RoutedStream("stderr", sys.stderr)  # type: ignore[assignment]
    _routed_runs += 1
    output = _Output(write, echo)
    token = _current_output.set(output)
    try:
        yield
    finally:
        output.flush()
        _current_output.reset(token)
        _routed_runs -= 1
        if _routed_runs == 0:
            for name in ("stdout", "stderr"):
                stream = getattr(sys, name)
                if isinstance(stream, _RoutedStream):
                    setattr(sys, name, stream.original)
