"""Prerendered components that show a structured value (site/components/label.mjs, json.mjs,
markdown.mjs, colorpicker.mjs, state.mjs), and an empty Image input: its drawing pad or its drop
zone (image.mjs)."""

from __future__ import annotations

import math
from typing import Any

from ._markup import js_json, js_string, tag, text
from ._prerender_field import Component, Ids, as_text, field, field_control

__all__ = ["color_input", "color_output", "image_input", "json_view", "label_view", "markdown_view", "prose", "state"]

#: site/components/image.mjs CANVAS_SIZE: a drawing pad's longer side, in canvas pixels.
_CANVAS_SIZE = 400


def label_view(component: Component) -> str:
    props = component["props"]
    value = props.get("value")
    view = ""
    if value is not None:
        data = value if isinstance(value, dict) else {"label": js_string(value)}
        items = data.get("confidences") if isinstance(data.get("confidences"), list) else []
        if props.get("num_top_classes"):
            items = items[: props["num_top_classes"]]
        view = tag("p", {"class": "pyi-label-top"}, text(as_text(data.get("label"))))
        if items:
            view += tag("ul", {"class": "pyi-confidences"}, *(_confidence(item) for item in items))
    return field(component, "region", tag("div", {"class": "pyi-label-view"}, view))


def _confidence(item: dict[str, Any]) -> str:
    share = float(item.get("confidence") or 0)
    width = f"width:{js_string(max(0.0, min(100.0, share * 100)))}%"
    return tag("li", {"class": "pyi-confidence", "data-label": js_string(item.get("label"))},
               tag("span", {"class": "pyi-confidence-name"}, text(js_string(item.get("label")))),
               tag("span", {"class": "pyi-bar", "aria-hidden": "true"},
                   tag("span", {"class": "pyi-bar-fill", "style": width})),
               # JS Math.round (halves up), not Python's round (halves to even)
               tag("span", {"class": "pyi-confidence-value"}, f"{math.floor(share * 100 + 0.5)}%"))


def json_view(component: Component) -> str:
    value = component["props"].get("value")
    shown = "" if value is None else text(js_json(value, indent=2))
    return field(component, "region", tag("pre", {"class": "pyi-json"}, shown))


def prose(markdown: str, *, line_breaks: bool = False) -> str:
    """Markdown shown as escaped text, one <p> per blank-line-separated block: no markdown is
    rendered in Python, the page's marked + DOMPurify replace it with the real thing."""
    blocks = [block.strip() for block in markdown.replace("\r\n", "\n").split("\n\n") if block.strip()]
    newline = "<br>" if line_breaks else "\n"
    return "".join(tag("p", {}, newline.join(text(line) for line in block.split("\n"))) for block in blocks)


def markdown_view(component: Component) -> str:
    props = component["props"]
    value = props.get("value")
    # An html component's markup is left to the page (DOMPurify); shown as text it would be wrong.
    body = ""
    if value is not None and component["type"] == "markdown":
        body = prose(js_string(value), line_breaks=bool(props.get("line_breaks")))
    view = tag("div", {"class": "pyi-prose", "dir": "rtl" if props.get("rtl") else None}, body)
    return field(component, "region", view, label_class="pyi-sr-only")


def color_input(component: Component) -> str:
    hex_value = _hex(component["props"].get("value"))
    picker = field_control(component, "input", {"type": "color", "class": "pyi-color", "value": hex_value})
    code = tag("span", {"class": "pyi-color-code", "aria-hidden": "true"}, text(hex_value))
    return field(component, "control", tag("div", {"class": "pyi-range-row"}, picker, code))


def color_output(component: Component) -> str:
    value = component["props"].get("value")
    swatch = tag("span", {"class": "pyi-swatch", "aria-hidden": "true", "hidden": value is None,
                          "style": None if value is None else f"background:{_hex(value)}"})
    return field(component, "region", tag("div", {"class": "pyi-display"}, swatch,
                                           tag("span", {"class": "pyi-color-code"}, text(as_text(value)))))


def _hex(value: Any) -> str:
    """site/components/colorpicker.mjs normalizeHex."""
    if isinstance(value, str) and len(value) == 4 and value.startswith("#") and _is_hex(value[1:]):
        return "#" + "".join(c * 2 for c in value[1:]).lower()
    if isinstance(value, str) and len(value) == 7 and value.startswith("#") and _is_hex(value[1:]):
        return value.lower()
    return "#000000"


def _is_hex(digits: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in digits)


def state(component: Component) -> str:
    return tag("div", {"hidden": True, "data-component": "state", "data-component-id": component.get("id")})


def image_input(component: Component) -> str:
    """An Image input with no value yet: the drawing canvas (source="canvas"), or the drop zone
    and file chooser of an upload; a webcam or a value is the generic block."""
    props = component["props"]
    if props.get("value") is not None or props.get("source") not in (None, "upload", "canvas"):
        return field(component, "region")
    if props.get("source") == "canvas":
        return _canvas(component)
    zone = tag("div", {"class": "pyi-dropzone"},
               tag("p", {"class": "pyi-drop-hint"}, "Drop an image here, paste one, or choose a file."),
               tag("div", {"class": "pyi-image-frame"}, tag("img", {"class": "pyi-image", "alt": "", "hidden": True})))
    chooser = field_control(component, "input", {"type": "file", "accept": "image/*", "class": "pyi-file"})
    tools = tag("div", {"class": "pyi-media-tools"}, chooser)
    return field(component, "control", zone, tools)


def _canvas(component: Component) -> str:
    """site/components/image.mjs _canvas: the pad at its pixel size (scaled by CSS), then its tools."""
    shape = component["props"].get("shape")
    width, height = _CANVAS_SIZE, _CANVAS_SIZE
    if shape and shape[0] and shape[1]:
        scale = _CANVAS_SIZE / max(shape[0], shape[1])
        width, height = (math.floor(side * scale + 0.5) for side in shape[:2])  # JS Math.round
    pad = tag("canvas", {"class": "pyi-sketch", "width": width, "height": height, "role": "img",
                         "aria-labelledby": Ids(component)("label"), "aria-roledescription": "drawing area"})
    clear = tag("button", {"type": "button", "class": "pyi-small", "disabled": True}, "Clear drawing")
    return field(component, "control", tag("div", {"class": "pyi-sketch-frame"}, pad),
                 tag("div", {"class": "pyi-media-tools"}, clear))
