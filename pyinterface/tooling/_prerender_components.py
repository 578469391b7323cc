"""One component of an Interface config as static HTML, the way ``site/components/*.mjs`` draws it.

The prerendered page (``_prerender.py``) shows these until the page's modules run and the live
renderers replace them, so each function copies its renderer's elements and class names: the
UI must not move when it is swapped. Every control is ``disabled``: nothing can act on it
before the modules run, and a control that takes no input loses none.

A type without a function here (media, tables, chat) gets the generic labelled block: its
frame and label, with the body the live renderer fills in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._markup import js_string, same_value, tag, text
from ._prerender_displays import (
    color_input,
    color_output,
    image_input,
    json_view,
    label_view,
    markdown_view,
    state,
)
from ._prerender_field import Component, Ids, as_text, choice_name, choices_of, field, field_control

__all__ = ["prerender_component"]


def prerender_component(component: Component) -> str:
    """``component`` (one entry of the config's ``components``) as HTML."""
    renderer = _INPUTS if component.get("role") == "input" else _OUTPUTS
    return renderer.get(component.get("type", ""), _generic)(component)


def _generic(component: Component) -> str:
    """The generic labelled block: the frame, its body left to the live renderer."""
    return field(component, "region")


# -- text and numbers --------------------------------------------------------------------------


def _textbox(component: Component) -> str:
    props = component["props"]
    lines = props.get("lines") or 1
    if lines > 1:
        value = as_text(props.get("value"))
        # The parser drops one newline right after <textarea>: keep the value's own.
        body = "\n" + text(value) if value.startswith("\n") else text(value)
        control = field_control(component, "textarea", {"rows": lines, "class": "pyi-control",
                                                   "placeholder": props.get("placeholder") or None}, body)
    else:
        kind = props.get("type") if props.get("type") in ("password", "email") else "text"
        control = field_control(component, "input", {"type": kind, "class": "pyi-control",
                                                "value": as_text(props.get("value")),
                                                "placeholder": props.get("placeholder") or None})
    return field(component, "control", control)


def _number(component: Component) -> str:
    props = component["props"]
    control = field_control(component, "input", {
        "type": "number", "class": "pyi-control", "step": "any" if props.get("step") is None else props["step"],
        "min": props.get("minimum"), "max": props.get("maximum"), "value": as_text(props.get("value")),
    })
    return field(component, "control", control)


def _slider(component: Component) -> str:
    props = component["props"]
    minimum = props.get("minimum") if props.get("minimum") is not None else 0
    value = props.get("value") if props.get("value") is not None else minimum
    control = field_control(component, "input", {
        "type": "range", "class": "pyi-control pyi-range", "min": minimum,
        "max": props.get("maximum") if props.get("maximum") is not None else 100,
        "step": props.get("step") if props.get("step") is not None else 1, "value": value,
    })
    shown = tag("span", {"class": "pyi-range-value", "aria-hidden": "true"}, text(js_string(value)))
    return field(component, "control", tag("div", {"class": "pyi-range-row"}, control, shown))


def _text_output(class_name: str, show: Callable[[Any, dict[str, Any]], str] = lambda v, _: js_string(v),
                 data_value: bool = False) -> Callable[[Component], str]:
    """site/components/field.mjs renderTextOutput: the value shown as text in a display box."""

    def render(component: Component) -> str:
        props = component["props"]
        value = props.get("value")
        shown = "" if value is None else show(value, props)
        classes = f"pyi-display {class_name}" + (" pyi-empty" if shown == "" else "")
        display = tag("div", {"class": classes, "data-value": js_string(value) if data_value else None}, text(shown))
        return field(component, "region", display)

    return render


# -- choices -----------------------------------------------------------------------------------


def _names(value: Any, props: dict[str, Any]) -> str:
    return ", ".join(choice_name(props, v) for v in (value if isinstance(value, list) else [value]))


def _checkbox(component: Component) -> str:
    box = field_control(component, "input", {"type": "checkbox", "class": "pyi-checkbox",
                                        "checked": bool(component["props"].get("value"))})
    return field(component, "control", box, extra_class="pyi-inline")


def _choice_group(kind: str) -> Callable[[Component], str]:
    """Radio (one value, "radio") and CheckboxGroup (a list, "checkbox"): a fieldset of native inputs."""

    def render(component: Component) -> str:
        props = component["props"]
        choices = choices_of(props)
        value = props.get("value")
        if kind == "radio":  # one checked at most: the first match, as the live set() does
            first = next((i for i, (_, choice) in enumerate(choices) if same_value(choice, value)), -1)
            checked = [i == first for i in range(len(choices))]
        else:
            wanted = value if isinstance(value, list) else [] if value is None else [value]
            checked = [any(same_value(v, choice) for v in wanted) for _, choice in choices]
        name = Ids(component)("radio") if kind == "radio" else None
        options = [
            tag("label", {"class": "pyi-choice"}, tag("input", {
                "type": kind, "name": name, "value": str(index) if kind == "radio" else None,
                "checked": checked[index], "disabled": True,
            }), text(shown))
            for index, (shown, _) in enumerate(choices)
        ]
        return field(component, "group", *options, body_class="pyi-body pyi-choices")

    return render


def _dropdown(component: Component) -> str:
    props = component["props"]
    choices = choices_of(props)
    value = props.get("value")
    if props.get("allow_custom_value") and not props.get("multiselect"):
        list_id = Ids(component)("choices")
        box = field_control(component, "input", {"type": "text", "class": "pyi-control", "list": list_id,
                                            "autocomplete": "off", "value": choice_name(props, value)})
        suggestions = tag("datalist", {"id": list_id}, *(tag("option", {"value": shown}) for shown, _ in choices))
        return field(component, "control", box, suggestions)
    multiple = bool(props.get("multiselect"))
    wanted = (value if isinstance(value, list) else [] if value is None else [value]) if multiple else [value]
    options = [] if multiple else [tag("option", {"value": ""})]
    options += [
        tag("option", {"value": str(i), "selected": any(v is not None and same_value(v, c) for v in wanted)},
            text(shown))
        for i, (shown, c) in enumerate(choices)
    ]
    select = field_control(component, "select", {"class": "pyi-control", "multiple": multiple}, *options)
    return field(component, "control", select)


_TEXT = _text_output("pyi-text")
_NUMBER = _text_output("pyi-number-value")

_INPUTS: dict[str, Callable[[Component], str]] = {
    "textbox": _textbox, "number": _number, "slider": _slider, "checkbox": _checkbox,
    "radio": _choice_group("radio"), "checkboxgroup": _choice_group("checkbox"), "dropdown": _dropdown,
    "colorpicker": color_input, "image": image_input, "state": state,
    "label": label_view, "json": json_view, "markdown": markdown_view, "html": markdown_view,
}
_OUTPUTS: dict[str, Callable[[Component], str]] = {
    "textbox": _TEXT, "number": _NUMBER, "slider": _NUMBER,
    "checkbox": _text_output("pyi-boolean", lambda v, _: "True" if v else "False", data_value=True),
    "radio": _text_output("pyi-text", lambda v, props: choice_name(props, v)),
    "dropdown": _text_output("pyi-text", _names), "checkboxgroup": _text_output("pyi-text", _names),
    "colorpicker": color_output, "state": state, "label": label_view, "json": json_view,
    "markdown": markdown_view, "html": markdown_view,
}
