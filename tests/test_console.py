"""Console input by the Python REPL's rules (pyinterface/_console.py), run in a plain namespace:
what is complete, what a final expression gives, where prints go and when, what tracebacks show."""

from __future__ import annotations

import asyncio
import linecache
import sys
import textwrap
from typing import Any

import pytest

from pyinterface._console import CONSOLE_FILENAME, Console, ConsoleResult, is_complete, shown_filename
from pyinterface._worker import _user_traceback


class Recorder:
    """A console whose prints are kept as (stream, text) pairs in the order they were sent."""

    def __init__(self, namespace: dict[str, Any] | None = None, **options: Any) -> None:
        self.namespace: dict[str, Any] = {} if namespace is None else namespace
        self.console = Console(self.namespace, **options)
        self.sent: list[tuple[str, str]] = []

    def run(self, code: str) -> ConsoleResult:
        return asyncio.run(self.console.run(textwrap.dedent(code), lambda stream, text: self.sent.append((stream, text))))

    def error(self, code: str) -> BaseException:
        with pytest.raises(BaseException) as caught:
            self.run(code)
        return caught.value


@pytest.mark.parametrize("code", ["def f():", "x = (1,", "def f():\n    return 1", "if x:\n  pass\nelse:", "@dec", "s = '''abc"])
def test_unfinished_input_is_incomplete(code):
    assert not is_complete(code)


@pytest.mark.parametrize("code", ["print(1)", "def f():\n    return 1\n", "x = 1\ny = 2", "await x", "", "# a comment"])
def test_finished_input_is_complete(code):
    assert is_complete(code)


def test_input_no_line_can_fix_is_a_syntax_error():
    with pytest.raises(SyntaxError):
        is_complete("1 +")


def test_incomplete_input_runs_nothing():
    console = Recorder()
    assert console.run("x = [1,\n") == ConsoleResult("incomplete", None)
    assert console.run("def f():\n    print('ran')") == ConsoleResult("incomplete", None)
    assert "x" not in console.namespace and "f" not in console.namespace and console.sent == []


def test_a_final_expression_gives_its_repr_and_none_gives_nothing():
    console = Recorder()
    assert console.run("'abc'.upper()") == ConsoleResult("complete", "'ABC'")
    assert console.run("x = 2") == ConsoleResult("complete", None)
    assert console.run("None") == ConsoleResult("complete", None)
    assert console.run("x = 3\nx * 2") == ConsoleResult("complete", "6")  # pasted statements run in order
    assert console.sent == []  # the value is returned, not printed


def test_input_runs_in_the_namespace_it_is_given_and_gr_is_bound():
    import pyinterface

    namespace: dict[str, Any] = {"x": 1}
    exec("def f():\n    return x", namespace)  # noqa: S102 - a function whose globals are the namespace
    console = Recorder(namespace)
    console.run("x = 41")
    assert namespace["f"]() == 41
    assert console.run("gr is __import__('pyinterface')").value == "True"
    assert Recorder({"gr": "mine"}).namespace["gr"] == "mine"  # an app that bound gr itself keeps it
    assert console.namespace["gr"] is pyinterface


def test_top_level_await_works():
    console = Recorder()
    code = """
        import asyncio
        async def twice(x):
            await asyncio.sleep(0)
            return 2 * x
        y = await twice(4)
    """
    assert console.run(code).status == "complete"
    assert console.run("await twice(y)").value == "16"


def test_prints_go_to_the_stream_they_were_written_to_in_order():
    console = Recorder()
    console.run("import sys\nprint(6*7)\nprint('careful', file=sys.stderr)\nprint('a', end='')\nprint('b', end='', file=sys.stderr)")
    assert console.sent == [("stdout", "42\n"), ("stderr", "careful\n"), ("stdout", "a"), ("stderr", "b")]


def test_each_printed_line_is_sent_as_it_is_printed_not_at_the_end():
    console = Recorder()
    console.namespace["seen"] = lambda: list(console.sent)
    console.run("for i in range(3):\n    print(i)\n    snapshot = seen()\n")
    assert console.namespace["snapshot"] == [("stdout", "0\n"), ("stdout", "1\n"), ("stdout", "2\n")]
    console.run("print('no newline yet', end='', flush=True)\nflushed = seen()")
    assert console.namespace["flushed"][-1] == ("stdout", "no newline yet")


def test_prints_outside_console_input_are_not_captured_and_streams_are_restored(capsys):
    before = sys.stdout, sys.stderr
    console = Recorder()

    async def both() -> None:
        async def elsewhere() -> None:
            await asyncio.sleep(0)
            print("from another task")

        other = asyncio.create_task(elsewhere())  # created outside the input's context: not its output
        await console.console.run("import asyncio\nawait asyncio.sleep(0.01)\nprint('mine')", lambda s, t: console.sent.append((s, t)))
        await other

    asyncio.run(both())
    assert console.sent == [("stdout", "mine\n")]
    assert capsys.readouterr().out == "from another task\n"
    assert (sys.stdout, sys.stderr) == before


def test_output_printed_before_an_exception_is_sent():
    console = Recorder()
    error = console.error("print('before')\n1/0")
    assert isinstance(error, ZeroDivisionError) and console.sent == [("stdout", "before\n")]


def test_tracebacks_name_console_input_and_show_its_lines_even_from_an_earlier_input():
    console = Recorder()
    console.run("def f(x):\n    return 1 / x\n")
    console.run("y = 'another input, so another source'")
    text = _user_traceback(console.error("f(0)"), None)
    assert 'File "<console>", line 1, in <module>\n    f(0)' in text
    assert 'File "<console>", line 2, in f\n    return 1 / x' in text
    assert "pyinterface/_console.py" not in text and "ZeroDivisionError: division by zero" in text


def test_a_syntax_error_names_console_and_shows_the_line():
    error = Recorder().error("x = 1\ny = (2 +* 3)\n")
    assert isinstance(error, SyntaxError)
    text = _user_traceback(error, None)
    assert 'File "<console>", line 2' in text and "y = (2 +* 3)" in text and "SyntaxError" in text


def test_forget_drops_the_inputs_sources():
    console = Recorder()
    console.run("def f():\n    return 1\n")
    filename = console.namespace["f"].__code__.co_filename
    assert shown_filename(filename) == CONSOLE_FILENAME and linecache.getline(filename, 2).strip() == "return 1"
    console.console.forget()
    assert linecache.getline(filename, 2) == ""
