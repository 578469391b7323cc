"""Components, and the one function that turns Gradio's string shortcuts into them."""

from __future__ import annotations

import difflib
from typing import Any, Callable

from .audio import Audio
from .base import Component
from .chatbot import Chatbot
from .choice import Checkbox, CheckboxGroup, Dropdown, Radio, Slider
from .color import ColorPicker
from .data import JSON, HighlightedText, Label
from .display import HTML, Markdown
from .files import File, Files
from .gallery import Gallery
from .image import Image
from .state import State, Variable
from .table import Dataframe
from .text import Number, Textbox
from .video import PlayableVideo, Video

__all__ = [
    "HTML", "JSON", "Audio", "Chatbot", "Checkbox", "CheckboxGroup", "ColorPicker", "Component", "Dataframe",
    "Dropdown", "File", "Files", "Gallery", "HighlightedText", "Image", "Label", "Markdown", "Number",
    "PlayableVideo", "Radio", "Slider", "State", "Textbox", "Variable", "Video", "SHORTCUTS", "get_component",
]

#: Gradio 3's string shortcuts (class names in lower case plus its templates) -> a factory.
SHORTCUTS: dict[str, Callable[[], Component]] = {
    "text": Textbox,
    "textbox": Textbox,
    "textarea": lambda: Textbox(lines=7),
    "number": Number,
    "slider": Slider,
    "checkbox": Checkbox,
    "checkboxgroup": CheckboxGroup,
    "radio": Radio,
    "dropdown": Dropdown,
    "image": Image,
    "pil": lambda: Image(type="pil"),
    "webcam": lambda: Image(source="webcam"),
    "sketchpad": lambda: Image(image_mode="L", source="canvas", shape=(28, 28), invert_colors=True),
    "paint": lambda: Image(source="canvas"),
    "audio": Audio,
    "microphone": lambda: Audio(source="microphone"),
    "mic": lambda: Audio(source="microphone"),
    "label": Label,
    "highlight": HighlightedText,
    "highlightedtext": HighlightedText,
    "json": JSON,
    "html": HTML,
    "markdown": Markdown,
    "dataframe": Dataframe,
    "numpy": lambda: Dataframe(type="numpy"),
    "matrix": lambda: Dataframe(type="array", headers=None),
    "list": lambda: Dataframe(type="array", headers=None, col_count=1),
    "file": File,
    "files": Files,
    "video": Video,
    "playablevideo": PlayableVideo,
    "gallery": Gallery,
    "state": State,
    "variable": Variable,
    "colorpicker": ColorPicker,
    "chatbot": Chatbot,
}


def get_component(spec: Any, *, parameter: str = "inputs") -> Component:
    """Return a Component for a shortcut string or an instance (as Gradio 3's ``inputs=`` takes).

    ``parameter`` names the argument being read, so the error says where the bad value was.
    """
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, type) and issubclass(spec, Component):
        return spec()
    if isinstance(spec, str):
        factory = SHORTCUTS.get(spec.lower().replace("_", "").replace("-", ""))
        if factory is None:
            close = difflib.get_close_matches(spec.lower(), SHORTCUTS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"{parameter}: unknown component {spec!r}.{hint} "
                f"Known names: {', '.join(sorted(SHORTCUTS))}."
            )
        return factory()
    raise TypeError(
        f"{parameter} must be a component, a component name or a list of them, "
        f"but got {spec!r} ({type(spec).__name__})."
    )
