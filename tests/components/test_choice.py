import json

import pytest

import pyinterface as gr
from pyinterface.errors import ComponentValueError


class TestSlider:
    def test_defaults_follow_gradio(self):
        slider = gr.Slider(0, 100)
        assert slider.value == 0
        assert slider.step == 1
        assert gr.Slider(0, 1).step == 0.01

    def test_preprocess_range_checked(self):
        slider = gr.Slider(0, 10, label="Level")
        assert slider.preprocess(3) == 3.0
        with pytest.raises(ComponentValueError, match="between 0 and 10"):
            slider.preprocess(11)
        with pytest.raises(ComponentValueError, match="Slider 'Level'"):
            slider.preprocess("high")

    def test_randomize_stays_in_range_on_the_step_grid(self):
        for _ in range(20):
            value = gr.Slider(2, 4, step=0.5, randomize=True).value
            assert 2 <= value <= 4 and (value - 2) % 0.5 == 0

    def test_config_and_bad_constructor(self):
        config = json.loads(json.dumps(gr.Slider(1, 5, value=2, step=0.5).get_config()))
        assert (config["minimum"], config["maximum"], config["step"], config["value"]) == (1, 5, 0.5, 2.0)
        with pytest.raises(ValueError, match="minimum"):
            gr.Slider(5, 1)
        with pytest.raises(ValueError, match="step must be positive"):
            gr.Slider(0, 1, step=0)


class TestCheckbox:
    def test_values(self):
        box = gr.Checkbox()
        assert box.preprocess(True) is True
        assert box.preprocess(0) is False
        assert box.postprocess(1) is True
        with pytest.raises(ComponentValueError, match="True or False"):
            box.preprocess("yes")
        assert json.loads(json.dumps(box.get_config()))["value"] is False


class TestRadio:
    def test_value_and_index_types(self):
        radio = gr.Radio(["a", "b", "c"], label="Letter")
        assert radio.preprocess("b") == "b"
        assert gr.Radio(["a", "b", "c"], type="index").preprocess("c") == 2
        assert gr.Radio(["a", "b", "c"], type="index").postprocess(1) == "b"

    def test_name_value_pairs(self):
        radio = gr.Radio([("Cat", "cat"), ("Dog", "dog")])
        assert radio.preprocess("dog") == "dog"
        assert radio.get_config()["choices"] == [["Cat", "cat"], ["Dog", "dog"]]

    def test_bad_values(self):
        radio = gr.Radio(["a", "b"], label="Letter")
        with pytest.raises(ComponentValueError, match=r"Radio 'Letter': expected one of the choices \['a', 'b'\]"):
            radio.preprocess("z")
        with pytest.raises(ComponentValueError, match="index from 0 to 1"):
            gr.Radio(["a", "b"], type="index").postprocess(5)
        with pytest.raises(ValueError, match="type must be 'value' or 'index'"):
            gr.Radio(["a"], type="label")
        with pytest.raises(TypeError, match="choices must be a list"):
            gr.Radio("abc")


class TestCheckboxGroup:
    def test_values(self):
        group = gr.CheckboxGroup(["a", "b", "c"])
        assert group.preprocess(["a", "c"]) == ["a", "c"]
        assert gr.CheckboxGroup(["a", "b", "c"], type="index").preprocess(["c"]) == [2]
        assert group.preprocess(None) == []
        assert group.postprocess("a") == ["a"]
        assert json.loads(json.dumps(group.get_config()))["value"] == []

    def test_bad_values(self):
        group = gr.CheckboxGroup(["a", "b"])
        with pytest.raises(ComponentValueError, match="a list of choices"):
            group.preprocess("a")
        with pytest.raises(ComponentValueError, match="one of the choices"):
            group.preprocess(["a", "q"])


class TestDropdown:
    def test_single_multi_and_custom(self):
        assert gr.Dropdown(["x", "y"]).preprocess("y") == "y"
        multi = gr.Dropdown(["x", "y", "z"], multiselect=True, max_choices=2)
        assert multi.preprocess(["x", "z"]) == ["x", "z"]
        assert multi.data_kind == "choices" and gr.Dropdown(["x"]).data_kind == "choice"
        assert gr.Dropdown(["x"], allow_custom_value=True).preprocess("free") == "free"

    def test_bad_values(self):
        with pytest.raises(ComponentValueError, match="one of the choices"):
            gr.Dropdown(["x", "y"]).preprocess("q")
        with pytest.raises(ComponentValueError, match="at most 2 choices"):
            gr.Dropdown(["x", "y", "z"], multiselect=True, max_choices=2).preprocess(["x", "y", "z"])
        with pytest.raises(ComponentValueError, match="multiselect=True"):
            gr.Dropdown(["x", "y"], multiselect=True).preprocess("x")
        with pytest.raises(ComponentValueError, match="custom value has no index"):
            gr.Dropdown(["x"], allow_custom_value=True, type="index").preprocess("free")

    def test_config(self):
        config = json.loads(json.dumps(gr.Dropdown(["x", "y"], value="x", multiselect=False).get_config()))
        assert config["choices"] == [["x", "x"], ["y", "y"]] and config["value"] == "x"
        assert config["multiselect"] is False
