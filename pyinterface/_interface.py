"""``Interface``: wrap a Python function in a UI described by plain JSON.

The call chain, each step one job (like httpx's send chain)::

    __call__ / acall        Python values in, Python values out (outputs unwrapped when single)
      process / aprocess    wire values in, wire values out (what the page sends and renders)
        preprocess          each input component: wire -> fn value
        run / arun          call fn (batch wrapping, output arity checks); Parallel/Series override
        postprocess         each output component: fn value -> wire
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Callable, Sequence

from ._arguments import (
    SERVER_ONLY_ARGUMENTS,
    as_components,
    normalize_flagging,
    normalize_interpretation,
    parameter_names,
    read_css,
)
from ._config import InterfaceConfig, build_config
from ._examples import cache_examples_setting, example_payloads, normalize_examples
from ._launch import note_built
from ._remote_hosts import normalize_remote_image_hosts
from .components.state import SessionStore, link_states
from .errors import ConfigurationError
from .flagging import (
    FlaggingCallback,
    check_auto_flagging,
    check_flagging_callback,
    flagged_components,
    flagging_dir_name,
)
from .interpretation import check_interpretation
from .themes._choose import choose_theme

__all__ = ["Interface"]

class Interface:
    """Wrap ``fn`` in a UI: input components feed it, output components show what it returns.

    Mirrors ``gradio.Interface`` (3.x). Differences a Gradio user may notice:

    * calling the Interface returns plain Python values (a Label's dict, an image array), not
      temp-file paths;
    * bad arguments (unknown component names, examples of the wrong shape, unknown
      interpretation methods, "default"/"shap" with a first output they cannot score) fail
      here, naming the argument or component, not later in the browser.

    Example::

        import pyinterface as gr

        def greet(name: str) -> str:
            return f"Hello {name}!"

        demo = gr.Interface(greet, "textbox", "textbox", title="Greeter")
        demo("Ada")        # 'Hello Ada!'
        demo.launch()      # serve it, running in the visitor's browser

    Parameters (Gradio 3 names and defaults):
        fn: the function to wrap; it may be async or a generator (its last value is the result).
        inputs, outputs: a component, a component name such as ``"textbox"``, or a list of them;
            ``None`` or ``[]`` for an output-only or input-only Interface.
        examples: a list of samples (a flat list when there is one input) or a directory.
        examples_per_page: how many examples the page shows at a time.
        live: run fn whenever an input changes instead of on Submit.
        interpretation: ``"default"``, ``"shap"``, a list with one method (or None) per input, or a
            function returning one interpretation per input.
        num_shap: sample budget multiplier for ``"shap"``.
        title, description, article: heading text, markdown above and markdown below the app.
        thumbnail: stored in the config for the page.
        theme: a built-in theme's name ("default", "soft", "glass", "monochrome", "base") or a
            ``gr.themes`` object; the page takes its colours, sizes and fonts (README, "Styling").
        css: CSS text, or a path to a CSS file (read now, as Gradio 3 does).
        allow_flagging, flagging_options: Gradio's flagging settings ("manual": a Flag button per
            option; "auto": Submit flags the inputs; "never").
        flagging_dir: the folder name of the flags' download (``flagged/log.csv``, media beside it).
        flagging_callback: Gradio's default ``CSVLogger()`` only: the page keeps flags in the
            visitor's browser (see ``pyinterface.flagging``; other callbacks are refused).
        batch, max_batch_size: fn takes lists of inputs and returns a list per output.
        api_name: the name of the predict endpoint.
        timeout: a pyinterface extension: seconds a run (Submit, Interpret) may take in the page
            before it is cancelled, and Python restarted if it does not stop; None: no limit.
        remote_image_hosts: a pyinterface extension: origins (``"https://upload.wikimedia.org"``)
            the app's HTML and markdown may load images from; every other host is blocked.
    """

    mode = "interface"

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: Any,
        outputs: Any,
        examples: Any = None,
        cache_examples: bool | None = None,
        examples_per_page: int = 10,
        live: bool = False,
        interpretation: Any = None,
        num_shap: float = 2.0,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        thumbnail: str | None = None,
        theme: Any = None,
        css: str | None = None,
        allow_flagging: str | bool | None = None,
        flagging_options: Sequence[Any] | None = None,
        flagging_dir: str = "flagged",
        flagging_callback: FlaggingCallback | None = None,
        batch: bool = False,
        max_batch_size: int = 4,
        api_name: str | None = "predict",
        timeout: float | None = None,
        remote_image_hosts: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        unknown = sorted(set(kwargs) - SERVER_ONLY_ARGUMENTS)
        if unknown:
            raise TypeError(f"Interface() got unexpected keyword argument(s): {', '.join(unknown)}.")
        if isinstance(fn, (list, tuple)):
            raise TypeError("fn must be one function; to run several on the same inputs use gr.Parallel(...).")
        if not callable(fn):
            raise TypeError(f"fn must be callable, got {fn!r} ({type(fn).__name__}).")

        self.fn = fn
        self.__name__ = getattr(fn, "__name__", None) or type(fn).__name__
        self.input_components = as_components(inputs, "inputs")
        self.output_components = as_components(outputs, "outputs")
        if not self.input_components and not self.output_components:
            raise ValueError("Must provide at least one of `inputs` or `outputs`.")
        link_states(fn, inputs, self.input_components, self.output_components)
        #: The State values this Interface keeps between runs (see components.state).
        self.session = SessionStore()
        self._label_components()

        if not isinstance(max_batch_size, int) or max_batch_size < 1:
            raise ConfigurationError(f"max_batch_size must be a positive int, got {max_batch_size!r}.")
        self.batch = bool(batch)
        self.max_batch_size = max_batch_size
        self.live = bool(live)
        self.api_name = api_name
        self.api_mode = False
        self.timeout = _check_timeout(timeout)
        self.remote_image_hosts = normalize_remote_image_hosts(remote_image_hosts)
        self.interpretation = normalize_interpretation(interpretation, len(self.input_components))
        check_interpretation(self)  # an Interface "default"/"shap" cannot explain fails here, not on Interpret
        self.num_shap = float(num_shap)
        self.title = title
        self.description = description
        self.article = article
        self.thumbnail = thumbnail
        #: The theme object, as Gradio resolves theme= (None: Default; a name; a gr.themes object).
        self.theme = choose_theme(theme)
        #: Whether theme= was given: without one the page keeps pyinterface.css's own look.
        self.theme_given = theme is not None
        self.css = read_css(css)
        self.allow_flagging, self.flagging_options = normalize_flagging(allow_flagging, flagging_options)
        self.flagging_dir = flagging_dir_name(flagging_dir)
        self.flagging_callback = check_flagging_callback(flagging_callback, self.allow_flagging)
        check_auto_flagging(self)
        flagged = flagged_components(self)
        if flagged is not None:  # as Gradio's constructor does
            self.flagging_callback.setup(flagged, self.flagging_dir)
        self.cache_examples = cache_examples_setting(cache_examples, [*self.input_components, *self.output_components])
        if not isinstance(examples_per_page, int) or examples_per_page < 1:
            raise ConfigurationError(f"examples_per_page must be a positive int, got {examples_per_page!r}.")
        self.examples_per_page = examples_per_page
        self.examples = examples
        self.example_rows = normalize_examples(examples, self.example_components)
        self.example_samples = example_payloads(self.example_rows, self.example_components)
        #: The interfaces a Parallel/Series is built from; empty for a plain Interface.
        self.members: list[Interface] = []
        note_built(self)  # for the "built no Interface" message of an app that drops it

    # -- construction helpers -------------------------------------------------------------

    @property
    def example_components(self) -> list[Any]:
        """The inputs examples give values for: all but State, as in Gradio 3."""
        return [component for component in self.input_components if not component.stateful]

    def _label_components(self) -> None:
        # Gradio 3: inputs take the fn's parameter names, outputs "output" / "output {i}".
        names = parameter_names(self.fn)
        for index, component in enumerate(self.input_components):
            if component.label is None:
                if index < len(names):
                    component.label = names[index]
                else:
                    component.label = "input" if len(self.input_components) == 1 else f"input {index}"
        for index, component in enumerate(self.output_components):
            if component.label is None:
                component.label = "output" if len(self.output_components) == 1 else f"output {index}"
            if component.interactive is None:
                component.interactive = False

    # -- the call chain ---------------------------------------------------------------------

    def __call__(self, *inputs: Any) -> Any:
        """Run the Interface like a function on Python values; one output is unwrapped."""
        if self._is_async():
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return asyncio.run(self.acall(*inputs))
            raise RuntimeError(
                f"{self.__name__} is async and an event loop is already running here: use "
                f"`await interface.acall(...)` instead of calling it."
            )
        return self._as_python(self.process(list(inputs)))

    async def acall(self, *inputs: Any) -> Any:
        """Awaitable variant of calling the Interface; works for sync and async fns alike."""
        return self._as_python(await self.aprocess(list(inputs)))

    def process(self, inputs: Sequence[Any]) -> list[Any]:
        """Wire (or Python) input values -> wire output values, one per output component."""
        return self.postprocess(self.run(self.preprocess(inputs)))

    async def aprocess(self, inputs: Sequence[Any]) -> list[Any]:
        return self.postprocess(await self.arun(self.preprocess(inputs)))

    def preprocess(self, inputs: Sequence[Any]) -> list[Any]:
        self._check_arity(inputs)
        return [
            self.session.read(component, value) if component.stateful else component.preprocess(value)
            for component, value in zip(self.input_components, inputs)
        ]

    def postprocess(self, predictions: Sequence[Any]) -> list[Any]:
        outputs = []
        for component, value in zip(self.output_components, predictions):
            if component.stateful:  # kept here; the page gets null
                self.session.write(component, value)
            outputs.append(component.postprocess(value))
        return outputs

    def run(self, values: Sequence[Any]) -> list[Any]:
        """Call fn on preprocessed values; return one prediction per output component."""
        if self._is_async():
            raise RuntimeError(f"{self.__name__} is async: use `await interface.acall(...)`.")
        if self.batch:  # Gradio 3: a batch fn called with single values gets lists of one
            return [column[0] for column in self.run_batch([[value] for value in values])]
        return self._split_outputs(_last(self._call(values)))

    async def arun(self, values: Sequence[Any]) -> list[Any]:
        if self.batch:
            return [column[0] for column in await self.arun_batch([[value] for value in values])]
        return self._split_outputs(await _aresolve(self._call(values, prefer_async=True)))

    def run_batch(self, columns: Sequence[list[Any]]) -> list[list[Any]]:
        """``batch=True``: call fn on one list of samples per input; return one list of results
        per output component (what interpretation uses to send ``max_batch_size`` at a time)."""
        return self._check_batch(_last(self._call(columns)), _sample_count(columns))

    async def arun_batch(self, columns: Sequence[list[Any]]) -> list[list[Any]]:
        return self._check_batch(await _aresolve(self._call(columns, prefer_async=True)), _sample_count(columns))

    # -- fn invocation ------------------------------------------------------------------------

    def _is_async(self) -> bool:
        fn = self.fn
        return inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn) or inspect.iscoroutinefunction(
            getattr(fn, "__call__", None)
        )

    def _call(self, args: Sequence[Any], *, prefer_async: bool = False) -> Any:
        # An fn object may also offer an awaitable form (a loaded model or Space: fetch in the page).
        call = getattr(self.fn, "acall", None) if prefer_async else None
        try:
            return (call or self.fn)(*args)
        except Exception as exc:
            exc.add_note(f"(raised by fn {self.__name__!r} of this Interface)")
            raise

    def _split_outputs(self, result: Any) -> list[Any]:
        n_outputs = len(self.output_components)
        if n_outputs == 0:
            return []
        if n_outputs == 1:
            return [result]
        if not isinstance(result, (list, tuple)) or len(result) != n_outputs:
            count = f"{len(result)} value(s)" if isinstance(result, (list, tuple)) else f"one {type(result).__name__}"
            names = ", ".join(c.name for c in self.output_components)
            raise ValueError(
                f"fn {self.__name__!r} returned {count}, but the Interface has {n_outputs} output components "
                f"({names}): return a tuple with one value per output."
            )
        return list(result)

    def _check_batch(self, result: Any, count: int) -> list[list[Any]]:
        # Gradio 3: a batch fn returns one list per output, even with one output ([results]).
        n_outputs = len(self.output_components)
        if n_outputs == 0:
            return []
        if (
            not isinstance(result, (list, tuple))
            or len(result) != n_outputs
            or not all(isinstance(column, (list, tuple)) and len(column) == count for column in result)
        ):
            samples = "one sample" if count == 1 else f"{count} samples"
            raise ValueError(
                f"fn {self.__name__!r} has batch=True, so for {samples} it must return a list holding one "
                f"list of {count} result(s) per output component ({n_outputs}), e.g. `return [results]` for one "
                f"output; got {result!r:.80}."
            )
        return [list(column) for column in result]

    def _check_arity(self, inputs: Sequence[Any]) -> None:
        expected = len(self.input_components)
        if len(inputs) != expected:
            names = ", ".join(c.name for c in self.input_components) or "none"
            raise TypeError(
                f"{self.__name__!r} takes {expected} input(s) ({names}) but {len(inputs)} were given."
            )

    def _as_python(self, outputs: list[Any]) -> Any:
        values = [component.as_python(value) for component, value in zip(self.output_components, outputs)]
        if len(values) == 1:
            return values[0]
        return values if values else None

    # -- interpretation and loading (engines live in their own packages) ----------------------

    def interpret(self, inputs: Sequence[Any]) -> list[dict[str, Any]]:
        """Explain one prediction: ``[{"original": ..., "interpretation": ...}]`` per input,
        in Gradio 3's payload formats. Extra values after the inputs (the page also sends the
        current outputs, as Gradio's UI did) are ignored."""
        from .interpretation import interpret

        return interpret(self, list(inputs))

    async def ainterpret(self, inputs: Sequence[Any], *, progress: Any = None) -> list[dict[str, Any]]:
        """Awaitable :meth:`interpret`; ``progress(done, total)`` is called between fn batches."""
        from .interpretation import ainterpret

        return await ainterpret(self, list(inputs), progress=progress)

    @classmethod
    def load(cls, name: str, src: str | None = None, hf_token: str | None = None, alias: str | None = None,
             **kwargs: Any) -> Interface:
        """Gradio 3's ``Interface.load``: the same as :func:`pyinterface.load`."""
        from .hub import load

        return load(name, src=src, hf_token=hf_token, alias=alias, **kwargs)

    def queue(self, *args: Any, **kwargs: Any) -> Interface:
        """Accepted so ``demo.queue().launch()`` runs: events already run one at a time in the
        visitor's own worker, so Gradio's queue options have nothing to configure."""
        return self

    def launch(self, **kwargs: Any) -> Any:
        """Show the app: served from a static folder on loopback under CPython, rendered by
        the page in the browser. Gradio's server options (``share``, ``server_port``...) that
        have a meaning here are honoured; see ``pyinterface serve --help``."""
        from ._launch import launch

        return launch(self, **kwargs)

    def pyodide_packages(self) -> list[str]:
        """Pyodide packages (lock names) the page needs for this Interface's own machinery:
        its components, its members' and its interpretation. What fn imports is found apart."""
        from .interpretation import pyodide_packages as interpretation_packages

        packages = {name for c in [*self.input_components, *self.output_components] for name in c.pyodide_packages()}
        packages |= interpretation_packages(self)
        for member in self.members:
            packages.update(member.pyodide_packages())
        return sorted(packages)

    # -- description --------------------------------------------------------------------------

    def config(self) -> InterfaceConfig:
        """The plain-JSON description the browser renders (schema in ``pyinterface._config``)."""
        return build_config(self)

    def __repr__(self) -> str:
        header = f"pyinterface Interface for: {self.__name__}"
        lines = [header, "-" * len(header), "inputs:"]
        lines += [f"|-{component!r}" for component in self.input_components]
        lines.append("outputs:")
        lines += [f"|-{component!r}" for component in self.output_components]
        return "\n".join(lines)

    __str__ = __repr__


def _sample_count(columns: Sequence[list[Any]]) -> int:
    return len(columns[0]) if columns else 1


def _last(result: Any) -> Any:
    """A generator's last value (Gradio streams them; called as a function, the last is the result)."""
    if inspect.isgenerator(result):
        last = None
        for last in result:
            pass
        return last
    return result


async def _aresolve(result: Any) -> Any:
    """What an fn call gives, awaited: a coroutine's value, or an (async) generator's last value."""
    if inspect.isawaitable(result):
        return await result
    if inspect.isasyncgen(result):
        last = None
        async for last in result:
            pass
        return last
    return _last(result)


def _check_timeout(timeout: Any) -> float | None:
    """``timeout=`` as the page reads it: positive seconds, or None for no limit."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < float("inf"):
        raise ConfigurationError(f"timeout must be a positive number of seconds or None (no limit), got {timeout!r}.")
    return float(timeout)
