"""Inputs explained by trying nearby values: Number, Slider, Checkbox, CheckboxGroup, Radio and
Dropdown (which Gradio 3.16-3.50 rejected).

Each class lists the neighbouring raw values exactly as Gradio 3 did, preprocesses them for fn,
and formats the scores, ``perturbed - original`` (Gradio negated its differences for these),
into Gradio's payload for the component (spec §2.4). A neighbour the component cannot take
(a Number outside ``minimum``/``maximum``, a Dropdown choice beyond ``max_choices``) is not
run: Number leaves it out of the payload, the others show ``None`` for it.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from ..errors import ComponentValueError
from ._params import parameters_of

__all__ = [
    "SKIP", "CheckboxGroupNeighbours", "CheckboxNeighbours", "ChoiceNeighbours", "NeighbourInput",
    "NumberNeighbours", "SliderNeighbours",
]

#: Marks a neighbour that is not run (its score stays None).
SKIP = object()


class NeighbourInput:
    """Base: ``values`` are the raw neighbours, ``fn_values`` what fn receives (or SKIP)."""

    values: list[Any]
    fn_values: list[Any]

    def __init__(self, component: Any, raw: Any) -> None:
        self.component = component
        self.raw = raw
        self.values = self.neighbours(raw)
        self.fn_values = [self._preprocess(value) for value in self.values]

    def neighbours(self, x: Any) -> list[Any]:
        raise NotImplementedError

    def payload(self, scores: Sequence[Any]) -> Any:
        """``scores`` has one entry per neighbour (None for skipped ones)."""
        raise NotImplementedError

    def _preprocess(self, value: Any) -> Any:
        try:
            return self.component.preprocess(value)
        except ComponentValueError:
            return SKIP

    def _choice_values(self) -> list[Any]:
        return [value for _, value in self.component.choices]


class NumberNeighbours(NeighbourInput):
    """``steps`` values below and above x, ``delta`` apart (a percentage of x by default)."""

    def neighbours(self, x: Any) -> list[Any]:
        import numpy as np

        params = parameters_of(self.component)
        if x is None or x == "":
            raise ValueError(f"{self.component.name}: there is no number to interpret; enter one first.")
        self.component.preprocess(x)  # a number the component accepts
        x = _round(x, self.component.precision)  # Gradio rounds but keeps an int an int
        self.x = x
        steps, delta = params["steps"], params["delta"]
        if params["delta_type"] == "percent":
            delta = 1.0 * delta * x / 100
        if self.component.precision == 0 and math.floor(delta) != delta:
            raise ValueError(
                f"Delta value {delta} is not an integer and precision=0. Cannot generate valid set of neighbors. "
                "If delta_type='percent', pick a value of delta such that x * delta is an integer. "
                "If delta_type='absolute', pick a value of delta that is an integer."
            )
        below = (np.array(x) + np.arange(-steps, 0) * delta).tolist()
        above = (np.array(x) + np.arange(1, steps + 1) * delta).tolist()
        self.n_below = len(below)
        return below + above

    def payload(self, scores: Sequence[Any]) -> list[tuple[Any, Any]]:
        pairs = list(zip(self.values, scores))
        kept_below = [pair for pair, fn in zip(pairs[: self.n_below], self.fn_values) if fn is not SKIP]
        kept_above = [pair for pair, fn in zip(pairs[self.n_below :], self.fn_values[self.n_below :]) if fn is not SKIP]
        return kept_below + [(self.x, None)] + kept_above


def _round(x: Any, precision: int | None) -> Any:
    # Gradio 3's Number._round_to_precision.
    if precision is None:
        return x
    if precision == 0:
        return int(round(x))
    return round(x, precision)


class SliderNeighbours(NeighbourInput):
    """``steps`` evenly spaced values from minimum to maximum (x itself is not special)."""

    def neighbours(self, x: Any) -> list[Any]:
        import numpy as np

        c = self.component
        return np.linspace(c.minimum, c.maximum, parameters_of(c)["steps"]).tolist()

    def payload(self, scores: Sequence[Any]) -> list[Any]:
        return list(scores)


class CheckboxNeighbours(NeighbourInput):
    """The other state; payload ``(score if False, score if True)`` with None at the current one."""

    def neighbours(self, x: Any) -> list[Any]:
        return [not x]

    def payload(self, scores: Sequence[Any]) -> tuple[Any, Any]:
        return (scores[0], None) if self.raw else (None, scores[0])


class CheckboxGroupNeighbours(NeighbourInput):
    """Each choice toggled; payload ``[score, None]`` for a checked choice (score of unchecking
    it) and ``[None, score]`` for an unchecked one. Also serves multiselect Dropdowns."""

    def neighbours(self, x: Any) -> list[Any]:
        self.selected = list(x or [])
        toggled = []
        for choice in self._choice_values():
            values = list(self.selected)
            if choice in values:
                values.remove(choice)
            else:
                values.append(choice)
            toggled.append(values)
        return toggled

    def payload(self, scores: Sequence[Any]) -> list[list[Any]]:
        return [
            [score, None] if choice in self.selected else [None, score]
            for choice, score in zip(self._choice_values(), scores)
        ]


class ChoiceNeighbours(NeighbourInput):
    """Every other choice (Radio, single-select Dropdown); payload one score per choice with
    None at the selected one. A custom Dropdown value that is not a choice gets no None."""

    def neighbours(self, x: Any) -> list[Any]:
        choices = self._choice_values()
        if x not in choices:
            if self.component.component_type == "radio" or x is None:
                raise ValueError(
                    f"{self.component.name}: select one of the choices before interpreting (got {x!r})."
                )
            self.position = None
            return choices
        self.position = choices.index(x)
        return [choice for index, choice in enumerate(choices) if index != self.position]

    def payload(self, scores: Sequence[Any]) -> list[Any]:
        result = list(scores)
        if self.position is not None:
            result.insert(self.position, None)
        return result
