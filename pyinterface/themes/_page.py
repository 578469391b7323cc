"""A theme as the page uses it: its variables resolved for light and dark mode and mapped onto
the ``--pyi-*`` custom properties of site/pyinterface.css.

Gradio writes a theme as CSS variables that refer to each other (``--button-primary-background-fill:
var(--primary-500)``) in a ``:root`` block and a ``.dark`` block, and lets the browser resolve
them. The page's stylesheet has its own, smaller set of properties, so the resolution happens
here instead: each mapped property gets its final value (``"#6366f1"``,
``"linear-gradient(to bottom right, #ffedd5, #fdba74)"``), once per mode, and both modes are
written as the CSS rules the page applies. The config carries that text
(``InterfaceConfig["theme"]["css"]``): the prerendered page inlines it, so its first paint is
themed, and the live UI adopts it as a constructed stylesheet (site/theme.mjs), so the rules
are written once, here.

The rules go on the app's shadow host, light first (later rules win ties):

    :host(:not([theme="dark"]))                                         light values
    @media (prefers-color-scheme: dark) { :host(:not([theme="light"])) } dark values
    :host([theme="dark"])                                               dark values

Each selector outranks pyinterface.css's ``:host`` defaults (one more pseudo-class), wherever
the sheet sits. A host page's own ``pyinterface-app { --pyi-…: … }`` still wins (outer rules
beat a shadow root's ``:host`` rules), and so do an app's ``css=`` custom properties, which
land on the app's root box inside the element.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypedDict

from .base import ThemeClass

__all__ = ["PAGE_PROPERTIES", "PageTheme", "ThemeProperties", "page_theme", "resolve_variable", "theme_css", "theme_properties"]

#: Each --pyi-* property a theme sets, and the theme value it takes (a Gradio variable or hue step).
PAGE_PROPERTIES: dict[str, str] = {
    "--pyi-accent": "*color_accent",
    "--pyi-accent-strong": "*primary_600",
    "--pyi-primary-background": "*button_primary_background_fill",
    "--pyi-primary-background-hover": "*button_primary_background_fill_hover",
    "--pyi-primary-border": "*button_primary_border_color",
    "--pyi-primary-text": "*button_primary_text_color",
    "--pyi-secondary-background": "*button_secondary_background_fill",
    "--pyi-secondary-background-hover": "*button_secondary_background_fill_hover",
    "--pyi-secondary-border": "*button_secondary_border_color",
    "--pyi-secondary-text": "*button_secondary_text_color",
    "--pyi-text": "*body_text_color",
    "--pyi-muted": "*block_label_text_color",
    "--pyi-border": "*border_color_primary",
    "--pyi-app-background": "*body_background_fill",
    "--pyi-panel": "*block_background_fill",
    "--pyi-panel-border-width": "*block_border_width",
    "--pyi-panel-shadow": "*block_shadow",
    "--pyi-background": "*input_background_fill",
    "--pyi-error": "*error_text_color",
    "--pyi-error-background": "*error_background_fill",
    "--pyi-radius": "*block_radius",
    "--pyi-radius-small": "*input_radius",
    "--pyi-gap": "*layout_gap",
    "--pyi-font": "*font",
    "--pyi-font-mono": "*font_mono",
    "--pyi-font-size": "*body_text_size",
}

#: Gradio's reference syntax (gradio/themes/base.py `_get_theme_css`): `*name` up to a word boundary.
_REFERENCE = re.compile(r"\*(\w+)\b")


class ThemeProperties(TypedDict):
    light: dict[str, str]
    dark: dict[str, str]


class PageTheme(TypedDict):
    name: str | None
    css: str


def page_theme(theme: ThemeClass) -> PageTheme:
    """``theme`` as the config carries it: its name and the rules setting its --pyi-* properties."""
    return {"name": theme.name, "css": theme_css(theme_properties(theme))}


def theme_properties(theme: ThemeClass) -> ThemeProperties:
    """``theme``'s --pyi-* properties, resolved for light and for dark mode."""
    variables = theme.variables()
    return {
        "light": {prop: resolve_variable(variables, value, dark=False) for prop, value in PAGE_PROPERTIES.items()},
        "dark": {prop: resolve_variable(variables, value, dark=True) for prop, value in PAGE_PROPERTIES.items()},
    }


def resolve_variable(variables: Mapping[str, str | None], value: str, *, dark: bool) -> str:
    """``value`` with every ``*name`` replaced by that variable's final value in the mode, as the
    browser resolves Gradio's ``var(--name)`` chain (``.dark`` takes ``name_dark`` when set)."""
    return _resolve(variables, value, dark, ())


def _resolve(variables: Mapping[str, str | None], value: str, dark: bool, chain: tuple[str, ...]) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.endswith("_dark"):
            raise ValueError(
                f"Theme variable {chain[-1] if chain else value!r} refers to '*{name}': refer to '*{name[:-5]}', "
                "which already takes its dark value in dark mode (as in Gradio)."
            )
        if name in chain:
            raise ValueError(f"Theme variables refer to each other in a loop: {' -> '.join((*chain, name))}.")
        raw = variables.get(f"{name}_dark") if dark else None
        if raw is None:
            raw = variables.get(name)
        if raw is None:
            known = "a theme variable (see gr.themes.Base.set) or a hue or size step such as primary_500 or text_md"
            where = f"Theme variable {chain[-1]!r}" if chain else "The theme"
            raise ValueError(f"{where} refers to '*{name}', which is not {known}.")
        return _resolve(variables, str(raw), dark, (*chain, name))

    return _REFERENCE.sub(substitute, value)


#: The rules' selectors, in the order of the module docstring.
_LIGHT, _SYSTEM_DARK, _FORCED_DARK = ':host(:not([theme="dark"]))', ':host(:not([theme="light"]))', ':host([theme="dark"])'


def theme_css(properties: ThemeProperties) -> str:
    """The three rules of the module docstring setting ``properties``, light and dark."""

    def block(values: Mapping[str, str]) -> str:
        # "<" has no place in these values outside a string; escaped, a font name cannot end the
        # prerendered page's <style> (and a stylesheet reads the escape as "<").
        return " ".join(f"{prop}: {value.replace('<', chr(92) + '3c ')};" for prop, value in values.items())

    light, dark = block(properties["light"]), block(properties["dark"])
    return (
        f"{_LIGHT} {{ {light} }}\n"
        f"@media (prefers-color-scheme: dark) {{ {_SYSTEM_DARK} {{ {dark} }} }}\n"
        f"{_FORCED_DARK} {{ {dark} }}\n"
    )
