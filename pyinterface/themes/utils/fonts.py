"""Font families for a theme's ``font=`` and ``font_mono=`` (Gradio 3.50.2's ``Font`` and ``GoogleFont``).

An exported page has no network of its own to count on and ships a Content-Security-Policy
that allows no remote stylesheet, so a ``GoogleFont`` is never fetched: it stands for its
family name, which the visitor's browser uses if that font is installed locally, and the
theme's fallbacks (``ui-sans-serif, system-ui, sans-serif`` in Gradio's themes) otherwise.
To ship a font with the app, add an ``@font-face`` rule with a ``url('file=…')`` to ``css=``.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Font", "GoogleFont"]

#: CSS generic families, written unquoted (a quoted "serif" would name a font called serif).
_GENERIC = frozenset({"sans-serif", "serif", "monospace", "cursive", "fantasy"})


class Font:
    """A font family by name, as CSS ``font-family`` lists it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name if self.name in _GENERIC else f"'{self.name}'"

    def stylesheet(self) -> str | None:
        """The stylesheet Gradio would load for this font: none for a local font."""
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Font) and self.name == other.name and self.stylesheet() == other.stylesheet()

    def __hash__(self) -> int:
        return hash((self.name, self.stylesheet()))

    def __repr__(self) -> str:
        attrs = ", ".join(f"{key}={value!r}" for key, value in self.__dict__.items())
        return f"<{type(self).__module__}.{type(self).__qualname__} ({attrs})>"


class GoogleFont(Font):
    """A Google Fonts family. Gradio links its stylesheet from fonts.googleapis.com; the page
    never does (see the module docstring): the name is used with the theme's local fallbacks."""

    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        self.name = name
        self.weights = weights

    def stylesheet(self) -> str:
        """Gradio's stylesheet URL for this font, for reference; the page does not load it."""
        family = self.name.replace(" ", "+")
        return f"https://fonts.googleapis.com/css2?family={family}:wght@{';'.join(str(w) for w in self.weights)}&display=swap"
