"""Which component is explained how: a registry from ``component_type`` to its strategy.

Token inputs (Textbox, Image, Audio) work with both "default" (leave one token out) and
"shap"; neighbour inputs (Number, Slider, Checkbox, CheckboxGroup, Radio, Dropdown) only with
"default", as in Gradio 3. A component type not listed here cannot be interpreted, and the
error names it.
"""

from __future__ import annotations

from typing import Any, Callable

from ._neighbours import (
    CheckboxGroupNeighbours, CheckboxNeighbours, ChoiceNeighbours, NeighbourInput, NumberNeighbours,
    SliderNeighbours,
)
from ._tokens import AudioTokens, ImageTokens, TextTokens, TokenInput

__all__ = ["TOKEN_INPUTS", "NEIGHBOUR_INPUTS", "check_input", "explain_input"]

TOKEN_INPUTS: dict[str, Callable[[Any, Any], TokenInput]] = {
    "textbox": TextTokens,
    "image": ImageTokens,
    "audio": AudioTokens,
}


def _dropdown(component: Any, raw: Any) -> NeighbourInput:
    if component.multiselect:
        return CheckboxGroupNeighbours(component, raw)
    return ChoiceNeighbours(component, raw)


NEIGHBOUR_INPUTS: dict[str, Callable[[Any, Any], NeighbourInput]] = {
    "number": NumberNeighbours,
    "slider": SliderNeighbours,
    "checkbox": CheckboxNeighbours,
    "checkboxgroup": CheckboxGroupNeighbours,
    "radio": ChoiceNeighbours,
    "dropdown": _dropdown,
}


def explain_input(component: Any, raw: Any, method: str) -> TokenInput | NeighbourInput:
    """The strategy that perturbs input ``raw`` of ``component`` for ``method``."""
    return _factory(component, method)(component, raw)


def check_input(component: Any, method: str) -> None:
    """Raise the error :func:`explain_input` would, before any value exists (at construction)."""
    _factory(component, method)


def _factory(component: Any, method: str) -> Callable[[Any, Any], TokenInput | NeighbourInput]:
    kind = component.component_type
    if method == "default":
        factory = TOKEN_INPUTS.get(kind) or NEIGHBOUR_INPUTS.get(kind)
        if factory is None:
            raise ValueError(
                f"Component {component.name} does not support interpretation. \"default\" works with "
                f"{_names(TOKEN_INPUTS, NEIGHBOUR_INPUTS)}; give this input None in a per-input list, "
                f"e.g. interpretation=[\"default\", None], or pass your own function."
            )
        return factory
    factory = TOKEN_INPUTS.get(kind)
    if factory is None:
        raise ValueError(
            f"Input component {component.name} does not support `shap` interpretation. \"shap\" works "
            f"with {_names(TOKEN_INPUTS)}; use \"default\" (or None) for this input in a per-input "
            "list, e.g. interpretation=[\"shap\", \"default\"]."
        )
    return factory


def _names(*tables: dict[str, Any]) -> str:
    spelled = {
        "textbox": "Textbox", "image": "Image", "audio": "Audio", "number": "Number", "slider": "Slider",
        "checkbox": "Checkbox", "checkboxgroup": "CheckboxGroup", "radio": "Radio", "dropdown": "Dropdown",
    }
    return ", ".join(spelled[kind] for table in tables for kind in table)
