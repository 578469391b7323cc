"""Components whose value comes from a fixed range or list: Slider, Checkbox, CheckboxGroup,
Radio and Dropdown."""

from __future__ import annotations

import math
import random
from typing import Any, Literal, Sequence

from .base import Component

__all__ = ["Checkbox", "CheckboxGroup", "Dropdown", "Radio", "Slider"]

_CHOICE_TYPES = ("value", "index")


class Slider(Component):
    """A number picked between ``minimum`` and ``maximum``.

    fn receives an ``int`` when ``minimum``, ``maximum`` and ``step`` are all ints and the value
    is whole, and a ``float`` otherwise. Gradio 3.50.2 has no preprocess here: fn gets the
    JSON number the page sent, which is an int exactly when it is whole, so ``range(n)``
    works on an int slider. Unlike Gradio, a float slider always gives a float (Gradio gives
    ``1`` rather than ``1.0`` when a 0..1 slider reaches its end).

    When ``step`` is ``None`` it is derived from the range as Gradio 3 does (two decimal
    orders below it: an int ``1`` for 0..100, ``0.01`` for 0..1), and ``value=None`` starts at
    ``minimum`` (or a random point with ``randomize=True``).
    """

    component_type = "slider"
    data_kind = "number"

    def __init__(
        self,
        minimum: float = 0,
        maximum: float = 100,
        value: float | None = None,
        *,
        step: float | None = None,
        label: str | None = None,
        randomize: bool = False,
        **kwargs: Any,
    ) -> None:
        if minimum > maximum:
            raise ValueError(f"Slider: minimum ({minimum}) is greater than maximum ({maximum}).")
        if step is None:
            span = maximum - minimum
            step = 10 ** math.floor(math.log10(span) - 2) if span > 0 else 1
        elif step <= 0:
            raise ValueError(f"Slider: step must be positive, got {step!r}.")
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        if randomize:
            value = minimum + random.randrange(int((maximum - minimum) / step) + 1) * step
        super().__init__(minimum if value is None else value, label=label, **kwargs)

    def preprocess(self, x: Any) -> int | float | None:
        if x is None:
            return None
        if isinstance(x, bool):
            raise self.invalid(x, f"a number between {self.minimum} and {self.maximum}")
        try:
            number = float(x)
        except (TypeError, ValueError):
            raise self.invalid(x, f"a number between {self.minimum} and {self.maximum}") from None
        if not self.minimum <= number <= self.maximum:
            raise self.invalid(x, f"a number between {self.minimum} and {self.maximum}")
        return self._typed(number)

    @property
    def integral(self) -> bool:
        """Whether this slider moves over whole numbers only (all of its range and step are ints)."""
        return all(isinstance(v, int) and not isinstance(v, bool) for v in (self.minimum, self.maximum, self.step))

    def _typed(self, number: float) -> int | float:
        return int(number) if self.integral and number.is_integer() else number

    def postprocess(self, y: Any) -> int | float:
        # Gradio 3.50.2: an output slider given None shows its minimum.
        if y is None:
            return self.minimum
        if isinstance(y, bool):
            raise self.invalid(y, "a number")
        try:
            return self._typed(float(y))
        except (TypeError, ValueError):
            raise self.invalid(y, "a number") from None

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "minimum": self.minimum, "maximum": self.maximum, "step": self.step}


class Checkbox(Component):
    """A single true/false box; fn receives ``bool``."""

    component_type = "checkbox"
    data_kind = "boolean"

    def __init__(self, value: bool = False, *, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, label=label, **kwargs)

    def preprocess(self, x: Any) -> bool | None:
        if x is None:
            return None
        if isinstance(x, bool) or (isinstance(x, int) and x in (0, 1)):
            return bool(x)
        raise self.invalid(x, "True or False")

    def postprocess(self, y: Any) -> bool | None:
        return None if y is None else bool(y)


def _normalize_choices(owner: str, choices: Sequence[Any] | None) -> list[tuple[str, Any]]:
    """Choices as ``(shown name, value)`` pairs; Gradio 3.41+ takes both plain values and pairs."""
    if choices is None:
        return []
    if isinstance(choices, (str, bytes)) or not isinstance(choices, Sequence):
        raise TypeError(f"{owner}: choices must be a list, got {choices!r} ({type(choices).__name__}).")
    pairs = []
    for choice in choices:
        if isinstance(choice, (tuple, list)):
            if len(choice) != 2:
                raise ValueError(f"{owner}: a choice given as a pair must be (name, value), got {choice!r}.")
            pairs.append((str(choice[0]), choice[1]))
        else:
            pairs.append((str(choice), choice))
    return pairs


class _ChoiceComponent(Component):
    """Shared parts of the components that pick among ``choices`` (Radio, CheckboxGroup, Dropdown)."""

    def __init__(
        self,
        choices: Sequence[Any] | None,
        value: Any,
        *,
        type: Literal["value", "index"] = "value",
        label: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.choices = _normalize_choices(type_name := self.__class__.__name__, choices)
        if type not in _CHOICE_TYPES:
            raise ValueError(f"{type_name}: type must be 'value' or 'index', got {type!r}.")
        self.type = type
        super().__init__(value, label=label, **kwargs)

    @property
    def choice_values(self) -> list[Any]:
        return [value for _, value in self.choices]

    def _check_choice(self, x: Any) -> Any:
        """Return the fn form of one choice value (the value, or its index for type="index")."""
        values = self.choice_values
        if x not in values:
            shown = ", ".join(repr(v) for v in values[:10]) + (", ..." if len(values) > 10 else "")
            raise self.invalid(x, f"one of the choices [{shown}]")
        return values.index(x) if self.type == "index" else x

    def _value_of(self, y: Any) -> Any:
        """fn's return value -> the choice value the page shows (an int is an index for type="index")."""
        if self.type == "index" and isinstance(y, int) and not isinstance(y, bool):
            values = self.choice_values
            if not 0 <= y < len(values):
                raise self.invalid(y, f"a choice index from 0 to {len(values) - 1}")
            return values[y]
        return y

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "choices": [list(pair) for pair in self.choices], "type": self.type}


class Radio(_ChoiceComponent):
    """Exactly one of ``choices``; fn receives the value (or its index with ``type="index"``)."""

    component_type = "radio"
    data_kind = "choice"

    def __init__(self, choices: Sequence[Any] | None = None, *, value: Any = None, **kwargs: Any) -> None:
        super().__init__(choices, value, **kwargs)

    def preprocess(self, x: Any) -> Any:
        return None if x is None else self._check_choice(x)

    def postprocess(self, y: Any) -> Any:
        return None if y is None else self._value_of(y)


class CheckboxGroup(_ChoiceComponent):
    """Any subset of ``choices``; fn receives a list of values (or indices with ``type="index"``)."""

    component_type = "checkboxgroup"
    data_kind = "choices"

    def __init__(self, choices: Sequence[Any] | None = None, *, value: Any = None, **kwargs: Any) -> None:
        super().__init__(choices, [] if value is None else value, **kwargs)

    def preprocess(self, x: Any) -> list[Any]:
        if x is None:
            return []
        if isinstance(x, (str, bytes)) or not isinstance(x, (list, tuple, set)):
            raise self.invalid(x, "a list of choices")
        return [self._check_choice(item) for item in x]

    def postprocess(self, y: Any) -> list[Any]:
        if y is None:
            return []
        if isinstance(y, (str, bytes)) or not isinstance(y, (list, tuple, set)):
            y = [y]
        return [self._value_of(item) for item in y]


class Dropdown(_ChoiceComponent):
    """One of ``choices`` (or several with ``multiselect=True``) from a drop-down list.

    ``allow_custom_value`` lets the visitor type a value that is not a choice;
    ``max_choices`` caps a multiselect.
    """

    component_type = "dropdown"
    data_kind = "choice"

    def __init__(
        self,
        choices: Sequence[Any] | None = None,
        *,
        value: Any = None,
        multiselect: bool | None = None,
        allow_custom_value: bool = False,
        max_choices: int | None = None,
        filterable: bool = True,
        **kwargs: Any,
    ) -> None:
        self.multiselect = bool(multiselect)
        self.allow_custom_value = allow_custom_value
        self.max_choices = max_choices
        self.filterable = filterable
        if self.multiselect and value is None:
            value = []
        super().__init__(choices, value, **kwargs)
        if self.multiselect:
            self.data_kind = "choices"  # type: ignore[misc]  # a list flows, not one choice

    def _check_one(self, x: Any) -> Any:
        if self.allow_custom_value and x not in self.choice_values:
            if self.type == "index":
                raise self.invalid(x, "one of the choices", "A custom value has no index; use type='value'.")
            return x
        return self._check_choice(x)

    def preprocess(self, x: Any) -> Any:
        if not self.multiselect:
            return None if x is None else self._check_one(x)
        if x is None:
            return []
        if isinstance(x, (str, bytes)) or not isinstance(x, (list, tuple, set)):
            raise self.invalid(x, "a list of choices (this Dropdown has multiselect=True)")
        if self.max_choices is not None and len(x) > self.max_choices:
            raise self.invalid(x, f"at most {self.max_choices} choices")
        return [self._check_one(item) for item in x]

    def postprocess(self, y: Any) -> Any:
        if y is None:
            return [] if self.multiselect else None
        if self.multiselect:
            items = y if isinstance(y, (list, tuple, set)) and not isinstance(y, str) else [y]
            return [self._value_of(item) for item in items]
        return self._value_of(y)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "multiselect": self.multiselect,
            "allow_custom_value": self.allow_custom_value,
            "max_choices": self.max_choices,
            "filterable": self.filterable,
        }
