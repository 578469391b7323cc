"""A Space's Gradio config -> our components, and values across the Space boundary.

``GET {host}/config`` lists every component (``{"id", "type", "props"}``) and every event
(``dependencies``). We rebuild the chosen endpoint's inputs and outputs as local components
so the page can render them; the props we understand are carried over, the rest ignored.

Values are converted by the *remote* component's type, not the local one: an input
overridden with ``inputs="webcam"`` hands fn a numpy array, which still goes to the Space's
image input as an uploaded PNG.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..components import (
    HTML, JSON, Audio, Checkbox, CheckboxGroup, Dataframe, Dropdown, HighlightedText, Image, Label, Markdown, Number,
    Radio, Slider, Textbox,
)
from ..components.base import Component

__all__ = ["FILE_TYPES", "SUPPORTED_TYPES", "build_component", "from_remote", "to_remote"]

#: Remote component types whose values travel as files (uploaded, then fetched back).
FILE_TYPES = frozenset({"image", "audio"})


def _common(props: dict[str, Any]) -> dict[str, Any]:
    common: dict[str, Any] = {}
    if isinstance(props.get("label"), str):
        common["label"] = props["label"]
    if isinstance(props.get("info"), str):
        common["info"] = props["info"]
    if isinstance(props.get("show_label"), bool):
        common["show_label"] = props["show_label"]
    return common


def _choices(props: dict[str, Any]) -> list[Any]:
    # Gradio >= 4 sends [[shown, value], ...]; 3.x a list of values.
    return [tuple(c) if isinstance(c, list) and len(c) == 2 else c for c in props.get("choices") or []]


def _sources(props: dict[str, Any]) -> list[str]:
    sources = props.get("sources") or props.get("source") or []
    return [sources] if isinstance(sources, str) else list(sources)


def _image(props: dict[str, Any], is_input: bool) -> Component:
    source = "webcam" if _sources(props)[:1] == ["webcam"] else "upload"
    mode = props.get("image_mode") if props.get("image_mode") in ("RGB", "RGBA", "L") else "RGB"
    return Image(type="filepath", source=source, image_mode=mode, **_common(props))


def _audio(props: dict[str, Any], is_input: bool) -> Component:
    source = "microphone" if _sources(props)[:1] == ["microphone"] else "upload"
    return Audio(type="filepath", source=source, **_common(props))


def _number_or_none(value: Any) -> Any:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _slider(props: dict[str, Any], is_input: bool) -> Component:
    minimum = _number_or_none(props.get("minimum"))
    maximum = _number_or_none(props.get("maximum"))
    return Slider(minimum=0 if minimum is None else minimum, maximum=100 if maximum is None else maximum,
                  value=_number_or_none(props.get("value")), step=_number_or_none(props.get("step")), **_common(props))


def _dataframe(props: dict[str, Any], is_input: bool) -> Component:
    value = props.get("value") if isinstance(props.get("value"), dict) else {}
    headers = props.get("headers") or value.get("headers")
    headers = [str(h) for h in headers] if isinstance(headers, list) and headers else None
    return Dataframe(headers=headers, type="array", **_common(props))


_BUILDERS: dict[str, Callable[[dict[str, Any], bool], Component]] = {
    "textbox": lambda p, i: Textbox(
        value=p.get("value") if isinstance(p.get("value"), str) else "",
        lines=p.get("lines") if isinstance(p.get("lines"), int) and p["lines"] > 0 else 1,
        placeholder=p.get("placeholder") if isinstance(p.get("placeholder"), str) else None,
        type=p.get("type") if p.get("type") in ("text", "password", "email") else "text", **_common(p)),
    "number": lambda p, i: Number(value=_number_or_none(p.get("value")), precision=p.get("precision"),
                                  minimum=_number_or_none(p.get("minimum")),
                                  maximum=_number_or_none(p.get("maximum")), **_common(p)),
    "slider": _slider,
    "checkbox": lambda p, i: Checkbox(value=bool(p.get("value")), **_common(p)),
    "checkboxgroup": lambda p, i: CheckboxGroup(_choices(p), value=p.get("value") or [], **_common(p)),
    "radio": lambda p, i: Radio(_choices(p), value=p.get("value"), **_common(p)),
    "dropdown": lambda p, i: Dropdown(_choices(p), value=p.get("value"), multiselect=bool(p.get("multiselect")),
                                      allow_custom_value=bool(p.get("allow_custom_value")), **_common(p)),
    "image": _image,
    "audio": _audio,
    "label": lambda p, i: Label(num_top_classes=p.get("num_top_classes"), **_common(p)),
    "highlightedtext": lambda p, i: HighlightedText(
        color_map=p.get("color_map") if isinstance(p.get("color_map"), dict) else None,
        show_legend=bool(p.get("show_legend")), **_common(p)),
    "json": lambda p, i: JSON(**_common(p)),
    "dataframe": _dataframe,
    "html": lambda p, i: HTML(value=p.get("value") if isinstance(p.get("value"), str) else "", **_common(p)),
    "markdown": lambda p, i: Markdown(value=p.get("value") if isinstance(p.get("value"), str) else "", **_common(p)),
}
SUPPORTED_TYPES = frozenset(_BUILDERS)


def build_component(spec: dict[str, Any], *, is_input: bool) -> Component:
    """One config component -> ours (KeyError for a type we do not have)."""
    return _BUILDERS[spec["type"]](spec.get("props") or {}, is_input)


def to_remote(kind: str, value: Any) -> Any:
    """A non-file fn value -> the JSON the Space's ``kind`` component takes."""
    if kind == "dataframe" and isinstance(value, list):
        width = len(value[0]) if value and isinstance(value[0], list) else 0
        return {"headers": [str(i) for i in range(1, width + 1)], "data": value}
    if kind == "dataframe" and isinstance(value, dict):
        return {"headers": value.get("headers"), "data": value.get("data")}
    return value


def from_remote(kind: str, value: Any) -> Any:
    """A Space's JSON output (files already turned into data URLs) -> our fn value."""
    if kind == "highlightedtext" and isinstance(value, list):
        # Gradio >= 4: [{"token", "class_name"}]; 3.x: [[text, label]].
        return [(item["token"], item.get("class_name")) if isinstance(item, dict) else tuple(item) for item in value]
    if kind == "dataframe" and isinstance(value, dict):
        return {"headers": value.get("headers"), "data": value.get("data") or []}
    return value
