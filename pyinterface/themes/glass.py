"""``gr.themes.Glass`` (Gradio 3.50.2's gradio/themes/glass.py, Apache-2.0, copyright the Gradio authors)."""

from __future__ import annotations

from .base import MONO_FONTS, Base, Fonts, Hue, Size, theme_arguments
from .utils import colors, sizes

__all__ = ["Glass"]

#: The variables Glass sets on top of ``Base`` (Gradio's ``super().set(...)`` call, as data).
_VARIABLES: dict[str, str] = {
    "body_background_fill_dark": "*primary_800",
    "background_fill_secondary_dark": "*primary_800",
    "block_background_fill_dark": "*primary_800",
    "button_primary_background_fill": "linear-gradient(180deg, *primary_50 0%, *primary_200 50%, *primary_300 50%, *primary_200 100%)",
    "button_primary_background_fill_hover": "linear-gradient(180deg, *primary_100 0%, *primary_200 50%, *primary_300 50%, *primary_200 100%)",
    "button_primary_background_fill_dark": "linear-gradient(180deg, *primary_400 0%, *primary_500 50%, *primary_600 50%, *primary_500 100%)",
    "button_primary_background_fill_hover_dark": "linear-gradient(180deg, *primary_400 0%, *primary_500 50%, *primary_600 50%, *primary_500 100%)",
    "button_secondary_background_fill": "*button_primary_background_fill",
    "button_secondary_background_fill_hover": "*button_primary_background_fill_hover",
    "button_secondary_background_fill_dark": "*button_primary_background_fill",
    "button_secondary_background_fill_hover_dark": "*button_primary_background_fill_hover",
    "button_cancel_background_fill": "*button_primary_background_fill",
    "button_cancel_background_fill_hover": "*button_primary_background_fill_hover",
    "button_cancel_background_fill_dark": "*button_primary_background_fill",
    "button_cancel_background_fill_hover_dark": "*button_primary_background_fill_hover",
    "button_cancel_border_color": "*button_secondary_border_color",
    "button_cancel_border_color_dark": "*button_secondary_border_color",
    "button_cancel_text_color": "*button_secondary_text_color",
    "checkbox_border_width": "0px",
    "checkbox_label_background_fill": "*button_secondary_background_fill",
    "checkbox_label_background_fill_dark": "*button_secondary_background_fill",
    "checkbox_label_background_fill_hover": "*button_secondary_background_fill_hover",
    "checkbox_label_background_fill_hover_dark": "*button_secondary_background_fill_hover",
    "checkbox_label_border_width": "1px",
    "checkbox_background_color_dark": "*primary_600",
    "button_border_width": "1px",
    "button_shadow_active": "*shadow_inset",
    "input_background_fill": "linear-gradient(0deg, *secondary_50 0%, white 100%)",
    "input_background_fill_dark": "*secondary_600",
    "input_border_color_focus_dark": "*primary_400",
    "input_border_width": "1px",
    "slider_color": "*primary_400",
    "block_label_text_color": "*primary_500",
    "block_title_text_color": "*primary_500",
    "block_label_text_weight": "600",
    "block_title_text_weight": "600",
    "block_label_text_size": "*text_md",
    "block_title_text_size": "*text_md",
    "block_label_background_fill": "*primary_200",
    "block_label_background_fill_dark": "*primary_700",
    "block_border_width": "0px",
    "block_border_width_dark": "1px",
    "panel_border_width": "1px",
    "border_color_primary_dark": "*primary_500",
    "background_fill_primary_dark": "*neutral_700",
    "background_fill_secondary": "*primary_100",
    "block_background_fill": "*primary_50",
    "block_shadow": "*primary_400 0px 0px 3px 0px",
    "table_even_background_fill_dark": "*neutral_700",
    "table_odd_background_fill_dark": "*neutral_700",
}


class Glass(Base):
    """Gradio 3.50.2's ``theme="glass"``: stone hues, small sizes, glossy gradient buttons."""

    def __init__(
        self,
        *,
        primary_hue: Hue = colors.stone,
        secondary_hue: Hue = colors.stone,
        neutral_hue: Hue = colors.stone,
        spacing_size: Size = sizes.spacing_sm,
        radius_size: Size = sizes.radius_sm,
        text_size: Size = sizes.text_sm,
        font: Fonts = ("Optima", "Candara", "Noto Sans", "source-sans-pro", "sans-serif"),
        font_mono: Fonts = MONO_FONTS,
    ) -> None:
        super().__init__(**theme_arguments(locals()))
        self.name = "glass"
        Base.set(self, **_VARIABLES)
