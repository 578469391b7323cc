"""``gr.themes.Monochrome`` (Gradio 3.50.2's gradio/themes/monochrome.py, Apache-2.0, copyright the Gradio authors)."""

from __future__ import annotations

from .base import MONO_FONTS, Base, Fonts, Hue, Size, sans_fonts, theme_arguments
from .utils import colors, sizes

__all__ = ["Monochrome"]

#: Its default font stack (Gradio's): Quicksand, then the system's sans-serif fonts.
_FONTS = sans_fonts("Quicksand")

#: The variables Monochrome sets on top of ``Base`` (Gradio's ``super().set(...)`` call, as data).
_VARIABLES: dict[str, str] = {
    "slider_color": "*neutral_900",
    "slider_color_dark": "*neutral_500",
    "body_text_color": "*neutral_900",
    "block_label_text_color": "*body_text_color",
    "block_title_text_color": "*body_text_color",
    "body_text_color_subdued": "*neutral_700",
    "background_fill_primary_dark": "*neutral_900",
    "background_fill_secondary_dark": "*neutral_800",
    "block_background_fill_dark": "*neutral_800",
    "input_background_fill_dark": "*neutral_700",
    "button_primary_background_fill": "*neutral_900",
    "button_primary_background_fill_hover": "*neutral_700",
    "button_primary_text_color": "white",
    "button_primary_background_fill_dark": "*neutral_600",
    "button_primary_background_fill_hover_dark": "*neutral_600",
    "button_primary_text_color_dark": "white",
    "button_secondary_background_fill": "*button_primary_background_fill",
    "button_secondary_background_fill_hover": "*button_primary_background_fill_hover",
    "button_secondary_text_color": "*button_primary_text_color",
    "button_cancel_background_fill": "*button_primary_background_fill",
    "button_cancel_background_fill_hover": "*button_primary_background_fill_hover",
    "button_cancel_text_color": "*button_primary_text_color",
    "checkbox_label_background_fill": "*button_primary_background_fill",
    "checkbox_label_background_fill_hover": "*button_primary_background_fill_hover",
    "checkbox_label_text_color": "*button_primary_text_color",
    "checkbox_background_color_selected": "*neutral_600",
    "checkbox_background_color_dark": "*neutral_700",
    "checkbox_background_color_selected_dark": "*neutral_700",
    "checkbox_border_color_selected_dark": "*neutral_800",
    "checkbox_label_padding": "*spacing_md",
    "button_large_padding": "*spacing_lg",
    "button_small_padding": "*spacing_sm",
    "block_border_width": "0px",
    "block_border_width_dark": "1px",
    "shadow_drop_lg": "0 1px 4px 0 rgb(0 0 0 / 0.1)",
    "block_shadow": "*shadow_drop_lg",
    "block_shadow_dark": "none",
    "block_title_text_weight": "600",
    "block_label_text_weight": "600",
    "block_label_text_size": "*text_md",
}


class Monochrome(Base):
    """Gradio 3.50.2's ``theme="monochrome"``: neutral hues, square corners, black buttons."""

    def __init__(
        self,
        *,
        primary_hue: Hue = colors.neutral,
        secondary_hue: Hue = colors.neutral,
        neutral_hue: Hue = colors.neutral,
        spacing_size: Size = sizes.spacing_lg,
        radius_size: Size = sizes.radius_none,
        text_size: Size = sizes.text_md,
        font: Fonts = _FONTS,
        font_mono: Fonts = MONO_FONTS,
    ) -> None:
        super().__init__(**theme_arguments(locals()))
        self.name = "monochrome"
        Base.set(self, **_VARIABLES)
