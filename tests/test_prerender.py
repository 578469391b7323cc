"""The prerendered UI an exported page carries (tooling/_prerender.py): escaped, complete, like the live one."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

import pyinterface as gr
from pyinterface import components
from pyinterface._config import build_config
from pyinterface.components.base import Component
from pyinterface.tooling._frontend import site_dir
from pyinterface.tooling._pages import app_page
from pyinterface.tooling._prerender import PROGRESS_STEPS, prerender_app
from pyinterface.tooling._prerender_components import prerender_component

HOSTILE = "<img src=x onerror=alert(1)>"


class _Elements(HTMLParser):
    """Every start tag of a document, with its attributes, and its text."""

    def __init__(self, document: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attributes: str) -> list[dict[str, str | None]]:
        wanted = attributes.items()
        return [attrs for name, attrs in self.tags if name == tag and all(attrs.get(k) == v for k, v in wanted)]


def _config(fn: Any, inputs: Any, outputs: Any, **kwargs: Any) -> dict[str, Any]:
    return dict(build_config(gr.Interface(fn, inputs, outputs, **kwargs)))


def _component(cls: type[Component], role: str, **kwargs: Any) -> dict[str, Any]:
    instance = cls(**kwargs)
    return {"id": 3, "type": instance.component_type, "role": role, "props": instance.get_config()}


def _every_component_class() -> list[type[Component]]:
    found = [getattr(components, name) for name in components.__all__]
    classes = {c for c in found if isinstance(c, type) and issubclass(c, Component) and c is not Component}
    return sorted(classes, key=lambda c: c.__name__)


def test_a_hostile_label_value_and_title_stay_text() -> None:
    config = _config(
        lambda text, choice: text,
        [gr.Textbox(label=HOSTILE, value=HOSTILE, placeholder=HOSTILE, info=HOSTILE),
         gr.Radio([HOSTILE, "b"], label=HOSTILE, value=HOSTILE)],
        gr.Textbox(label=HOSTILE),
        title=HOSTILE, description=HOSTILE, article=HOSTILE, examples=[[HOSTILE, "b"]],
    )
    page = prerender_app(config, stylesheet=None)
    parsed = _Elements(page)
    assert not parsed.find("img")
    assert not [(tag, name) for tag, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert parsed.find("input", value=HOSTILE)  # the value as the attribute's value, not as markup
    shown = "".join(parsed.text)
    assert shown.count(HOSTILE) >= 8  # title, description, article, labels, info, a choice, an example
    assert "<img" not in re.sub(r"&lt;img", "", page)


def test_the_stylesheet_is_inline_and_cannot_end_its_style_early() -> None:
    config = _config(lambda x: x, "text", "text")
    css = (site_dir() / "pyinterface.css").read_text(encoding="utf-8")
    template = prerender_app(config, stylesheet=css)
    assert template.startswith('<template shadowrootmode="open"><style data-pyinterface-css>')
    assert css in template
    with pytest.raises(ValueError, match="</style"):
        prerender_app(config, stylesheet="p { color: red } </STYLE><script>alert(1)</script>")


@pytest.mark.parametrize("cls", _every_component_class(), ids=lambda c: c.__name__)
@pytest.mark.parametrize("role", ["input", "output"])
def test_every_component_type_gets_its_labelled_frame(cls: type[Component], role: str) -> None:
    component = _component(cls, role, label="the label")
    parsed = _Elements(prerender_component(component))
    frame = parsed.tags[0][1]
    assert frame["data-component"] == component["type"]
    assert frame["data-component-id"] == "3"
    if component["type"] != "state":  # State shows nothing, live or prerendered
        assert "the label" in parsed.text
        assert f"pyi-type-{component['type']}" in (frame["class"] or "")


def test_inputs_show_their_initial_values_and_are_disabled() -> None:
    config = _config(
        lambda *values: values[0],
        [gr.Textbox(value="typed", label="t"), gr.Textbox(value="\nsecond line", lines=3, label="area"),
         gr.Number(value=2.0, label="n"), gr.Slider(0, 10, value=4, label="s"), gr.Checkbox(value=True, label="c"),
         gr.Radio(["a", "b"], value="b", label="r"), gr.CheckboxGroup(["a", "b", "c"], value=["a", "c"], label="g"),
         gr.Dropdown(["a", "b"], value="b", label="d")],
        "text",
    )
    page = prerender_app(config, stylesheet=None)
    parsed = _Elements(page)
    assert parsed.find("input", value="typed")
    assert "<textarea" in page and ">\n\nsecond line</textarea>" in page  # the parser drops the first newline only
    assert parsed.find("input", type="number", value="2")  # JS shows 2.0 as 2
    assert parsed.find("input", type="range", value="4")
    assert "checked" in parsed.find("input", type="checkbox", **{"class": "pyi-checkbox"})[0]
    radios = parsed.find("input", type="radio")
    assert ["checked" in r for r in radios] == [False, True]
    group = [a for a in parsed.find("input", type="checkbox") if a.get("class") is None]
    assert ["checked" in box for box in group] == [True, False, True]
    assert ["selected" in o for o in parsed.find("option")] == [False, False, True]
    controls = [a for t, a in parsed.tags if t in ("input", "textarea", "select", "button")]
    assert controls and all("disabled" in attrs for attrs in controls)


def test_an_empty_image_input_shows_its_drawing_pad_or_its_drop_zone() -> None:
    pad = _Elements(prerender_component(_component(gr.Image, "input", source="canvas", shape=(28, 14))))
    assert pad.find("canvas", width="400", height="200")  # the live pad's pixel size: 400 on the longer side
    assert "Clear drawing" in pad.text
    upload = _Elements(prerender_component(_component(gr.Image, "input")))
    assert upload.find("input", type="file", accept="image/*")
    assert "Drop an image here, paste one, or choose a file." in upload.text


def test_the_buttons_follow_the_live_layout() -> None:
    interpreted = _config(lambda x: x, "text", "label", interpretation="default")
    with_interpret = _Elements(prerender_app(interpreted, stylesheet=None))
    assert [t for t in with_interpret.text if t in ("Clear", "Submit", "Interpret")] == ["Clear", "Submit", "Interpret"]
    live = _Elements(prerender_app(_config(lambda x: x, "text", "text", live=True), stylesheet=None))
    assert "Submit" not in live.text  # Gradio 3.50: no Submit when live with inputs
    generator = _Elements(prerender_app(_config(lambda: "x", None, "text"), stylesheet=None))
    assert "Generate" in generator.text and not generator.find("div", **{"class": "pyi-panel pyi-inputs"})


def test_examples_show_their_first_page() -> None:
    config = _config(lambda x: x, "text", "text", examples=[[str(i)] for i in range(12)], examples_per_page=5)
    parsed = _Elements(prerender_app(config, stylesheet=None))
    assert len(parsed.find("button", **{"class": "pyi-example"})) == 5
    assert "Page 1 of 3" in parsed.text


def test_the_loading_panel_names_the_stages_as_the_page_does() -> None:
    progress = (site_dir() / "progress.mjs").read_text(encoding="utf-8")
    protocol = (site_dir() / "protocol.mjs").read_text(encoding="utf-8")
    stages = re.search(r"export const STAGES = \[(.*?)\]", protocol)
    assert stages is not None
    assert [stage for stage, _ in PROGRESS_STEPS] == re.findall(r'"([^"]+)"', stages.group(1))
    for stage, name in PROGRESS_STEPS:
        assert f'"{stage}": "{name}"' in progress


def test_an_exported_page_carries_its_ui_and_no_stylesheet_preload() -> None:
    config = _config(lambda x: x, gr.Textbox(label="name"), "text", title="Greeter")
    page = app_page("Greeter", stylesheet=True, manifest={"entry": "app.py", "files": ["app.py"], "config": config})
    element = page[page.index("<pyinterface-app"):page.index("</pyinterface-app>")]
    assert '<template shadowrootmode="open"><style data-pyinterface-css>' in element
    assert '<h1 class="pyi-title">Greeter</h1>' in element
    assert 'rel="preload"' not in page  # the stylesheet is inline, the page builds its sheet from it
    assert 'rel="preload"' in app_page("T", stylesheet=True)  # nothing to prerender: fetched early
