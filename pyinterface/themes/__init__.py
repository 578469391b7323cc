"""``gr.themes``: Gradio 3.50.2's themes (``Base``, ``Default``, ``Soft``, ``Glass``,
``Monochrome``), palettes (``gr.themes.colors``), size scales (``gr.themes.sizes``) and fonts.

``gr.Interface(..., theme=gr.themes.Soft(primary_hue="green"))`` or ``theme="soft"``: the page
takes the theme's colours, sizes and fonts (README, "Styling", says which parts it maps).
"""

from __future__ import annotations

from .base import Base, ThemeClass
from .default import Default
from .glass import Glass
from .monochrome import Monochrome
from .soft import Soft
from .utils import colors, fonts, sizes
from .utils.colors import Color
from .utils.fonts import Font, GoogleFont
from .utils.sizes import Size

__all__ = [
    "Base", "Color", "Default", "Font", "Glass", "GoogleFont", "Monochrome", "Size", "Soft", "ThemeClass",
    "colors", "fonts", "sizes",
]
