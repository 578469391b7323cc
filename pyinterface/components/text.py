"""Free-form value components: Textbox and Number."""

from __future__ import annotations

import math
from typing import Any, Literal

from .base import Component

__all__ = ["Number", "Textbox"]

_TEXTBOX_TYPES = ("text", "password", "email")


class Textbox(Component):
    """A single- or multi-line text field; fn receives and returns ``str``.

    Parameters as Gradio 3.50: ``lines`` (visible rows), ``max_lines``, ``placeholder`` and
    ``type`` ("text", "password" or "email").
    """

    component_type = "textbox"
    data_kind = "text"

    def __init__(
        self,
        value: str | None = "",
        *,
        lines: int = 1,
        max_lines: int = 20,
        placeholder: str | None = None,
        label: str | None = None,
        type: Literal["text", "password", "email"] = "text",
        **kwargs: Any,
    ) -> None:
        if type not in _TEXTBOX_TYPES:
            raise ValueError(f"Textbox: type must be one of {', '.join(_TEXTBOX_TYPES)}, got {type!r}.")
        if not isinstance(lines, int) or lines < 1:
            raise ValueError(f"Textbox: lines must be a positive int, got {lines!r}.")
        self.lines = lines
        self.max_lines = max(max_lines, lines)
        self.placeholder = placeholder
        self.type = type
        super().__init__(value, label=label, **kwargs)

    def preprocess(self, x: Any) -> str | None:
        if x is None:
            return None
        if isinstance(x, (bytes, bytearray)):
            raise self.invalid(x, "text (str)", "Decode the bytes first, e.g. data.decode('utf-8').")
        if isinstance(x, (list, dict, tuple, set)):
            raise self.invalid(x, "text (str)")
        return str(x)

    def postprocess(self, y: Any) -> str | None:
        return None if y is None else str(y)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "lines": self.lines,
            "max_lines": self.max_lines,
            "placeholder": self.placeholder,
            "type": self.type,
        }


class Number(Component):
    """A numeric field; fn receives ``float`` (or ``int`` when ``precision=0``).

    ``precision`` rounds as Gradio 3 does (``None``: no rounding); ``minimum``/``maximum`` bound
    what the visitor can enter and are enforced on preprocess.
    """

    component_type = "number"
    data_kind = "number"

    def __init__(
        self,
        value: float | None = None,
        *,
        label: str | None = None,
        precision: int | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        step: float = 1,
        **kwargs: Any,
    ) -> None:
        if precision is not None and (not isinstance(precision, int) or precision < 0):
            raise ValueError(f"Number: precision must be None or an int >= 0, got {precision!r}.")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise ValueError(f"Number: minimum ({minimum}) is greater than maximum ({maximum}).")
        self.precision = precision
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        super().__init__(value, label=label, **kwargs)

    def _round(self, num: float) -> float | int:
        # Gradio 3 (number.py `_round_to_precision`): precision 0 gives an int, else a float.
        if self.precision is None:
            return float(num)
        if self.precision == 0:
            return int(round(num))
        return round(num, self.precision)

    def _coerce(self, x: Any) -> float:
        if isinstance(x, bool):
            raise self.invalid(x, "a number", "Use 1 or 0 for True or False.")
        try:
            number = float(x)
        except (TypeError, ValueError):
            raise self.invalid(x, "a number") from None
        if math.isnan(number):
            raise self.invalid(x, "a number, not NaN")
        return number

    def preprocess(self, x: Any) -> float | int | None:
        if x is None or x == "":
            return None
        number = self._coerce(x)
        if self.minimum is not None and number < self.minimum:
            raise self.invalid(x, f"a number >= {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise self.invalid(x, f"a number <= {self.maximum}")
        return self._round(number)

    def postprocess(self, y: Any) -> float | int | None:
        if y is None:
            return None
        return self._round(self._coerce(y))

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "precision": self.precision,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "step": self.step,
        }
