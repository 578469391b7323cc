"""Console input run in an app's namespace, by the Python REPL's rules (the page's console).

One :meth:`Console.run` is one Enter in the page's console:

* input ``codeop`` calls incomplete (``def f():``, an open bracket, a compound statement
  not yet ended by a blank line) runs nothing: the console continues it on the next line;
* otherwise the input is compiled with top-level ``await`` allowed and run in the app's module
  globals (the dict fn's ``__globals__`` is, so ``x = 2`` here is what fn sees); when its last
  statement is an expression, that expression's ``repr`` is returned, not printed (``None``
  gives nothing, as in the REPL); several statements pasted at once run in order;
* what the input prints (its own prints, fn's, a library's) goes to ``write(stream, text)``
  a line at a time as it is printed (:func:`pyinterface._printing.printing_to`: routed by a
  context variable, so a fn of another app running meanwhile prints where it always did);
* each input's source is kept in ``linecache`` under its own name, so a traceback through a
  function defined three inputs ago shows that function's line; tracebacks name every input
  ``<console>`` (:func:`shown_filename`), as the Python REPL does.

``micropip`` failing while the browser is offline is re-raised as a ``ConnectionError`` that
says so plainly, its traceback ending at the console's line (``online`` is asked only then;
worker.mjs passes ``navigator.onLine``).
"""

from __future__ import annotations

import ast
import codeop
import inspect
import itertools
import linecache
import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import CodeType, TracebackType
from typing import Any, Literal

from ._printing import Write, printing_to

__all__ = ["CONSOLE_FILENAME", "Console", "ConsoleResult", "is_complete", "shown_filename"]

#: The file name tracebacks show for console input.
CONSOLE_FILENAME = "<console>"
#: Each input's own name in linecache and its code objects (shown as CONSOLE_FILENAME).
_INPUT_NAME = re.compile(r"<console-\d+>")
_FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
_input_numbers = itertools.count(1)

@dataclass(frozen=True)
class ConsoleResult:
    #: "incomplete": an unfinished statement, nothing ran.
    status: Literal["complete", "incomplete"]
    #: ``repr`` of the final expression's value; None when there is none or it is None.
    value: str | None


def shown_filename(filename: str) -> str:
    """The name a traceback shows for ``filename``: ``<console>`` for every console input."""
    return CONSOLE_FILENAME if _INPUT_NAME.fullmatch(filename) else filename


def is_complete(code: str) -> bool:
    """False for input the REPL would continue on the next line; raises SyntaxError for input
    no further line can fix. Several statements at once are complete when they parse."""
    compiler = codeop.CommandCompiler()
    compiler.compiler.flags |= _FLAGS
    try:
        return compiler(code, CONSOLE_FILENAME, "single") is not None
    except SyntaxError as exc:
        if not str(exc.msg).startswith("multiple statements"):
            raise
    return compiler(code, CONSOLE_FILENAME, "exec") is not None


class Console:
    """Runs console input in ``namespace`` (an app's module globals), with ``gr`` bound there
    unless the app bound it itself."""

    def __init__(self, namespace: dict[str, Any], online: Callable[[], bool] | None = None) -> None:
        import pyinterface

        self.namespace = namespace
        self.namespace.setdefault("gr", pyinterface)
        self._online = online
        self._inputs: list[str] = []  # linecache names of this console's inputs

    async def run(self, code: str, write: Write) -> ConsoleResult:
        """Run one input; its prints go to ``write`` as they happen. Exceptions propagate (a
        SyntaxError too), with the input's frames named ``<console>``."""
        if not is_complete(code):
            return ConsoleResult("incomplete", None)
        filename = f"<console-{next(_input_numbers)}>"
        body, last = _compile(code, filename)
        self._remember(filename, code)
        with printing_to(write):
            try:
                await _execute(body, self.namespace)
                value = await _execute(last, self.namespace) if last is not None else None
            except Exception as exc:
                if self._online is not None and _raised_by("micropip", exc) and not self._online():
                    raise _offline(exc) from None
                raise
        return ConsoleResult("complete", None if value is None else repr(value))

    def forget(self) -> None:
        """Drop the sources of this console's inputs from linecache (the app is unloaded)."""
        for filename in self._inputs:
            linecache.cache.pop(filename, None)
        self._inputs.clear()

    def _remember(self, filename: str, code: str) -> None:
        lines = [line if line.endswith("\n") else line + "\n" for line in code.splitlines(keepends=True)]
        linecache.cache[filename] = (len(code), None, lines, filename)  # mtime None: checkcache keeps it
        self._inputs.append(filename)


def _compile(code: str, filename: str) -> tuple[CodeType, CodeType | None]:
    """The input's statements but a final expression, and that expression (None if the last
    statement is not one): the REPL shows that expression's value."""
    tree = ast.parse(code, filename, "exec")
    last: ast.Expression | None = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    body = compile(tree, filename, "exec", flags=_FLAGS, dont_inherit=True)
    return body, (compile(last, filename, "eval", flags=_FLAGS, dont_inherit=True) if last is not None else None)


async def _execute(code: CodeType, namespace: dict[str, Any]) -> Any:
    result = eval(code, namespace)  # running the visitor's own console input is the point
    if code.co_flags & inspect.CO_COROUTINE:  # top-level await: eval made a coroutine
        result = await result
    return result


def _raised_by(package: str, exc: BaseException) -> bool:
    """Whether a frame of ``package`` is in ``exc``'s traceback (or its cause's / context's)."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        for frame, _ in traceback.walk_tb(current.__traceback__):
            name = frame.f_globals.get("__name__", "")
            if name == package or name.startswith(package + "."):
                return True
        pending += [current.__cause__, current.__context__]
    return False


def _offline(exc: Exception) -> ConnectionError:
    """The error for micropip's ``exc`` while offline; its traceback ends at the console's line
    (micropip's and pyfetch's frames would only bury the message)."""
    error = ConnectionError(
        "installing packages needs the network, and this browser is offline: micropip downloads them from PyPI. "
        f"Connect to the internet and run it again. (micropip said: {type(exc).__name__}: {exc})"
    )
    console_frames = [tb for tb in _tracebacks(exc.__traceback__) if _INPUT_NAME.fullmatch(tb.tb_frame.f_code.co_filename)]
    if console_frames:
        console_frames[-1].tb_next = None
    return error.with_traceback(exc.__traceback__)


def _tracebacks(tb: TracebackType | None) -> Iterator[TracebackType]:
    while tb is not None:
        yield tb
        tb = tb.tb_next
