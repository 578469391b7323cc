"""The Chatbot component: a conversation as ``[user message, bot message]`` pairs.

A message is markdown text, ``None`` (not shown), or a file given as ``(path,)`` or
``(path, alt text)``, which travels as :mod:`._filedata`'s dict plus ``mime_type`` and
``alt_text`` (Gradio 3's keys). The page renders text through its sanitising markdown path,
never as raw HTML.
"""

from __future__ import annotations

import inspect
import os
import warnings
from typing import Any, Literal

from ._codecs import CodecError, write_named_temp
from ._filedata import file_data, guess_mime, read_named
from ._validate import _check_choice, _sentence
from .base import Component

__all__ = ["Chatbot"]

_LAYOUTS = (None, "panel", "bubble")


class Chatbot(Component):
    """A chat transcript; fn returns (and, as an input, receives) a list of ``[user, bot]`` pairs.

    Each message is markdown text, ``None`` (not shown), or ``(path,)`` / ``(path, alt_text)``
    for an image, audio, video or other file (shown as a player or a download link).

    Parameters (Gradio 3.50.2): ``height``, ``rtl``, ``show_copy_button``, ``avatar_images``
    ((user, bot) image paths), ``render_markdown``, ``line_breaks``, ``bubble_full_width``,
    ``layout``, ``latex_delimiters`` (kept in the config; LaTeX is not typeset yet).
    ``sanitize_html=False`` is accepted but the page always sanitises: messages are untrusted.
    """

    component_type = "chatbot"
    data_kind = "chat"

    def __init__(
        self,
        value: list[Any] | None = None,
        color_map: dict[str, str] | None = None,
        *,
        label: str | None = None,
        height: int | None = None,
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        rtl: bool = False,
        show_copy_button: bool = False,
        avatar_images: tuple[str | os.PathLike[str] | None, str | os.PathLike[str] | None] | None = None,
        sanitize_html: bool = True,
        render_markdown: bool = True,
        bubble_full_width: bool = True,
        line_breaks: bool = True,
        layout: Literal["panel", "bubble"] | None = None,
        **kwargs: Any,
    ) -> None:
        if color_map is not None:
            warnings.warn("Chatbot: color_map is deprecated (as in Gradio 3) and has no effect.", UserWarning, stacklevel=2)
        _check_choice("Chatbot", "layout", layout, _LAYOUTS)
        if avatar_images is not None and not (isinstance(avatar_images, (tuple, list)) and len(avatar_images) == 2):
            raise ValueError(f"Chatbot: avatar_images must be a (user, bot) pair of image paths or None, got {avatar_images!r}.")
        self.height = height
        self.latex_delimiters = latex_delimiters or [{"left": "$$", "right": "$$", "display": True}]
        self.rtl = rtl
        self.show_copy_button = show_copy_button
        self.avatar_images = tuple(avatar_images) if avatar_images else (None, None)
        self.sanitize_html = sanitize_html
        self.render_markdown = render_markdown
        self.bubble_full_width = bubble_full_width
        self.line_breaks = line_breaks
        self.layout = layout
        super().__init__(value, label=label, **kwargs)

    # -- one message --------------------------------------------------------------------

    def _file_message(self, message: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
        if not message or len(message) > 2:
            raise self.invalid(message, "a file message (path,) or (path, alt_text)")
        path, alt = message[0], (message[1] if len(message) > 1 else None)
        if not isinstance(path, (str, os.PathLike)):
            raise self.invalid(message, "a file message whose first item is a path")
        try:
            name, content = read_named(os.fspath(path))
        except CodecError as exc:
            raise self.invalid(path, "a file the message can show", _sentence(exc)) from None
        return {**file_data(name, content), "mime_type": guess_mime(name), "alt_text": alt}

    def _out_message(self, message: Any) -> str | dict[str, Any] | None:
        if message is None:
            return None
        if isinstance(message, str):
            return inspect.cleandoc(message)  # Gradio 3.50.2 dedents, so indented strings stay markdown
        if isinstance(message, (tuple, list)):
            return self._file_message(message)
        if isinstance(message, dict) and "data" in message:  # already in wire form (a Series, an example)
            return message
        raise self.invalid(message, "a message: markdown text, None, or a (path, alt_text) tuple",
                           "Convert other values to text first, e.g. str(value).")

    def _in_message(self, message: Any) -> str | tuple[str, ...] | None:
        if message is None or isinstance(message, str):
            return message
        if isinstance(message, dict):
            try:
                name, content = read_named(message)
            except CodecError as exc:
                raise self.invalid(message, "a file message", _sentence(exc)) from None
            path = write_named_temp(content, name)
            alt = message.get("alt_text")
            return (path,) if alt is None else (path, alt)
        if isinstance(message, (tuple, list)):  # a Python caller's (path, alt) is kept as it is
            return tuple(message)
        raise self.invalid(message, "a message: text, None or a file")

    # -- the conversation ---------------------------------------------------------------

    def _pairs(self, value: Any) -> list[Any]:
        if isinstance(value, (str, bytes, dict)) or not isinstance(value, (list, tuple)):
            raise self.invalid(value, "a list of [user message, bot message] pairs")
        for pair in value:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise self.invalid(
                    pair, "a [user message, bot message] pair",
                    "Each item of the conversation has two messages; use None for a missing one.",
                )
        return list(value)

    def postprocess(self, y: Any) -> list[list[Any]]:
        if y is None:
            return []  # Gradio 3.50.2: an empty conversation
        return [[self._out_message(user), self._out_message(bot)] for user, bot in self._pairs(y)]

    def preprocess(self, x: Any) -> list[list[Any]] | None:
        if x is None:
            return None
        return [[self._in_message(user), self._in_message(bot)] for user, bot in self._pairs(x)]

    def as_python(self, y: Any) -> list[list[Any]] | None:
        """The conversation as fn would receive it (file messages as (path, alt) tuples)."""
        return self.preprocess(y)

    def _avatar(self, path: Any) -> str | None:
        if path is None:
            return None
        return self._file_message((path,))["data"]  # type: ignore[no-any-return]

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "height": self.height,
            "latex_delimiters": self.latex_delimiters,
            "rtl": self.rtl,
            "show_copy_button": self.show_copy_button,
            "avatar_images": [self._avatar(path) for path in self.avatar_images],
            "render_markdown": self.render_markdown,
            "bubble_full_width": self.bubble_full_width,
            "line_breaks": self.line_breaks,
            "layout": self.layout,
        }
