"""``gr.themes.utils``: the colour, size and font tables themes are built from (Gradio's layout,
so ``from gradio.themes.utils import colors, fonts, sizes`` ports as is)."""

from . import colors, fonts, sizes

__all__ = ["colors", "fonts", "sizes"]
