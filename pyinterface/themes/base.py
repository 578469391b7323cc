"""``gr.themes.Base``: a theme as Gradio 3.50.2 builds one, from hues, sizes and fonts.

A theme is a set of named CSS variables (``button_primary_background_fill``,
``button_primary_background_fill_dark``, ``body_text_color`` …) whose values may refer to each
other and to the hue and size steps (``"*primary_500"``). The constructors and ``set()`` follow
Gradio 3.50.2 (gradio/themes/base.py, Apache-2.0, copyright the Gradio authors), so a theme's
variables hold the same values as Gradio's. ``pyinterface.themes._page`` resolves them and maps
the ones the page uses onto its ``--pyi-*`` custom properties.

Not carried over: ``from_hub`` and ``push_to_hub`` (the page and the export have no Hub to
fetch a theme from; see :meth:`ThemeClass.from_hub`) and ``gr.themes.builder()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._variables import LOOKED_UP_AS, VARIABLE_DEFAULTS
from .utils import colors, fonts, sizes

__all__ = ["MONO_FONTS", "Base", "Fonts", "Hue", "Size", "ThemeClass", "sans_fonts", "theme_arguments"]

#: What each constructor argument accepts, as in Gradio: a palette or its name, a size scale or
#: its step name, one font or a list of them (the first preferred).
Hue = colors.Color | str
Size = sizes.Size | str
Fonts = fonts.Font | str | Iterable[fonts.Font | str]

#: The monospace stack every built-in theme defaults to.
MONO_FONTS: tuple[fonts.Font | str, ...] = (fonts.GoogleFont("IBM Plex Mono"), "ui-monospace", "Consolas", "monospace")
#: The names of the constructor arguments every theme takes (Base's, which subclasses forward).
_ARGUMENTS = ("primary_hue", "secondary_hue", "neutral_hue", "text_size", "spacing_size", "radius_size", "font", "font_mono")


def sans_fonts(first: str) -> tuple[fonts.Font | str, ...]:
    """A built-in theme's default sans-serif stack: its Google font, then the system's."""
    return (fonts.GoogleFont(first), "ui-sans-serif", "system-ui", "sans-serif")


#: Base's default font stack (Gradio's): Source Sans Pro, then the system's sans-serif fonts.
_FONTS = sans_fonts("Source Sans Pro")


def theme_arguments(given: dict[str, Any]) -> dict[str, Any]:
    """The theme arguments among a constructor's ``locals()``, to forward to ``Base.__init__``.

    Each built-in theme spells its signature out, with its own defaults, because that is what
    Gradio's signatures are (``inspect.signature`` parity, IDE help); the forwarding need not be."""
    return {name: given[name] for name in _ARGUMENTS}


class ThemeClass:
    """What every theme is (Gradio's ``gr.themes.ThemeClass``): a name and its variables."""

    def __init__(self) -> None:
        self._stylesheets: list[str] = []
        self.name: str | None = None

    def variables(self) -> dict[str, str | None]:
        """The theme's CSS variables by Gradio name (``body_text_color_dark`` …), unresolved."""
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_") and key != "name"}

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The theme as Gradio's theme JSON (``{"theme": {...}}``), as ``dump`` writes it."""
        schema: dict[str, Any] = {key: value for key, value in self.variables().items() if isinstance(value, str)}
        schema["name"] = self.name
        schema["_font"] = [_font_json(font) for font in getattr(self, "_font", [])]
        schema["_font_mono"] = [_font_json(font) for font in getattr(self, "_font_mono", [])]
        schema["_stylesheets"] = list(self._stylesheets)
        return {"theme": schema}

    @classmethod
    def from_dict(cls, theme: dict[str, dict[str, Any]]) -> ThemeClass:
        """A theme from Gradio's theme JSON (what ``to_dict`` returns, or a Hub theme's
        ``theme_schema@<version>.json`` downloaded by hand); variables it lacks come from ``Base()``."""
        new_theme = cls.__new__(cls)
        ThemeClass.__init__(new_theme)
        for key, value in theme["theme"].items():
            if key in ("_font", "_font_mono"):
                value = [_font_from_json(font) for font in value]
            setattr(new_theme, key, value)
        for key, value in Base().variables().items():
            if not hasattr(new_theme, key):
                setattr(new_theme, key, value)
        return new_theme

    @classmethod
    def load(cls, path: str | Path) -> ThemeClass:
        """A theme from a JSON file written by ``dump`` (Gradio's or ours)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def dump(self, filename: str | Path) -> None:
        """Write the theme to ``filename`` as Gradio's theme JSON."""
        Path(filename).write_text(json.dumps(self.to_dict()), encoding="utf-8")

    @classmethod
    def from_hub(cls, repo_name: str, hf_token: str | None = None) -> ThemeClass:
        """Gradio downloads a theme from a Hub Space here. An app built with pyinterface runs in
        the visitor's browser and is exported without network access to the Hub, so it cannot."""
        raise ValueError(
            f"Cannot load the theme {repo_name!r} from the Hugging Face Hub: pyinterface apps do not fetch "
            "themes. Download the Space's themes/theme_schema@<version>.json and use "
            "gr.themes.Base.load('theme_schema.json'), or pick a built-in theme ('default', 'soft', 'glass', "
            "'monochrome', 'base')."
        )

    def push_to_hub(self, *args: Any, **kwargs: Any) -> str:
        """Gradio uploads a theme to a Hub Space here; pyinterface does not talk to the Hub for themes."""
        raise NotImplementedError(
            "pyinterface does not upload themes: use gradio's Theme.push_to_hub, or theme.dump('theme.json') "
            "and upload the file yourself."
        )


class Base(ThemeClass):
    """The plain theme every other builds on (``theme="base"``): blue hues, gray neutrals.

    Parameters:
        primary_hue, secondary_hue, neutral_hue: a ``gr.themes.colors`` palette, or its name
            (``"green"``).
        text_size, spacing_size, radius_size: a ``gr.themes.sizes`` scale, or its step name
            (``"sm"``, ``"md"``, ``"lg"``; ``"none"`` for radius).
        font, font_mono: a font name, a ``gr.themes.Font``/``GoogleFont``, or a list of them, the
            first preferred. A ``GoogleFont`` is not downloaded (``utils/fonts.py`` says why).
    """

    def __init__(
        self,
        *,
        primary_hue: Hue = colors.blue,
        secondary_hue: Hue = colors.blue,
        neutral_hue: Hue = colors.gray,
        text_size: Size = sizes.text_md,
        spacing_size: Size = sizes.spacing_md,
        radius_size: Size = sizes.radius_md,
        font: Fonts = _FONTS,
        font_mono: Fonts = MONO_FONTS,
    ) -> None:
        self.name = "base"
        for prefix, hue in (("primary", primary_hue), ("secondary", secondary_hue), ("neutral", neutral_hue)):
            palette = _palette(hue, prefix)
            for shade in ("50", "100", "200", "300", "400", "500", "600", "700", "800", "900", "950"):
                setattr(self, f"{prefix}_{shade}", getattr(palette, f"c{shade}"))
        for prefix, size in (("spacing", spacing_size), ("radius", radius_size), ("text", text_size)):
            scale = _scale(size, prefix)
            for step in ("xxs", "xs", "sm", "md", "lg", "xl", "xxl"):
                setattr(self, f"{prefix}_{step}", getattr(scale, step))

        self._font = _families(font)
        self._font_mono = _families(font_mono)
        self.font = ", ".join(str(family) for family in self._font)
        self.font_mono = ", ".join(str(family) for family in self._font_mono)
        # Gradio links these from the page; pyinterface keeps them only to say what it does not load.
        self._stylesheets = [sheet for family in self._font + self._font_mono if (sheet := family.stylesheet())]
        self.set()

    def set(self, **variables: str | None) -> Base:
        """Set CSS variables by Gradio name (``button_primary_background_fill="*primary_500"``,
        ``body_text_color_dark="white"``); returns the theme. A value may refer to another
        variable or step with ``*name``. As in Gradio, each variable not passed keeps its value,
        and a ``_dark`` variable left at None follows its light value."""
        unknown = sorted(set(variables) - set(VARIABLE_DEFAULTS))
        if unknown:
            raise TypeError(
                f"set() got unexpected keyword argument(s): {', '.join(unknown)}. It takes Gradio 3.50.2's theme "
                "variables, e.g. button_primary_background_fill, body_text_color_dark, block_radius."
            )
        for key, default in VARIABLE_DEFAULTS.items():
            # Gradio: `value or getattr(self, key, default)`, so "" and None both mean "not passed".
            value = variables.get(key) or getattr(self, LOOKED_UP_AS.get(key, key), default)
            setattr(self, key, value)
        return self


def _palette(hue: colors.Color | str, prefix: str) -> colors.Color:
    if not isinstance(hue, str):
        return hue
    for palette in colors.Color.all:
        if palette.name == hue:
            return palette
    names = ", ".join(sorted({p.name for p in colors.Color.all if p.name}))
    raise ValueError(f"Color shortcut {hue!r} for {prefix}_hue not found: use one of {names}, or a gr.themes.Color.")


def _scale(size: sizes.Size | str, prefix: str) -> sizes.Size:
    if not isinstance(size, str):
        return size
    for scale in sizes.Size.all:
        if scale.name == f"{prefix}_{size}":
            return scale
    steps = ", ".join(s.name[len(prefix) + 1 :] for s in sizes.Size.all if s.name and s.name.startswith(prefix + "_"))
    raise ValueError(f"Size shortcut {size!r} for {prefix}_size not found: use one of {steps}, or a gr.themes.Size.")


def _families(font: fonts.Font | str | Iterable[fonts.Font | str]) -> list[fonts.Font]:
    # A bare name is one family. (Gradio 3.50.2 iterates a str, so font="Arial" becomes the
    # families 'A', 'r', 'i', 'a', 'l'; that slip is not carried over.)
    items = [font] if isinstance(font, (str, fonts.Font)) else list(font)
    return [item if isinstance(item, fonts.Font) else fonts.Font(item) for item in items]


def _font_json(font: fonts.Font) -> dict[str, Any]:
    return {"__gradio_font__": True, "name": font.name, "class": "google" if isinstance(font, fonts.GoogleFont) else "font"}


def _font_from_json(font: Any) -> fonts.Font:
    if isinstance(font, dict) and font.get("__gradio_font__"):
        return fonts.GoogleFont(font["name"]) if font.get("class") == "google" else fonts.Font(font["name"])
    return font if isinstance(font, fonts.Font) else fonts.Font(str(font))
