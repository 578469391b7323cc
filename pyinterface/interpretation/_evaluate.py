"""Calling fn on many perturbed inputs: batched when the Interface is, with progress.

Interpretation describes its work as :class:`Segment` s (how many fn evaluations, and how to
build the fn inputs for any slice of them); this module runs them and hands back the first
output of each evaluation, grouped per segment. Inputs are built a block at a time (numpy
perturbations are cheapest in bulk) and fn is called in chunks of ``max_batch_size`` when the
Interface has ``batch=True``, one row at a time otherwise. The async variant calls
``progress(done, total)`` and yields to the event loop after every chunk, so a worker stays
responsive and cancelling the task stops the interpretation between chunks.
"""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

__all__ = ["Segment", "aevaluate", "evaluate"]

#: Rows built at once when fn is called one row at a time.
_BUILD_ROWS = 16


@dataclass(frozen=True)
class Segment:
    """``count`` fn evaluations; ``build(start, stop)`` returns their fn argument lists."""

    count: int
    build: Callable[[int, int], list[list[Any]]]


def evaluate(interface: Any, segments: Sequence[Segment]) -> list[list[Any]]:
    """Run every segment's rows through fn (sync fns); first output per row, per segment."""
    results: list[list[Any]] = [[] for _ in segments]
    total, done = sum(s.count for s in segments), 0
    size = _chunk_size(interface)
    for rows, owners in _blocks(segments, size):
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            with _noted(interface, done, len(chunk), total):
                if _batched(interface):
                    outputs = _first_column(interface.run_batch(_columns(chunk)), len(chunk))
                else:
                    outputs = [_first(interface.run(row)) for row in chunk]
            _store(results, owners[start : start + len(chunk)], outputs)
            done += len(chunk)
    return results


async def aevaluate(interface: Any, segments: Sequence[Segment], progress: Any = None) -> list[list[Any]]:
    """Awaitable :func:`evaluate` for sync and async fns; calls ``progress(done, total)``
    (a function or a coroutine function) once before the first call and after each chunk."""
    results: list[list[Any]] = [[] for _ in segments]
    total, done = sum(s.count for s in segments), 0
    size = _chunk_size(interface)
    await _report(progress, done, total)
    for rows, owners in _blocks(segments, size):
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            with _noted(interface, done, len(chunk), total):
                if _batched(interface):
                    outputs = _first_column(await interface.arun_batch(_columns(chunk)), len(chunk))
                else:
                    outputs = [_first(await interface.arun(row)) for row in chunk]
            _store(results, owners[start : start + len(chunk)], outputs)
            done += len(chunk)
            await _report(progress, done, total)
            await asyncio.sleep(0)  # let the worker answer other messages; cancellation lands here
    return results


async def _report(progress: Any, done: int, total: int) -> None:
    if progress is not None:
        reported = progress(done, total)
        if inspect.isawaitable(reported):
            await reported


def _batched(interface: Any) -> bool:
    # Parallel/Series run their members one sample at a time; only a plain batch fn takes lists.
    return bool(interface.batch) and not interface.members


def _chunk_size(interface: Any) -> int:
    return interface.max_batch_size if _batched(interface) else 1


def _blocks(segments: Sequence[Segment], size: int) -> Iterator[tuple[list[list[Any]], list[int]]]:
    """Rows in blocks of ``max(size, _BUILD_ROWS)`` (a block may span segments), with the
    index of the segment each row belongs to."""
    block = max(size, _BUILD_ROWS)
    rows: list[list[Any]] = []
    owners: list[int] = []
    for index, segment in enumerate(segments):
        start = 0
        while start < segment.count:
            stop = min(segment.count, start + block - len(rows))
            built = segment.build(start, stop)
            rows.extend(built)
            owners.extend([index] * len(built))
            start = stop
            if len(rows) >= block:
                yield rows, owners
                rows, owners = [], []
    if rows:
        yield rows, owners


def _store(results: list[list[Any]], owners: Sequence[int], outputs: Sequence[Any]) -> None:
    for owner, output in zip(owners, outputs):
        results[owner].append(output)


def _first(prediction: Sequence[Any]) -> Any:
    return prediction[0] if prediction else None


class _noted:
    """Adds which evaluation failed to an exception raised by fn (the interpretation stops)."""

    def __init__(self, interface: Any, done: int, count: int, total: int) -> None:
        self.where = f"evaluation {done + 1}" if count == 1 else f"evaluations {done + 1}-{done + count}"
        self.total = total
        self.name = interface.__name__

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: BaseException | None, traceback: Any) -> bool:
        if isinstance(exc, Exception):
            exc.add_note(f"(interpretation stopped: {self.name!r} failed on {self.where} of {self.total})")
        return False


def _columns(rows: Sequence[list[Any]]) -> list[list[Any]]:
    return [list(column) for column in zip(*rows)]


def _first_column(columns: list[list[Any]], count: int) -> list[Any]:
    """The first output's results (an Interface with no outputs gives None for each row)."""
    return columns[0] if columns else [None] * count
