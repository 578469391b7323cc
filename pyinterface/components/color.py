"""The ColorPicker component: a colour as a hex string such as ``"#ff8800"``."""

from __future__ import annotations

import re
from typing import Any

from .base import Component

__all__ = ["ColorPicker"]

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


class ColorPicker(Component):
    """A colour picker; fn receives and returns a hex colour string ("#rrggbb" or "#rgb").

    Gradio 3.50.2 passes any value through ``str``; here a value the picker cannot show (a
    colour name, an ``(r, g, b)`` tuple) is an error naming the fix, not a silent black.
    """

    component_type = "colorpicker"
    data_kind = "color"

    def __init__(self, value: str | None = None, *, label: str | None = None, info: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(value, label=label, info=info, **kwargs)

    def _check(self, value: Any) -> str:
        if isinstance(value, str) and _HEX_COLOUR.fullmatch(value):
            return value
        fix = None
        if isinstance(value, (tuple, list)) and len(value) == 3:
            fix = "For (r, g, b) use '#{:02x}{:02x}{:02x}'.format(r, g, b)."
        elif isinstance(value, str):
            fix = "Colour names are not accepted; use the hex code, e.g. '#ff0000' for red."
        raise self.invalid(value, "a hex colour such as '#ff8800'", fix)

    def preprocess(self, x: Any) -> str | None:
        return None if x is None else self._check(x)

    def postprocess(self, y: Any) -> str | None:
        return None if y is None else self._check(y)
