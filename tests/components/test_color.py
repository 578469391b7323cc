import json

import pytest

import pyinterface as gr
from pyinterface.errors import ComponentValueError

from ._oracle import gradio_defaults


@pytest.mark.parametrize("colour", ["#ff8800", "#FF8800", "#abc", None])
def test_hex_colours_pass_as_in_gradio(gradio, colour):
    assert gr.ColorPicker().preprocess(colour) == gradio.ColorPicker().preprocess(colour)
    assert gr.ColorPicker().postprocess(colour) == gradio.ColorPicker().postprocess(colour)


def test_values_the_picker_cannot_show_name_the_fix():
    picker = gr.ColorPicker(label="tint")
    with pytest.raises(ComponentValueError, match=r"ColorPicker 'tint': expected a hex colour.*'#ff0000' for red"):
        picker.postprocess("red")
    with pytest.raises(ComponentValueError, match=r"\{:02x\}"):
        picker.postprocess((255, 0, 0))
    with pytest.raises(ComponentValueError, match="hex colour"):
        picker.preprocess("#12345")


def test_shortcut_and_gradio_arguments(gradio):
    assert isinstance(gr.components.get_component("colorpicker"), gr.ColorPicker)
    component = gr.ColorPicker(**gradio_defaults(gradio.ColorPicker))
    json.dumps(component.get_config(), allow_nan=False)
    assert gr.Interface(lambda c: c.upper(), "colorpicker", "text")("#a0b0c0") == "#A0B0C0"
