"""What ``Interface(theme=...)`` accepts, resolved as Gradio 3.50.2's ``Blocks`` resolves it.

Gradio (gradio/blocks.py) takes ``None`` as the Default theme, a built-in theme's name in any
case (``"soft"``, ``"Glass"``), and a theme object. Any other string it hands to
``Theme.from_hub`` (``"gradio/seafoam"``, and also the names of Gradio 3's early themes such as
``"huggingface"`` or ``"dark-peach"``, which 3.50.2 no longer has); when that fails it warns
``Cannot load …`` and uses Default. pyinterface never fetches a theme from the Hub (the page
runs offline from its export), so such a name always takes that fallback, with a warning that
says why and what to use instead. An object that is not a theme also warns and uses Default.
"""

from __future__ import annotations

import warnings
from typing import Any

from .base import Base, ThemeClass
from .default import Default
from .glass import Glass
from .monochrome import Monochrome
from .soft import Soft

__all__ = ["BUILT_IN_THEMES", "choose_theme"]

#: The names Gradio 3.50.2's BUILT_IN_THEMES holds, with the class each names.
BUILT_IN_THEMES: dict[str, type[Base]] = {
    "base": Base,
    "default": Default,
    "monochrome": Monochrome,
    "soft": Soft,
    "glass": Glass,
}


def choose_theme(theme: Any) -> ThemeClass:
    """The theme object ``theme=`` stands for (a new instance for a built-in name, so setting
    variables on one Interface's theme never changes another's)."""
    if theme is None:
        return Default()
    if isinstance(theme, str):
        chosen = BUILT_IN_THEMES.get(theme.lower())
        if chosen is not None:
            return chosen()
        names = ", ".join(repr(name) for name in BUILT_IN_THEMES)
        where = "from the Hugging Face Hub" if "/" in theme else "as a built-in theme or from the Hugging Face Hub"
        warnings.warn(
            f"Cannot load theme {theme!r} {where}: pyinterface apps do not fetch Hub themes. Using the default "
            f"theme. Use one of {names}, a gr.themes object, or gr.themes.Base.load() on a downloaded "
            "theme_schema@<version>.json.",
            UserWarning,
            stacklevel=3,
        )
        return Default()
    if not isinstance(theme, ThemeClass):
        warnings.warn(
            f"Theme should be a class loaded from gradio.themes (pyinterface.themes), got {type(theme).__name__}; "
            "using the default theme.",
            UserWarning,
            stacklevel=3,
        )
        return Default()
    return theme
