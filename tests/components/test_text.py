import json

import pytest

import pyinterface as gr
from pyinterface.errors import ComponentValueError


class TestTextbox:
    def test_preprocess_and_postprocess_are_str(self):
        box = gr.Textbox()
        assert box.preprocess("hi") == "hi"
        assert box.preprocess(12) == "12"
        assert box.preprocess(None) is None
        assert box.postprocess(3.5) == "3.5"
        assert box.postprocess(None) is None

    def test_rejects_containers_and_bytes_naming_the_component(self):
        box = gr.Textbox(label="Review")
        with pytest.raises(ComponentValueError, match=r"Textbox 'Review': expected text \(str\), got \[1, 2\] \(list\)"):
            box.preprocess([1, 2])
        with pytest.raises(ComponentValueError, match="decode"):
            box.preprocess(b"raw")

    def test_config_is_json_and_carries_gradio_props(self):
        box = gr.Textbox(lines=3, placeholder="Type here", label="Text", value="start", type="password")
        config = json.loads(json.dumps(box.get_config()))
        assert config["lines"] == 3
        assert config["placeholder"] == "Type here"
        assert config["label"] == "Text"
        assert config["value"] == "start"
        assert config["type"] == "password"

    def test_bad_constructor_arguments(self):
        with pytest.raises(ValueError, match="type must be one of"):
            gr.Textbox(type="number")
        with pytest.raises(ValueError, match="lines must be a positive int"):
            gr.Textbox(lines=0)
        with pytest.raises(TypeError, match="label must be a str"):
            gr.Textbox(label=3)

    def test_unknown_argument_warns_but_gradio_layout_arguments_are_accepted(self):
        gr.Textbox(scale=2, min_width=100, container=False, show_copy_button=True)
        with pytest.warns(UserWarning, match="unknown argument.*colour"):
            gr.Textbox(colour="red")


class TestNumber:
    def test_preprocess_to_float_and_precision(self):
        assert gr.Number().preprocess("2.5") == 2.5
        assert gr.Number().preprocess(3) == 3.0 and isinstance(gr.Number().preprocess(3), float)
        assert gr.Number(precision=0).preprocess(2.6) == 3 and isinstance(gr.Number(precision=0).preprocess(2.6), int)
        assert gr.Number(precision=2).postprocess(1.23456) == 1.23
        assert gr.Number().preprocess(None) is None
        assert gr.Number().preprocess("") is None

    def test_bad_values(self):
        number = gr.Number(label="Age", minimum=0, maximum=120)
        with pytest.raises(ComponentValueError, match=r"Number 'Age': expected a number, got 'old' \(str\)"):
            number.preprocess("old")
        with pytest.raises(ComponentValueError, match="Use 1 or 0"):
            number.preprocess(True)
        with pytest.raises(ComponentValueError, match="<= 120"):
            number.preprocess(200)
        with pytest.raises(ComponentValueError, match="NaN"):
            number.preprocess(float("nan"))
        with pytest.raises(ValueError, match="minimum"):
            gr.Number(minimum=5, maximum=1)
        with pytest.raises(ValueError, match="precision"):
            gr.Number(precision=-1)

    def test_config(self):
        config = json.loads(json.dumps(gr.Number(value=4, precision=1, minimum=0).get_config()))
        assert config["value"] == 4.0 and config["precision"] == 1 and config["minimum"] == 0
