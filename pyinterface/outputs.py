"""Gradio 2's ``gr.outputs`` namespace, which Gradio 3 still accepted (deprecated).

``gr.outputs.Label(num_top_classes=3)`` and friends build the ordinary components; Gradio's
``type="auto"`` (detect what fn returned) is what every output here does anyway.
"""

from __future__ import annotations

from . import components
from .inputs import _deprecated

__all__ = ["HTML", "JSON", "Audio", "Chatbot", "Dataframe", "File", "HighlightedText", "Image", "Label", "State",
           "Textbox", "Video"]

class Textbox(components.Textbox):
    def __init__(self, type: str = "text", label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label, type=type if type in ("text", "password", "email") else "text")  # type: ignore[arg-type]

class Image(components.Image):
    def __init__(self, type: str = "auto", plot: bool = False, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(type="pil" if type == "pil" else "numpy", label=label)

class Audio(components.Audio):
    def __init__(self, type: str = "auto", label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label)

class Dataframe(components.Dataframe):
    def __init__(self, headers: list[str] | None = None, max_rows: int | None = 20, max_cols: int | None = None,
                 overflow_row_behaviour: str = "paginate", type: str = "auto", label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(headers=headers, type=type if type in ("pandas", "numpy", "array") else "pandas",  # type: ignore[arg-type]
                         label=label)

class Label(components.Label):
    def __init__(self, num_top_classes: int | None = None, type: str = "auto", label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(num_top_classes=num_top_classes, label=label)

class HighlightedText(components.HighlightedText):
    def __init__(self, color_map: dict[str, str] | None = None, label: str | None = None,
                 show_legend: bool = False) -> None:
        _deprecated("outputs")
        super().__init__(color_map=color_map, label=label, show_legend=show_legend)

class JSON(components.JSON):
    def __init__(self, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label)

class HTML(components.HTML):
    def __init__(self, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label)


class Video(components.Video):
    def __init__(self, type: str | None = None, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(format=type, label=label)


class File(components.File):
    def __init__(self, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label)


class State(components.State):
    def __init__(self, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label)


class Chatbot(components.Chatbot):
    def __init__(self, label: str | None = None) -> None:
        _deprecated("outputs")
        super().__init__(label=label)
