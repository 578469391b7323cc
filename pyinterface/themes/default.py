"""``gr.themes.Default`` (Gradio 3.50.2's gradio/themes/default.py, Apache-2.0, copyright the Gradio authors)."""

from __future__ import annotations

from .base import MONO_FONTS, Base, Fonts, Hue, Size, sans_fonts, theme_arguments
from .utils import colors, sizes

__all__ = ["Default"]

#: Its default font stack (Gradio's): Source Sans Pro, then the system's sans-serif fonts.
_FONTS = sans_fonts("Source Sans Pro")

#: The variables Default sets on top of ``Base`` (Gradio's ``super().set(...)`` call, as data).
_VARIABLES: dict[str, str] = {
    "input_background_fill_dark": "*neutral_800",
    "error_background_fill": "#fef2f2",
    "error_background_fill_dark": "*neutral_900",
    "error_border_color": "#b91c1c",
    "error_border_color_dark": "#ef4444",
    "error_icon_color": "#b91c1c",
    "error_icon_color_dark": "#ef4444",
    "button_transition": "none",
    "button_shadow": "*shadow_drop",
    "button_shadow_hover": "*shadow_drop_lg",
    "button_shadow_active": "*shadow_inset",
    "input_shadow": "0 0 0 *shadow_spread transparent, *shadow_inset",
    "input_shadow_focus": "0 0 0 *shadow_spread *secondary_50, *shadow_inset",
    "input_shadow_focus_dark": "0 0 0 *shadow_spread *neutral_700, *shadow_inset",
    "checkbox_label_shadow": "*shadow_drop",
    "block_shadow": "*shadow_drop",
    "form_gap_width": "1px",
    "input_border_width": "1px",
    "input_background_fill": "white",
    "stat_background_fill": "linear-gradient(to right, *primary_400, *primary_200)",
    "stat_background_fill_dark": "linear-gradient(to right, *primary_400, *primary_600)",
    "checkbox_label_background_fill": "linear-gradient(to top, *neutral_50, white)",
    "checkbox_label_background_fill_dark": "linear-gradient(to top, *neutral_900, *neutral_800)",
    "checkbox_label_background_fill_hover": "linear-gradient(to top, *neutral_100, white)",
    "checkbox_label_background_fill_hover_dark": "linear-gradient(to top, *neutral_900, *neutral_800)",
    "button_primary_background_fill": "linear-gradient(to bottom right, *primary_100, *primary_300)",
    "button_primary_background_fill_dark": "linear-gradient(to bottom right, *primary_500, *primary_600)",
    "button_primary_background_fill_hover": "linear-gradient(to bottom right, *primary_100, *primary_200)",
    "button_primary_background_fill_hover_dark": "linear-gradient(to bottom right, *primary_500, *primary_500)",
    "button_primary_border_color_dark": "*primary_500",
    "button_secondary_background_fill": "linear-gradient(to bottom right, *neutral_100, *neutral_200)",
    "button_secondary_background_fill_dark": "linear-gradient(to bottom right, *neutral_600, *neutral_700)",
    "button_secondary_background_fill_hover": "linear-gradient(to bottom right, *neutral_100, *neutral_100)",
    "button_secondary_background_fill_hover_dark": "linear-gradient(to bottom right, *neutral_600, *neutral_600)",
    "button_cancel_background_fill": "linear-gradient(to bottom right, #fee2e2, #fecaca)",
    "button_cancel_background_fill_dark": "linear-gradient(to bottom right, #dc2626, #b91c1c)",
    "button_cancel_background_fill_hover": "linear-gradient(to bottom right, #fee2e2, #fee2e2)",
    "button_cancel_background_fill_hover_dark": "linear-gradient(to bottom right, #dc2626, #dc2626)",
    "button_cancel_border_color": "#fecaca",
    "button_cancel_border_color_dark": "#dc2626",
    "button_cancel_text_color": "#dc2626",
    "button_cancel_text_color_dark": "white",
    "border_color_accent_subdued": "*primary_200",
}


class Default(Base):
    """The theme Gradio 3.50.2 uses when none is given (``theme="default"``): orange on gray,
    gradient buttons."""

    def __init__(
        self,
        *,
        primary_hue: Hue = colors.orange,
        secondary_hue: Hue = colors.blue,
        neutral_hue: Hue = colors.gray,
        spacing_size: Size = sizes.spacing_md,
        radius_size: Size = sizes.radius_md,
        text_size: Size = sizes.text_md,
        font: Fonts = _FONTS,
        font_mono: Fonts = MONO_FONTS,
    ) -> None:
        super().__init__(**theme_arguments(locals()))
        self.name = "default"
        Base.set(self, **_VARIABLES)
