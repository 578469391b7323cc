"""``cache_examples=True``: run fn on every example at export, under CPython, and ship the outputs.

Gradio 3 runs every example on its server when the app launches, and the app does not start
until they are done. Here the export runs them once, in the child process that already runs the
app to learn its Interface (:mod:`pyinterface.tooling._appscan`), and the page gets the outputs
with the app: a click on an example shows them at once, before Python has booted in the page,
and costs the visitor nothing (site/cached-examples.mjs).

Each example goes through the path a Submit takes in the page's worker
(``Interface.aprocess``: preprocess, fn, postprocess), with the example's values as the config
holds them, so what is shipped is what the page would get from a Submit.

Two sides:

* in the child, :func:`record_examples` runs the examples and appends one JSON line per example
  to a record file as it goes, so what was done survives the export's time limit stopping the
  child (its watchdog ends the process; see :mod:`pyinterface.tooling._scanlimit`);
* in the exporter, :func:`read_record` reads that file into :class:`CachedExamples`, whose
  :meth:`~CachedExamples.report` lines the export prints and :func:`ship` writes media outputs
  as files beside the app (``app/cached_examples/``) instead of megabytes of base64 in the manifest.

An example fn cannot run under CPython (it imports ``js``, it raises) or that the time limit
stopped is shipped as ``null``: the page caches it lazily, on its first click.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import mimetypes
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .._reply_limit import MAX_REPLY_BYTES, check_strings
from ..components._codecs import CodecError, is_data_url, parse_data_url
from ._exporterror import ExportError
from ._scanlimit import Frame, app_frame, stuck_frames

if TYPE_CHECKING:
    from .._interface import Interface

__all__ = ["CACHE_FOLDER", "CachedExamples", "Failure", "check_cache_folder_free", "read_record", "record_examples", "ship"]

#: The folder, inside the export's app/ folder, that holds cached media outputs.
CACHE_FOLDER = "cached_examples"
#: Output data kinds whose data URLs are media (written as files); text outputs keep theirs as text.
_MEDIA_KINDS = frozenset({"image", "audio", "video", "file", "gallery", "chat"})
#: Keys of a media output's dicts that hold a data URL or path (File/Video/Chatbot "data", Gallery "image").
_MEDIA_KEYS = ("data", "image")
#: Extensions Python's mimetypes does not know for MIME types the page's media come as.
_EXTENSIONS = {"audio/wav": ".wav", "audio/wave": ".wav", "audio/ogg": ".ogg", "video/ogg": ".ogv"}
#: Characters of an example's values shown in a message.
_SHOWN = 40


# --------------------------------------------------------------------------- child side


def record_examples(interface: Interface, record: Path) -> None:
    """Run fn on each example of ``interface`` as a Submit would; append what happened to ``record``.

    Lines: per example ``{"running": i}`` before it runs and
    ``{"index": i, "outputs": [...]}`` or ``{"index": i, "error": "...", "where": "app.py:7"}``
    after; ``{"seconds": s}`` last. A fn error is recorded, never raised: the export goes on."""
    samples = interface.example_samples
    names = [str(component.label) for component in interface.output_components]
    folder = Path.cwd()  # _appscan runs the app in its own folder
    with record.open("a", encoding="utf-8") as out:

        def write(line: dict[str, Any]) -> None:
            out.write(json.dumps(line, allow_nan=False) + "\n")
            out.flush()

        started = time.perf_counter()

        async def run_all() -> None:
            for index, sample in enumerate(samples):
                write({"running": index})
                try:
                    outputs = await interface.aprocess(list(sample))
                    check_strings(outputs, names, "fn", MAX_REPLY_BYTES)  # what the page's worker refuses, refused here
                    text = json.dumps({"index": index, "outputs": outputs}, allow_nan=False)
                except (Exception, SystemExit) as exc:  # noqa: BLE001 - fn's own error: reported, the page caches it lazily
                    write({"index": index, "error": _one_line(exc), "where": _where(exc, folder)})
                    continue
                out.write(text + "\n")
                out.flush()

        asyncio.run(run_all())
        write({"seconds": time.perf_counter() - started})


def _one_line(exc: BaseException) -> str:
    first = next(iter(str(exc).strip().splitlines()), "")
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _where(exc: BaseException, folder: Path) -> str | None:
    """The innermost line of the app's own code the error passed through (``app.py:7``)."""
    frames = [Frame(Path(f.filename), f.lineno or 0, f.name) for f in reversed(traceback.extract_tb(exc.__traceback__))]
    return _in_app(app_frame(frames, folder), folder)


def _in_app(frame: Frame | None, folder: Path) -> str | None:
    """``app.py:7`` for a frame of the app's own code (see :func:`app_frame`), else None."""
    return f"{frame.file.resolve().relative_to(folder).as_posix()}:{frame.line}" if frame is not None else None


# --------------------------------------------------------------------------- exporter side


@dataclass(frozen=True)
class Failure:
    index: int
    error: str
    where: str | None = None


@dataclass(frozen=True)
class CachedExamples:
    """What the export's run of the examples gave: one wire output list per example, or None
    for an example the page caches lazily (fn failed, or the time limit stopped the run)."""

    outputs: list[list[Any] | None]
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    #: The example running when the time limit stopped the export's run of the app, and where fn was.
    stopped_at: int | None = None
    stopped_where: str | None = None
    #: The export's time limit (seconds) the run had.
    limit: float = 0.0

    @property
    def cached(self) -> int:
        return sum(outputs is not None for outputs in self.outputs)

    def report(self, app_name: str, samples: list[list[Any]]) -> list[str]:
        """The lines the export prints: one per fn error (examples with the same error share
        one), one if the time limit stopped it, then how many were cached and how long it took."""
        lines = []
        by_error: dict[tuple[str, str | None], list[int]] = {}
        for failure in self.failures:
            by_error.setdefault((failure.error, failure.where), []).append(failure.index)
        for (error, where), indexes in by_error.items():
            at = f" at {where}" if where else ""
            lines.append(
                f"warning: {app_name}: {_examples(indexes, samples)} not cached at export: fn raised {error}{at}. "
                f"The page runs {'it' if len(indexes) == 1 else 'them'} on the first click instead, once Python is ready."
            )
        if self.stopped_at is not None:
            rest = list(range(self.stopped_at, len(self.outputs)))
            where = f" (fn was at {self.stopped_where})" if self.stopped_where else ""
            lines.append(
                f"warning: {app_name}: the export's time limit of {self.limit:g} s ran out while caching example "
                f"{self.stopped_at + 1}{where}; {_examples(rest, samples)} will be cached in the page on the first "
                f"click. Raise the limit with --timeout SECONDS to cache them at export."
            )
        took = "before the time limit stopped it" if self.stopped_at is not None else f"in {self.seconds:.2f} s"
        lines.append(f"{app_name}: cached {self.cached} of {len(self.outputs)} examples at export {took}")
        return lines


def _examples(indexes: list[int], samples: list[list[Any]]) -> str:
    if len(indexes) == 1:
        shown = json.dumps(samples[indexes[0]]) if indexes[0] < len(samples) else ""
        shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…]"
        return f"example {indexes[0] + 1} {shown}".rstrip()
    return "examples " + ", ".join(str(index + 1) for index in indexes)


def read_record(record: Path, total: int, limit: float, stack: str = "", folder: Path | None = None) -> CachedExamples | None:
    """The child's record as :class:`CachedExamples`; None if caching never started. ``limit``:
    the export's time limit; ``stack``: its dump of the child, when it stopped the run (names
    where fn was: its innermost line in ``folder``, the app's, else the innermost line)."""
    if not record.is_file():
        return None
    outputs: list[list[Any] | None] = [None] * total
    failures, seconds, running, finished, done = [], 0.0, None, set(), False
    for text in record.read_text(encoding="utf-8").splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue  # a line the time limit cut short
        if "running" in line:
            running = line["running"]
        elif "outputs" in line and 0 <= line["index"] < total:
            outputs[line["index"]] = line["outputs"]
            finished.add(line["index"])
        elif "error" in line:
            failures.append(Failure(line["index"], line["error"], line.get("where")))
            finished.add(line["index"])
        elif "seconds" in line:
            seconds, done = float(line["seconds"]), True
    stopped = running if running is not None and running not in finished and not done else None
    where = _stuck_at(stack, folder) if stopped is not None else None
    return CachedExamples(outputs=outputs, failures=failures, seconds=seconds, stopped_at=stopped, stopped_where=where,
                          limit=limit)


def _stuck_at(stack: str, folder: Path | None) -> str | None:
    """Where the time limit's dump found fn: its innermost line in the app's folder, else its innermost line."""
    frames = stuck_frames(stack)
    where = _in_app(app_frame(frames, folder), folder) if folder is not None else None
    return where or (f"{frames[0].file.name}:{frames[0].line}" if frames else None)


def check_cache_folder_free(files: list[str], app_name: str) -> None:
    """Refuse an app that ships its own ``cached_examples/`` folder: the cache would overwrite it."""
    taken = [name for name in files if name.split("/", 1)[0] == CACHE_FOLDER]
    if taken:
        raise ExportError(
            f"{app_name} ships {taken[0]}, but with cache_examples=True the export writes the examples' outputs "
            f"to {CACHE_FOLDER}/ beside the app: rename that folder of the app."
        )


def ship(cached: CachedExamples, config: dict[str, Any], app_folder: Path) -> list[list[Any] | None]:
    """The manifest's ``"cached_outputs"``: the cached outputs with every media data URL written
    to ``app_folder/cached_examples/`` and replaced by its path relative to ``app_folder``, which
    the page's renderers resolve as they do an example's file."""
    components = {component["id"]: component for component in config["components"]}
    kinds = [components[id]["data_kind"] for id in config["layout"]["outputs"]]
    shipped: list[list[Any] | None] = []
    for index, outputs in enumerate(cached.outputs):
        if outputs is None:
            shipped.append(None)
            continue
        row = []
        for position, (kind, value) in enumerate(zip(kinds, outputs)):
            if kind in _MEDIA_KINDS:
                names = (f"{CACHE_FOLDER}/{index + 1}-{position + 1}-{n}" for n in itertools.count(1))
                value = _files_for_data_urls(value, app_folder, names)
            row.append(value)
        shipped.append(row)
    return shipped


def _files_for_data_urls(value: Any, app_folder: Path, names: Any, *, media: bool = True, suffix: str = "") -> Any:
    """``value`` with each media data URL written as a file: the value itself when it is one
    (Image, Audio), else those under a dict's media key at any depth (File, Video, Gallery,
    Chatbot file messages). Other strings (captions, chat text) are left as they are. A file
    keeps the extension of its dict's ``name`` (``suffix``), else one from its MIME type."""
    if isinstance(value, str):
        return _write_data_url(value, app_folder, next(names), suffix) if media and is_data_url(value) else value
    if isinstance(value, list):
        return [_files_for_data_urls(item, app_folder, names, media=False) for item in value]
    if isinstance(value, dict):
        name = value.get("name")
        suffix = PurePosixPath(name).suffix if isinstance(name, str) else ""
        suffix = suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix) else ""
        return {key: _files_for_data_urls(item, app_folder, names, media=key in _MEDIA_KEYS, suffix=suffix)
                for key, item in value.items()}
    return value


def _write_data_url(url: str, app_folder: Path, stem: str, suffix: str) -> str:
    try:
        mime, data = parse_data_url(url)
    except CodecError:
        return url  # not a data URL this side can read: shipped as it is
    name = stem + (suffix or _EXTENSIONS.get(mime) or mimetypes.guess_extension(mime) or ".bin")
    target = app_folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return name
