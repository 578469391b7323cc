"""Gradio 2's ``gr.inputs`` namespace, which Gradio 3 still accepted (deprecated).

Older snippets write ``gr.inputs.Image(shape=(224, 224))`` or ``gr.inputs.Textbox(default=...)``;
these thin subclasses take those signatures (``default`` is the value, ``optional`` is
accepted) and build the ordinary components, so such code runs with one import changed.
"""

from __future__ import annotations

import warnings
from typing import Any

from . import components

__all__ = ["Audio", "Checkbox", "CheckboxGroup", "Dataframe", "Dropdown", "File", "Image", "Number", "Radio", "Slider",
           "State", "Textbox", "Video"]


def _deprecated(namespace: str) -> None:
    # Gradio 3 warns the same way; DeprecationWarning stays quiet outside __main__ and tests.
    warnings.warn(
        f"gr.{namespace} is deprecated (as in Gradio 3): use the components directly, e.g. gr.Image(...).",
        DeprecationWarning,
        stacklevel=3,
    )


class Textbox(components.Textbox):
    def __init__(self, lines: int = 1, placeholder: str | None = None, default: str = "", numeric: bool = False,
                 type: str = "text", label: str | None = None, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(value=default, lines=lines, placeholder=placeholder, label=label, type=type)  # type: ignore[arg-type]


class Number(components.Number):
    def __init__(self, default: float | None = None, label: str | None = None, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(value=default, label=label)


class Slider(components.Slider):
    def __init__(self, minimum: float = 0, maximum: float = 100, step: float | None = None,
                 default: float | None = None, label: str | None = None, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(minimum, maximum, value=default, step=step, label=label)


class Checkbox(components.Checkbox):
    def __init__(self, default: bool = False, label: str | None = None, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(value=default, label=label)


class CheckboxGroup(components.CheckboxGroup):
    def __init__(self, choices: list[Any], default: list[Any] | None = None, type: str = "value",
                 label: str | None = None, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(choices, value=default, type=type, label=label)


class Radio(components.Radio):
    def __init__(self, choices: list[Any], type: str = "value", default: Any = None, label: str | None = None,
                 optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(choices, value=default, type=type, label=label)


class Dropdown(components.Dropdown):
    def __init__(self, choices: list[Any], type: str = "value", default: Any = None, label: str | None = None,
                 optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(choices, value=default, type=type, label=label)


class Image(components.Image):
    def __init__(self, shape: tuple[int, int] | None = None, image_mode: str = "RGB", invert_colors: bool = False,
                 source: str = "upload", tool: str = "editor", type: str = "numpy", label: str | None = None,
                 optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(shape=shape, image_mode=image_mode, invert_colors=invert_colors, source=source,  # type: ignore[arg-type]
                         tool=tool, type=type, label=label)


class Audio(components.Audio):
    def __init__(self, source: str = "upload", type: str = "numpy", label: str | None = None,
                 optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(source=source, type=type, label=label)  # type: ignore[arg-type]


class Dataframe(components.Dataframe):
    def __init__(self, headers: list[str] | None = None, row_count: int = 3, col_count: int | None = 3,
                 datatype: str | list[str] = "str", col_width: Any = None, default: Any = None,
                 type: str = "pandas", label: str | None = None, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(value=default, headers=headers, row_count=row_count, col_count=col_count,  # type: ignore[arg-type]
                         datatype=datatype, type=type, label=label)


class Video(components.Video):
    def __init__(self, type: str | None = None, source: str = "upload", label: str | None = None,
                 optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(format=type, source=source, label=label)  # type: ignore[arg-type]


class File(components.File):
    def __init__(self, file_count: str = "single", type: str = "file", label: str | None = None,
                 keep_filename: bool = True, optional: bool = False) -> None:
        _deprecated("inputs")
        super().__init__(file_count=file_count, type=type, label=label)  # type: ignore[arg-type]


class State(components.State):
    def __init__(self, label: str | None = None, default: Any = None) -> None:
        _deprecated("inputs")
        super().__init__(value=default, label=label)
