"""The frame every prerendered component sits in (site/components/field.mjs makeField), and
the helpers the prerendered components share.

``_prerender_components.py`` and ``_prerender_displays.py`` build each type's body; this
module puts it in its field: the label (the accessible name), the info text, and the props
every component shares (visible, elem_id, elem_classes, show_label). Ids are unique in the
app's shadow root, as the live renderer's ``ctx.uid`` ids are on the page.
"""

from __future__ import annotations

from typing import Any

from ._markup import js_string, same_value, tag, text

__all__ = ["Component", "Ids", "as_text", "choice_name", "choices_of", "field", "field_control"]

#: One entry of the config's ``components``: {id, type, role, data_kind, props}.
Component = dict[str, Any]


class Ids:
    """site/app.mjs ``ctx.uid``: DOM ids unique in the app's shadow root."""

    def __init__(self, component: Component) -> None:
        self._prefix = f"pyi-pre-{component['id']}"

    def __call__(self, suffix: str) -> str:
        return f"{self._prefix}-{suffix}"


def field(component: Component, kind: str, *body: str, body_class: str = "pyi-body", label_class: str = "",
          extra_class: str = "") -> str:
    """The frame around a component: "control" (a <label for> its control, uid "control"),
    "group" (<fieldset><legend>) or "region" (role=region named by its label)."""
    props = component.get("props") or {}
    ids = Ids(component)
    label_id = ids("label")
    info_id = ids("info") if props.get("info") else None
    classes = ["pyi-field", f"pyi-type-{component.get('type')}", f"pyi-{component.get('role')}",
               *(props.get("elem_classes") or []), extra_class]
    hidden_label = "pyi-sr-only" if props.get("show_label") is False else ""
    label_classes = " ".join(filter(None, ["pyi-label", label_class, hidden_label]))
    label_text = text(props.get("label") or "")
    attributes: dict[str, Any] = {"class": " ".join(filter(None, classes)), "id": props.get("elem_id")}
    if kind == "group":
        name, label = "fieldset", tag("legend", {"id": label_id, "class": label_classes}, label_text)
    elif kind == "region":
        name, label = "div", tag("span", {"id": label_id, "class": label_classes}, label_text)
        attributes.update({"role": "region", "aria-labelledby": label_id})
    else:
        name, label = "div", tag("label", {"id": label_id, "class": label_classes, "for": ids("control")}, label_text)
    attributes.update({
        "hidden": props.get("visible") is False,
        "data-component": component.get("type"), "data-component-id": component.get("id"),
        "aria-describedby": info_id if kind != "control" else None,
    })
    info = tag("p", {"id": info_id, "class": "pyi-info"}, text(props["info"])) if info_id else ""
    return tag(name, attributes, label, info, tag("div", {"class": body_class}, *body))


def field_control(component: Component, name: str, attributes: dict[str, Any], *children: str) -> str:
    """The field's one control, named by its label and described by its info text."""
    ids = Ids(component)
    described = ids("info") if (component.get("props") or {}).get("info") else None
    return tag(name, {**attributes, "id": ids("control"), "aria-describedby": described, "disabled": True}, *children)


def as_text(value: Any) -> str:
    """A value as the live page shows it as text: ``String(value)``, "" for None."""
    return "" if value is None else js_string(value)


def choices_of(props: dict[str, Any]) -> list[tuple[str, Any]]:
    """site/components/field.mjs choicesOf: [(shown name, value)]."""
    return [(js_string(c[0]), c[1]) if isinstance(c, list) else (js_string(c), c) for c in props.get("choices") or []]


def choice_name(props: dict[str, Any], value: Any) -> str:
    """site/components/field.mjs choiceName: the shown name of a choice value."""
    found = next((name for name, choice in choices_of(props) if same_value(choice, value)), None)
    return found if found is not None else as_text(value)
