"""pyinterface: Gradio 3's ``Interface``, running entirely in the browser on Pyodide.

Change ``import gradio as gr`` to ``import pyinterface as gr`` and the app runs. Importing this
package is cheap on purpose: numpy and pillow load only when a component needs them.
"""

from __future__ import annotations

from . import inputs, mix, outputs, themes
from ._interface import Interface
from .components import (
    HTML,
    JSON,
    Audio,
    Chatbot,
    Checkbox,
    CheckboxGroup,
    ColorPicker,
    Component,
    Dataframe,
    Dropdown,
    File,
    Files,
    Gallery,
    HighlightedText,
    Image,
    Label,
    Markdown,
    Number,
    PlayableVideo,
    Radio,
    Slider,
    State,
    Textbox,
    Variable,
    Video,
)
from .errors import ComponentValueError, ConfigurationError, Error, PyinterfaceError
from .flagging import CSVLogger, FlaggingCallback, HuggingFaceDatasetSaver
from .mix import Parallel, Series

__version__ = "0.1.0"

# Gradio's other spellings of the same components.
Text = Textbox
Highlight = HighlightedText
Highlightedtext = HighlightedText
Json = JSON
DataFrame = Dataframe
Checkboxgroup = CheckboxGroup


def __getattr__(name: str) -> object:
    """``gr.load`` (and ``pyinterface.hub``) on first use: an app that never loads a Hub model
    or Space does not import the Hub client at start-up, in the page or under CPython."""
    if name == "load":
        from .hub import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "CSVLogger", "FlaggingCallback", "HuggingFaceDatasetSaver",
    "HTML", "JSON", "Audio", "Chatbot", "Checkbox", "CheckboxGroup", "Checkboxgroup", "ColorPicker",
    "Component", "ComponentValueError", "ConfigurationError", "DataFrame", "Dataframe", "Dropdown", "Error",
    "File", "Files", "Gallery", "Highlight", "HighlightedText", "Highlightedtext", "Image", "Interface",
    "Json", "Label", "Markdown", "Number", "Parallel", "PlayableVideo", "PyinterfaceError", "Radio",
    "Series", "Slider", "State", "Text", "Textbox", "Variable", "Video", "__version__", "inputs", "load",
    "mix", "outputs", "themes",
]
