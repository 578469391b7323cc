"""Per-component interpretation parameters: Gradio 3's ``set_interpret_parameters``.

Gradio gave each interpretable component a ``set_interpret_parameters(...)`` method with its
own arguments and defaults, returning the component so calls chain. Here the arguments, their
defaults and their checks live in one table; ``Component.set_interpret_parameters`` delegates
to :func:`set_interpret_parameters`, which stores the checked values on the component as
``interpret_params``. The engine reads them back with :func:`parameters_of`.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable

__all__ = ["PARAMETERS", "parameters_of", "set_interpret_parameters"]


def _positive_int(name: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}.")
        return int(value)

    return check


def _separator(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"separator must be a non-empty str, e.g. ' ' or ',', got {value!r}.")
    return value


def _replacement(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"replacement must be a str or None (None removes the token), got {value!r}.")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"delta must be a number, got {value!r}.")
    return value  # kept as given (int or float), as Gradio does, so neighbours match its numbers


def _delta_type(value: Any) -> str:
    if value not in ("percent", "absolute"):
        raise ValueError(f"delta_type must be 'percent' or 'absolute', got {value!r}.")
    return value


#: component_type -> ordered {parameter: (default, check)}; the order is Gradio's positional order.
PARAMETERS: dict[str, dict[str, tuple[Any, Callable[[Any], Any]]]] = {
    "textbox": {"separator": (" ", _separator), "replacement": (None, _replacement)},
    "image": {"segments": (16, _positive_int("segments"))},
    "audio": {"segments": (8, _positive_int("segments"))},
    "number": {
        "steps": (3, _positive_int("steps")),
        "delta": (1, _number),
        "delta_type": ("percent", _delta_type),
    },
    "slider": {"steps": (8, _positive_int("steps"))},
    "checkbox": {},
    "checkboxgroup": {},
    "radio": {},
    "dropdown": {},
}


def set_interpret_parameters(component: Any, *args: Any, **kwargs: Any) -> Any:
    """Check and store interpretation parameters on ``component``; return the component.

    Example (Gradio 3 spelling, through the component method)::

        gr.Textbox().set_interpret_parameters(separator=",", replacement="[MASK]")
        gr.Image(shape=(224, 224)).set_interpret_parameters(segments=32)
    """
    kind = component.component_type
    name = type(component).__name__
    spec = PARAMETERS.get(kind)
    if spec is None:
        raise ValueError(
            f"{name} does not support interpretation, so it has no interpretation parameters. "
            f"Components that do: {', '.join(_class_names())}."
        )
    names = list(spec)
    if len(args) > len(names):
        takes = ", ".join(names) if names else "no parameters"
        raise TypeError(f"{name}.set_interpret_parameters takes {takes}; got {len(args)} positional values.")
    given = dict(zip(names, args))
    for key, value in kwargs.items():
        if key not in spec:
            known = ", ".join(names) if names else "none"
            raise TypeError(f"{name}.set_interpret_parameters got an unknown parameter {key!r}; it takes: {known}.")
        if key in given:
            raise TypeError(f"{name}.set_interpret_parameters got {key!r} twice (positionally and by name).")
        given[key] = value
    checked = dict(getattr(component, "interpret_params", None) or {})
    for key, value in given.items():
        try:
            checked[key] = spec[key][1](value)
        except ValueError as exc:
            raise ValueError(f"{name}.set_interpret_parameters: {exc}") from None
    component.interpret_params = checked
    return component


def parameters_of(component: Any) -> dict[str, Any]:
    """The component's interpretation parameters: its stored ones over the defaults."""
    spec = PARAMETERS.get(component.component_type, {})
    stored = getattr(component, "interpret_params", None) or {}
    return {key: stored.get(key, default) for key, (default, _) in spec.items()}


def _class_names() -> list[str]:
    return ["Textbox", "Image", "Audio", "Number", "Slider", "Checkbox", "CheckboxGroup", "Radio", "Dropdown"]
