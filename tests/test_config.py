import json

import pyinterface as gr
from pyinterface._config import CONFIG_VERSION


def _roundtrip(config):
    return json.loads(json.dumps(config))


def test_interface_config_describes_everything_the_page_renders():
    io = gr.Interface(
        lambda name, n: name * int(n),
        [gr.Textbox(label="Name", value="Ada"), gr.Number(value=2)],
        "text",
        title="Repeat",
        description="**bold** intro",
        article="More *below*",
        css=".x { color: red }",
        theme="soft",
        examples=[["a", 1]],
        examples_per_page=5,
    )
    config = io.config()
    assert _roundtrip(config) == config
    assert config["version"] == CONFIG_VERSION and config["mode"] == "interface"
    assert (config["title"], config["description"], config["article"]) == ("Repeat", "**bold** intro", "More *below*")
    assert config["css"] == ".x { color: red }" and config["theme"]["name"] == "soft"
    types = [(c["id"], c["type"], c["role"]) for c in config["components"]]
    assert types == [(0, "textbox", "input"), (1, "number", "input"), (2, "textbox", "output")]
    assert config["components"][0]["props"]["label"] == "Name"
    assert config["components"][0]["props"]["value"] == "Ada"
    assert config["components"][1]["props"]["label"] == "n"
    assert config["components"][2]["props"]["interactive"] is False
    assert config["layout"] == {"inputs": [0, 1], "outputs": [2]}
    assert config["examples"] == {"inputs": [0, 1], "samples": [["a", 1.0]], "samples_per_page": 5, "cache": False}
    assert config["events"] == [
        {"name": "predict", "trigger": "submit", "inputs": [0, 1], "outputs": [2], "batch": False, "max_batch_size": 4}
    ]
    assert config["interpretation"] is None


def test_live_and_output_only_triggers():
    assert gr.Interface(str.upper, "text", "text", live=True).config()["events"][0]["trigger"] == "change"
    assert gr.Interface(lambda: "x", None, "text", live=True).config()["events"][0]["trigger"] == "load"


def test_interpretation_adds_an_interpret_event_with_inputs_and_outputs():
    config = gr.Interface(lambda a: {"x": 1.0}, "text", "label", interpretation="default").config()
    assert config["interpretation"] == {"methods": ["default"], "num_shap": 2.0}
    interpret = config["events"][1]
    assert interpret["name"] == "interpret" and interpret["inputs"] == [0, 1] and interpret["outputs"] == [0]


def test_every_component_config_is_json(tmp_path):
    components = [
        gr.Textbox(), gr.Number(), gr.Slider(), gr.Checkbox(), gr.CheckboxGroup(["a"]), gr.Radio(["a"]),
        gr.Dropdown(["a"]), gr.Image(), gr.Audio(), gr.Label(), gr.HighlightedText(), gr.JSON(),
        gr.Markdown(), gr.HTML(), gr.Dataframe(),
    ]
    for component in components:
        config = component.get_config()
        assert _roundtrip(config) == config, component
    io = gr.Interface(lambda *a: None, components[:8], components[8:])
    assert _roundtrip(io.config())["components"][7]["type"] == "image"


def test_the_page_renders_the_config_version_python_writes():
    import re
    from pathlib import Path

    app_mjs = (Path(__file__).resolve().parent.parent / "site" / "app.mjs").read_text(encoding="utf-8")
    match = re.search(r"export const CONFIG_VERSION = (\d+);", app_mjs)
    assert match and int(match.group(1)) == CONFIG_VERSION
