"""Turning fn outputs into numbers to explain: Gradio 3's scoring rules.

Only the first output counts, as in Gradio 3 (spec §2.3):

* a **Label** that fn gave as a dict of confidences: the confidence of the *original* top class
  (a perturbed output without that class counts as 0, where Gradio raised ``KeyError``);
* a **Label** that fn gave as a bare str or number: ``diff`` of the labels (their numeric
  difference when both parse as numbers, else 1 when they differ and 0 when equal);
* a **Number**: its value after the component's rounding.

Any other first output raises Gradio's ``ValueError``. ``"default"`` scores a perturbation by
``original - perturbed`` (:meth:`Scorer.difference`); ``"shap"`` explains the value itself
(:meth:`Scorer.value`), which for Number outputs Gradio did not support and this library does.
"""

from __future__ import annotations

import math
import operator
from typing import Any, Sequence

__all__ = [
    "SCORED_OUTPUTS", "Scorer", "diff", "get_regression_or_classification_value", "quantify_difference_in_label",
]

#: Output component types "default" and "shap" can score (only the first output counts).
SCORED_OUTPUTS = ("label", "number")


def diff(original: Any, perturbed: Any) -> int | float:
    """Gradio's ``diff``: ``float(original) - float(perturbed)``, or ``int(original != perturbed)``
    when either is not a number."""
    try:
        return float(original) - float(perturbed)
    except (TypeError, ValueError):
        return int(original != perturbed)


class Scorer:
    """Scores fn outputs against the original prediction of one output component."""

    def __init__(self, output_component: Any, original: Any) -> None:
        self.component = output_component
        kind = getattr(output_component, "component_type", None)
        if kind not in SCORED_OUTPUTS:
            raise ValueError(
                f"This interpretation method doesn't support the Output component: {output_component}. "
                "The first output must be a Label or a Number; put one first, or pass a function as "
                "interpretation= to compute your own scores."
            )
        self.kind = kind
        self.confidences: dict[Any, float] | None = None
        if kind == "number":
            self.original = self._number(original, "the original input")
            return
        confidences = _confidences(original)
        if confidences is not None:
            if not confidences:
                raise ValueError(
                    "fn returned no confidences for the original input, so there is no top class to "
                    "explain; return a dict mapping at least one label to its confidence."
                )
            self.confidences = confidences
            self.top = sorted(confidences.items(), key=operator.itemgetter(1), reverse=True)[0][0]
            self.original = confidences[self.top]
        else:
            self.original = _label_text(original)

    def difference(self, perturbed: Any) -> int | float:
        """``original - perturbed`` for "default" interpretation (Gradio's
        ``quantify_difference_in_label``)."""
        if self.kind == "number":
            return diff(self.original, self._number(perturbed, "a perturbed input"))
        if self.confidences is not None:
            return self.original - self._confidence(perturbed)
        return diff(self.original, _label_text(perturbed))

    def value(self, perturbed: Any) -> float:
        """The quantity "shap" explains (Gradio's ``get_regression_or_classification_value``)."""
        if self.kind == "number":
            return self._number(perturbed, "a perturbed input")
        if self.confidences is not None:
            return self._confidence(perturbed)
        return diff(_label_text(perturbed), self.original)  # inverted on purpose, as in Gradio

    def _confidence(self, output: Any) -> float:
        """The perturbed confidence of the original top class (0 when missing or NaN)."""
        if not isinstance(output, dict):
            return 0.0
        if set(output) <= {"label", "confidences"} and "confidences" in output:
            output = _confidences(output) or {}
        value = output.get(self.top)
        if value is None:
            return 0.0
        value = _float(value)
        return 0.0 if math.isnan(value) else value

    def _number(self, output: Any, which: str) -> float:
        value = self.component.postprocess(output)
        if value is None:
            raise ValueError(
                f"fn returned None for {which}, so the Number output cannot be scored; "
                "return a number for every input."
            )
        value = float(value)
        return 0.0 if math.isnan(value) else value


def _confidences(output: Any) -> dict[Any, float] | None:
    """A Label output as {label: confidence}, or None when it is a bare label."""
    if not isinstance(output, dict):
        return None
    if set(output) <= {"label", "confidences"} and "confidences" in output:  # a Label wire value
        items = output["confidences"]
        if isinstance(items, dict):
            output = items
        else:
            output = {item["label"]: item["confidence"] for item in items or []}
    elif set(output) == {"label"}:
        return None
    return {key: _float(value) for key, value in output.items()}


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"a Label confidence must be a number, got {value!r}.") from None


def _label_text(output: Any) -> str:
    if isinstance(output, dict):  # a dict where the original was a bare label: its top class
        confidences = _confidences(output)
        if confidences is None:
            return str(output.get("label"))
        return str(max(confidences, key=confidences.__getitem__)) if confidences else ""
    return str(output)


# -- Gradio 3's helper functions, same names and arguments (tests port them) -------------------


def quantify_difference_in_label(interface: Any, original_output: Sequence[Any], perturbed_output: Sequence[Any]) -> int | float:
    """Gradio's helper: ``original - perturbed`` for the first output of ``interface``."""
    return Scorer(_first_output(interface), original_output[0]).difference(perturbed_output[0])


def get_regression_or_classification_value(
    interface: Any, original_output: Sequence[Any], perturbed_output: Sequence[Any]
) -> int | float:
    """Gradio's helper for "shap": the value of the perturbed first output."""
    return Scorer(_first_output(interface), original_output[0]).value(perturbed_output[0])


def _first_output(interface: Any) -> Any:
    outputs = interface.output_components
    if not outputs:
        raise ValueError(
            f"{interface.__name__!r} has no output component to explain; interpretation needs a "
            "Label or Number output first."
        )
    return outputs[0]
