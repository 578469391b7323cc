"""The time limit on an export's run of the app, and the message when the app overruns it.

An app that never finishes importing (a ``while True:`` at top level, a blocking ``input()``,
a download that hangs) would hang ``pyinterface export`` with no output. The child that runs the
app (:mod:`pyinterface.tooling._appscan`) arms :func:`faulthandler.dump_traceback_later` with
``exit=True``: when the limit passes, a C watchdog thread writes every Python thread's stack to a
file and ends the process, whatever the app is doing (a pure-Python loop, ``time.sleep``, a
blocking read). The parent turns that dump into one line naming where the app was, e.g.
``app.py:12 (`while True:`)``. The parent also waits a little longer itself and kills the child
if even that failed, so the export never hangs.
"""

from __future__ import annotations

import linecache
import math
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_TIMEOUT", "Frame", "app_frame", "check_timeout", "overrun_message", "stuck_frames"]

#: Seconds an app may take to import and build its Interface at export (``--timeout``).
DEFAULT_TIMEOUT = 60.0
#: Extra seconds the parent waits past the limit before it kills the child itself: the child's
#: own watchdog should have ended it by then (start-up before the watchdog is armed included).
PARENT_GRACE = 15.0

#: One frame line of a faulthandler dump: ``  File "/path/app.py", line 12 in <module>``.
_FRAME = re.compile(r'^\s*File "(?P<file>.*)", line (?P<line>\d+) in (?P<function>.*)$')


@dataclass(frozen=True)
class Frame:
    file: Path
    line: int
    function: str


def check_timeout(timeout: float) -> float:
    """``timeout`` as a float, or a ValueError saying what a limit must be."""
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"the export time limit must be a positive number of seconds, got {timeout!r}")
    return seconds


def stuck_frames(dump: str) -> list[Frame]:
    """The frames of the thread that runs the app (the one with a ``<module>`` frame), innermost
    first; the first thread's when none has one."""
    threads: list[list[Frame]] = []
    for text in dump.splitlines():
        if text.startswith(("Thread ", "Current thread ", "Stack (most recent call first)")):
            threads.append([])
            continue
        match = _FRAME.match(text)
        if match and threads:
            threads[-1].append(Frame(Path(match["file"]), int(match["line"]), match["function"].strip()))
    for frames in threads:
        if any(frame.function == "<module>" for frame in frames):
            return frames
    return threads[0] if threads else []


def app_frame(frames: list[Frame], folder: Path) -> Frame | None:
    """The innermost of ``frames`` (innermost first) in the app's ``folder``: the line of the
    app's own code it was on, or None when none of them is the app's."""
    return next((f for f in frames if f.file.is_absolute() and f.file.resolve().is_relative_to(folder)), None)


def _source_line(frame: Frame) -> str:
    text = linecache.getline(str(frame.file), frame.line).strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _where(frame: Frame, folder: Path) -> str:
    try:
        name = frame.file.resolve().relative_to(folder).as_posix()
    except (OSError, ValueError):
        name = frame.file.name
    source = _source_line(frame)
    return f"{name}:{frame.line}" + (f" (`{source}`)" if source else "")


def overrun_message(app: Path, timeout: float, dump: str) -> str:
    """One line: the app did not finish in time, the line it was on, and how to raise the limit."""
    folder = app.parent
    frames = stuck_frames(dump)
    own = app_frame(frames, folder)
    limit = f"{timeout:g} s"
    message = f"{app.name}: it did not finish importing and building its Interface within {limit}"
    if own:
        message += f"; it was at {_where(own, folder)}"
        if frames[0] != own:
            inner = frames[0]
            message += f", inside {inner.function} ({inner.file.name}:{inner.line})"
    elif frames:
        message += f"; it was in {frames[0].function} ({frames[0].file.name}:{frames[0].line})"
    return (
        f"{message}. If it is stuck, fix that line (an export runs the app once, to learn its "
        f"Interface); if it is just slow, raise the limit with --timeout SECONDS (e.g. --timeout {max(2 * timeout, 120):g})."
    )
