"""Explaining predictions: Gradio 3's ``interpretation=`` ("default", "shap", a function).

``Interface.interpret(inputs)`` / ``await Interface.ainterpret(inputs, progress=...)`` land
here. The result has Gradio 3's shape, ``[{"original": value, "interpretation": payload}]``
per input, with its payload formats and signs (spec §2.3-2.4), so code written for Gradio 3
reads the same numbers. What changed underneath:

* perturbed inputs are built as numpy arrays and, for ``batch=True`` Interfaces, sent to fn
  ``max_batch_size`` at a time; other inputs reuse their preprocessed originals;
* images are split by a numpy port of SLIC (:mod:`._slic`), so no scikit-image is needed;
  in Pyodide its loops run as JavaScript on the same arrays (:mod:`._slic_js`); an image's
  heat map is rounded to 6 decimals and prints its own JSON for the page (:mod:`._heatmap`);
* "shap" is a numpy Kernel SHAP (:mod:`._shap`), exact when the budget covers every
  coalition, and one joint game over all "shap" inputs;
* Dropdown works again; a perturbed Label without the original top class scores 0;
* a function's result is used as is: one payload per input, whatever the outputs.

The engine is plain Python; only the async variant yields between fn batches, which is what
the page's worker uses (progress messages, cancellation by cancelling the task).
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Callable, Sequence

from ._params import set_interpret_parameters

__all__ = ["ainterpret", "check_interpretation", "interpret", "pyodide_packages", "set_interpret_parameters"]

Progress = Callable[[int, int], Any]

#: Inputs whose "default" neighbours are built with numpy (see _neighbours.py).
_NUMPY_NEIGHBOURS = frozenset({"number", "slider"})


def pyodide_packages(interface: Any) -> set[str]:
    """Pyodide packages the engine imports in the page for this Interface's interpretation."""
    methods = interface.interpretation
    if not isinstance(methods, list):
        return set()  # None, or a custom function: it imports what it imports itself
    for method, component in zip(methods, interface.input_components):
        if method in ("shap", "shapley") or (method == "default" and component.component_type in _NUMPY_NEIGHBOURS):
            return {"numpy"}
    return set()


def check_interpretation(interface: Any) -> None:
    """Raise :class:`~pyinterface.errors.ConfigurationError` when "default"/"shap" cannot explain
    this Interface: its first output is not one they can score, or an input has no strategy for
    its method. Gradio 3 found these only when Interpret was clicked; an Interface that cannot be
    interpreted now fails where it is built, naming the component."""
    from ..errors import ConfigurationError
    from ._components import check_input
    from ._scores import SCORED_OUTPUTS

    methods = interface.interpretation
    if not isinstance(methods, list):
        return  # None, or a custom function: it computes its own scores
    used = sorted({method for method in methods if method is not None})
    outputs = interface.output_components
    if not outputs or outputs[0].component_type not in SCORED_OUTPUTS:
        first = f"the first output is {outputs[0].name}" if outputs else "the Interface has no output"
        raise ConfigurationError(
            f"interpretation={used[0]!r} scores the first output component, which must be a Label or a Number, "
            f"but {first}. Put a Label or Number output first, or pass a function as interpretation= "
            "to compute your own scores."
        )
    for component, method in zip(interface.input_components, methods):
        if method is not None:
            try:
                check_input(component, "default" if method == "default" else "shap")
            except ValueError as exc:
                raise ConfigurationError(str(exc)) from None


def interpret(interface: Any, inputs: Sequence[Any]) -> list[dict[str, Any]]:
    """Explain ``interface``'s prediction for ``inputs`` (wire values; extra values after the
    inputs, such as the outputs the page also sends, are ignored)."""
    if _needs_event_loop(interface):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(ainterpret(interface, inputs))
        raise RuntimeError(
            f"{interface.__name__} (or its interpretation function) is async and an event loop is already "
            "running here: use `await interface.ainterpret(inputs)` instead of interface.interpret(inputs)."
        )
    raw = _raw_inputs(interface, inputs)
    if callable(interface.interpretation):
        return _custom_result(interface, raw, interface.interpretation(*interface.preprocess(raw)))
    from ._evaluate import evaluate

    work = _Work(interface, raw)
    return work.finish(evaluate(interface, work.segments))


async def ainterpret(interface: Any, inputs: Sequence[Any], *, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Awaitable :func:`interpret`; ``progress(done, total)`` (sync or async) is called after
    each batch of fn calls, and the task can be cancelled between batches."""
    raw = _raw_inputs(interface, inputs)
    if callable(interface.interpretation):
        result = interface.interpretation(*interface.preprocess(raw))
        if inspect.isawaitable(result):
            result = await result
        return _custom_result(interface, raw, result)
    from ._evaluate import aevaluate

    work = _Work(interface, raw)
    return work.finish(await aevaluate(interface, work.segments, progress))


def _needs_event_loop(interface: Any) -> bool:
    custom = interface.interpretation
    return interface._is_async() or (callable(custom) and inspect.iscoroutinefunction(custom))


def _raw_inputs(interface: Any, inputs: Sequence[Any]) -> list[Any]:
    if interface.interpretation is None:
        raise ValueError(
            "No interpretation method specified. Build the Interface with interpretation=\"default\", "
            "\"shap\", a per-input list, or a function."
        )
    expected = len(interface.input_components)
    values = list(inputs)
    if len(values) < expected:
        names = ", ".join(c.name for c in interface.input_components)
        raise TypeError(f"interpret: {interface.__name__!r} takes {expected} input(s) ({names}) but {len(values)} were given.")
    return values[:expected]


def _custom_result(interface: Any, raw: list[Any], result: Any) -> list[dict[str, Any]]:
    # Gradio 3 wrapped the result in a list only when the page sent a single value; here the
    # function always returns one payload per input (spec §2.6).
    n_inputs = len(raw)
    if not isinstance(result, (list, tuple)) or len(result) != n_inputs:
        got = f"{len(result)} item(s)" if isinstance(result, (list, tuple)) else repr(result)[:60]
        raise ValueError(
            f"The interpretation function {getattr(interface.interpretation, '__name__', '')!r} must return a "
            f"list with one interpretation per input ({n_inputs}), but returned {got}. For one input, "
            "wrap it: `return [interpretation]`."
        )
    return [{"original": value, "interpretation": _plain(payload)} for value, payload in zip(raw, result)]


def _plain(value: Any) -> Any:
    """numpy arrays and scalars inside a payload -> Python lists and numbers (tuples stay)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "tolist") and type(value).__module__ == "numpy":
        return value.tolist()
    return value


class _Work:
    """Everything to evaluate for "default"/"shap" inputs, and how to turn the predictions
    into payloads. Building it checks inputs and outputs before fn is ever called."""

    def __init__(self, interface: Any, raw: list[Any]) -> None:
        from ._components import explain_input
        from ._default import DefaultJob
        from ._evaluate import Segment
        from ._scores import Scorer, _first_output
        from ._shap_game import ShapJob

        self.raw = raw
        output = _first_output(interface)
        if output.component_type not in ("label", "number"):
            Scorer(output, None)  # raises Gradio's "doesn't support the Output component" error
        self.output = output
        originals = interface.preprocess(raw)
        self.defaults: list[DefaultJob] = []
        shap_inputs = {}
        for index, (component, value, method) in enumerate(zip(interface.input_components, raw, interface.interpretation)):
            if method == "default":
                self.defaults.append(DefaultJob(index, explain_input(component, value, method), originals))
            elif method in ("shap", "shapley"):
                shap_inputs[index] = explain_input(component, value, "shap")
        self.shap = ShapJob(shap_inputs, originals, interface.num_shap) if shap_inputs else None
        self.segments = [Segment(1, lambda start, stop: [list(originals)])]
        self.segments += [job.segment for job in self.defaults]
        if self.shap is not None:
            self.segments.append(self.shap.segment)

    def finish(self, predictions: list[list[Any]]) -> list[dict[str, Any]]:
        from ._scores import Scorer

        original = predictions[0][0]
        scorer = Scorer(self.output, original)
        payloads: dict[int, Any] = {}
        for job, predicted in zip(self.defaults, predictions[1:]):
            payloads[job.index] = job.payload(predicted, scorer)
        if self.shap is not None:
            payloads.update(self.shap.payloads(predictions[-1], scorer, original))
        return [{"original": value, "interpretation": payloads.get(i)} for i, value in enumerate(self.raw)]
