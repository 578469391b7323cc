"""``gr.themes.Default`` (Gradio 3.50.2's gradio/themes/default.py, Apache-2.0, copyright the Gradio authors)."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Base
from .utils import colors, fonts, sizes

__all__ = ["Default"]

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
        primary_hue: colors.Color | str = colors.orange,
        secondary_hue: colors.Color | str = colors.blue,
        neutral_hue: colors.Color | str = colors.gray,
        spacing_size: sizes.Size | str = sizes.spacing_md,
        radius_size: sizes.Size | str = sizes.radius_md,
        text_size: sizes.Size | str = sizes.text_md,
        font: fonts.Font | str | Iterable[fonts.Font | str] = (
            fonts.GoogleFont("Source Sans Pro"),
            "ui-sans-serif",
            "system-ui",
            "sans-serif",
        ),
        font_mono: fonts.Font | str | Iterable[fonts.Font | str] = (
            fonts.GoogleFont("IBM Plex Mono"),
            "ui-monospace",
            "Consolas",
            "monospace",
        ),
    ) -> None:
        super().__init__(
            primary_hue=primary_hue,
            secondary_hue=secondary_hue,
            neutral_hue=neutral_hue,
            spacing_size=spacing_size,
            radius_size=radius_size,
            text_size=text_size,
            font=font,
            font_mono=font_mono,
        )
        self.name = "default"
        Base.set(self, **_VARIABLES)
