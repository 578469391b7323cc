"""``gr.themes.Soft`` (Gradio 3.50.2's gradio/themes/soft.py, Apache-2.0, copyright the Gradio authors)."""

from __future__ import annotations

from .base import MONO_FONTS, Base, Fonts, Hue, Size, sans_fonts, theme_arguments
from .utils import colors, sizes

__all__ = ["Soft"]

#: Its default font stack (Gradio's): Montserrat, then the system's sans-serif fonts.
_FONTS = sans_fonts("Montserrat")

#: The variables Soft sets on top of ``Base`` (Gradio's ``super().set(...)`` call, as data).
_VARIABLES: dict[str, str] = {
    "background_fill_primary": "*neutral_50",
    "slider_color": "*primary_500",
    "slider_color_dark": "*primary_600",
    "shadow_drop": "0 1px 4px 0 rgb(0 0 0 / 0.1)",
    "shadow_drop_lg": "0 2px 5px 0 rgb(0 0 0 / 0.1)",
    "block_background_fill": "white",
    "block_label_padding": "*spacing_sm *spacing_md",
    "block_label_background_fill": "*primary_100",
    "block_label_background_fill_dark": "*primary_600",
    "block_label_radius": "*radius_md",
    "block_label_text_size": "*text_md",
    "block_label_text_weight": "600",
    "block_label_text_color": "*primary_500",
    "block_label_text_color_dark": "white",
    "block_title_radius": "*block_label_radius",
    "block_title_padding": "*block_label_padding",
    "block_title_background_fill": "*block_label_background_fill",
    "block_title_text_weight": "600",
    "block_title_text_color": "*primary_500",
    "block_title_text_color_dark": "white",
    "block_label_margin": "*spacing_md",
    "input_background_fill": "white",
    "input_border_color": "*neutral_50",
    "input_shadow": "*shadow_drop",
    "input_shadow_focus": "*shadow_drop_lg",
    "checkbox_shadow": "none",
    "shadow_spread": "6px",
    "button_shadow": "*shadow_drop_lg",
    "button_shadow_hover": "*shadow_drop_lg",
    "checkbox_label_shadow": "*shadow_drop_lg",
    "button_shadow_active": "*shadow_inset",
    "button_primary_background_fill": "*primary_500",
    "button_primary_background_fill_hover": "*primary_400",
    "button_primary_background_fill_hover_dark": "*primary_500",
    "button_primary_text_color": "white",
    "button_secondary_background_fill": "white",
    "button_secondary_background_fill_hover": "*neutral_100",
    "button_secondary_background_fill_hover_dark": "*primary_500",
    "button_secondary_text_color": "*neutral_800",
    "button_cancel_background_fill": "*button_secondary_background_fill",
    "button_cancel_background_fill_hover": "*button_secondary_background_fill_hover",
    "button_cancel_background_fill_hover_dark": "*button_secondary_background_fill_hover",
    "button_cancel_text_color": "*button_secondary_text_color",
    "checkbox_label_background_fill_selected": "*primary_500",
    "checkbox_label_background_fill_selected_dark": "*primary_600",
    "checkbox_border_width": "1px",
    "checkbox_border_color": "*neutral_100",
    "checkbox_border_color_dark": "*neutral_600",
    "checkbox_background_color_selected": "*primary_600",
    "checkbox_background_color_selected_dark": "*primary_700",
    "checkbox_border_color_focus": "*primary_500",
    "checkbox_border_color_focus_dark": "*primary_600",
    "checkbox_border_color_selected": "*primary_600",
    "checkbox_border_color_selected_dark": "*primary_700",
    "checkbox_label_text_color_selected": "white",
    "block_border_width": "0px",
    "panel_border_width": "1px",
}


class Soft(Base):
    """Gradio 3.50.2's ``theme="soft"``: indigo, solid buttons, tinted labels, no block borders."""

    def __init__(
        self,
        *,
        primary_hue: Hue = colors.indigo,
        secondary_hue: Hue = colors.indigo,
        neutral_hue: Hue = colors.gray,
        spacing_size: Size = sizes.spacing_md,
        radius_size: Size = sizes.radius_md,
        text_size: Size = sizes.text_md,
        font: Fonts = _FONTS,
        font_mono: Fonts = MONO_FONTS,
    ) -> None:
        super().__init__(**theme_arguments(locals()))
        self.name = "soft"
        Base.set(self, **_VARIABLES)
