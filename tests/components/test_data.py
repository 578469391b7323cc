import json
import math

import numpy as np
import pandas as pd
import pytest

import pyinterface as gr
from pyinterface.components._json import _plain
from pyinterface.errors import ComponentValueError

from ._oracle import gradio_defaults


def strict_json(value):
    """Round-trip through JSON that a browser's JSON.parse accepts (no NaN)."""
    return json.loads(json.dumps(value, allow_nan=False))


class TestLabel:
    @pytest.mark.parametrize(
        ("value", "top"),
        [
            ({"cat": 0.7, "dog": 0.2, "fish": 0.1}, None),
            ({"cat": 0.1, "dog": 0.6, "fish": 0.3, "bird": 0.0}, 2),
            ({"a": 0.5, "b": 0.5, "c": 0.5}, None),  # ties keep insertion order, as a stable sort does
            ({"only": 1.0}, 5),
            ("positive", None),
            (3, None),
            (0.25, None),
        ],
    )
    def test_postprocess_matches_gradio(self, gradio, value, top):
        assert gr.Label(num_top_classes=top).postprocess(value) == gradio.Label(num_top_classes=top).postprocess(value)

    def test_output_is_plain_json_even_for_numpy_confidences(self):
        out = gr.Label().postprocess({"cat": np.float32(0.75), 7: np.float64(0.25)})
        assert strict_json(out) == {
            "label": "cat",
            "confidences": [{"label": "cat", "confidence": 0.75}, {"label": "7", "confidence": 0.25}],
        }
        assert type(out["confidences"][0]["confidence"]) is float

    def test_a_label_value_can_be_postprocessed_again(self):
        label = gr.Label(num_top_classes=2)
        wire = label.postprocess({"x": 0.2, "y": 0.5, "z": 0.3})
        assert label.postprocess(wire) == wire
        assert label.postprocess({"label": "cat"}) == {"label": "cat"}
        assert label.postprocess({"label": "cat", "confidences": []}) == {"label": "cat"}
        assert label.postprocess({"label": 0.9}) == {"label": "label", "confidences": [{"label": "label", "confidence": 0.9}]}

    def test_nothing_is_none(self):
        assert gr.Label().postprocess(None) is None
        assert gr.Label().postprocess({}) is None

    def test_json_file_path_is_read_as_gradio_does(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "pred.json").write_text(json.dumps({"label": "a", "confidences": [{"label": "a", "confidence": 1}]}))
        assert gr.Label().postprocess("pred.json") == {"label": "a", "confidences": [{"label": "a", "confidence": 1.0}]}
        assert gr.Label().postprocess("other.json") == {"label": "other.json"}  # no such file: a plain label

    def test_bad_values_name_the_component_and_the_key(self):
        with pytest.raises(ComponentValueError, match=r"Label 'pred': expected a str or number label, or a dict"):
            gr.Label(label="pred").postprocess([("cat", 0.9)])
        with pytest.raises(ComponentValueError, match=r"The confidence of 'dog' is 'high'"):
            gr.Label().postprocess({"cat": 0.1, "dog": "high"})
        with pytest.raises(ComponentValueError, match=r"The confidence of 'cat' is nan"):
            gr.Label().postprocess({"cat": math.nan})
        with pytest.raises(ComponentValueError, match=r"The confidence of 'cat' is inf"):
            gr.Label().postprocess({"cat": math.inf, "dog": 0.0})
        with pytest.raises(ComponentValueError, match="list of {'label', 'confidence'} dicts"):
            gr.Label().postprocess({"label": "x", "confidences": [("x", 1.0)]})

    def test_as_python_returns_the_dict_and_config_is_json(self):
        wire = gr.Label().postprocess({"a": 0.9, "b": 0.1})
        assert gr.Label().as_python(wire) is wire
        config = strict_json(gr.Label({"a": 1.0}, num_top_classes=3, color="red").get_config())
        assert config["num_top_classes"] == 3 and config["color"] == "red"
        assert config["value"] == {"label": "a", "confidences": [{"label": "a", "confidence": 1.0}]}
        assert gr.Label().example_payload({"a": 0.3, "b": 0.7})["label"] == "b"
        assert (gr.Label.component_type, gr.Label.data_kind) == ("label", "label")

    def test_bad_num_top_classes(self):
        with pytest.raises(ValueError, match="num_top_classes must be None or an int >= 1"):
            gr.Label(num_top_classes=0)


class TestHighlightedText:
    PAIRS = [("The", None), ("quick", "ADJ"), ("brown", "ADJ"), ("", "ADJ"), ("fox", "NOUN"), ("", None), ("jumps", None)]
    ENTITIES = {
        "text": "Hugging Face is in New York City",
        "entities": [
            {"entity": "LOC", "start": 19, "end": 27},
            {"entity_group": "ORG", "start": 0, "end": 12},
            {"entity": "LOC", "start": 28, "end": 32},
        ],
    }

    @pytest.mark.parametrize(
        "kwargs",
        [{}, {"combine_adjacent": True}, {"combine_adjacent": True, "adjacent_separator": " "}],
    )
    @pytest.mark.parametrize("value_name", ["PAIRS", "ENTITIES"])
    def test_postprocess_matches_gradio(self, gradio, kwargs, value_name):
        value = getattr(self, value_name)
        ours = gr.HighlightedText(**kwargs).postprocess(value)
        theirs = gradio.HighlightedText(**kwargs).postprocess(value)
        assert ours == [list(pair) for pair in theirs]

    def test_entities_become_pairs_with_the_untagged_text_between(self):
        out = gr.HighlightedText().postprocess(self.ENTITIES)
        assert out[:2] == [["", None], ["Hugging Face", "ORG"]]
        assert ["New York", "LOC"] in out and out[-1] == ["", None]
        assert gr.HighlightedText().postprocess({"text": "plain", "entities": []}) == [["plain", None]]

    def test_scores_are_plain_floats_and_the_result_is_json(self):
        out = gr.HighlightedText().postprocess([("good", np.float32(0.5)), ("bad", -1), ("odd", math.nan)])
        assert strict_json(out) == [["good", 0.5], ["bad", -1.0], ["odd", None]]
        assert type(out[0][1]) is float

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("just text", r"expected a list of \(text, label\) pairs or a \{'text', 'entities'\} dict"),
            ([("a", "X", "extra")], r"expected a \(text, label\) pair"),
            (["ab"], r"expected a \(text, label\) pair"),
            ([(None, "X")], "whose text is a str"),
            ({"text": "abc"}, "'text' and 'entities' keys"),
            ({"text": "abc", "entities": [{"entity": "X", "end": 2}]}, "'start', 'end'"),
        ],
    )
    def test_bad_values(self, value, message):
        with pytest.raises(ComponentValueError, match=r"HighlightedText: " + ".*" + message):
            gr.HighlightedText().postprocess(value)

    def test_config(self):
        config = strict_json(gr.HighlightedText(self.PAIRS, color_map={"ADJ": "red"}, show_legend=True).get_config())
        assert config["color_map"] == {"ADJ": "red"} and config["show_legend"] is True
        assert config["value"][1] == ["quick", "ADJ"]
        assert config["combine_adjacent"] is False and config["adjacent_separator"] == ""
        with pytest.raises(TypeError, match="color_map must be a dict"):
            gr.HighlightedText(color_map=["red"])
        assert gr.HighlightedText.data_kind == "highlight"
        assert gr.HighlightedText().postprocess(None) is None


class TestJSON:
    def test_str_is_parsed_as_gradio_does(self, gradio):
        for value in ['{"a": [1, 2, {"b": null}]}', "[1, 2.5]", '"text"', {"x": [1, 2]}, [1, "a"]]:
            assert gr.JSON().postprocess(value) == gradio.JSON().postprocess(value)

    def test_numpy_nan_tuples_and_keys_become_plain_json(self):
        value = {"arr": np.arange(3), "f": np.float32(1.5), "nan": math.nan, "inf": np.inf, "t": (1, 2), 3: np.bool_(True)}
        out = gr.JSON().postprocess(value)
        assert strict_json(out) == {"arr": [0, 1, 2], "f": 1.5, "nan": None, "inf": None, "t": [1, 2], "3": True}
        assert gr.JSON().postprocess(None) is None
        assert gr.JSON().postprocess('{"x": NaN}') == {"x": None}

    def test_invalid_json_text_says_how_to_fix_it(self):
        with pytest.raises(ComponentValueError, match=r"JSON 'result': .*does not parse.*Return the Python object"):
            gr.JSON(label="result").postprocess("{not json}")

    def test_config_and_examples(self):
        config = strict_json(gr.JSON({"k": np.int64(2)}).get_config())
        assert config["value"] == {"k": 2}
        assert gr.JSON().example_payload({"n": np.float64(0.5)}) == {"n": 0.5}
        assert (gr.JSON.component_type, gr.JSON.data_kind) == ("json", "json")

    def test_plain_falls_back_to_str_like_gradios_orjson_default(self):
        assert _plain({"when": pd.Timestamp("2024-01-02")}) == {"when": "2024-01-02 00:00:00"}
        assert _plain([pd.NA, pd.NaT]) == [None, None]


class TestDataframe:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {},
            {"headers": ["a", "b"]},
            {"row_count": 3, "col_count": (2, "fixed")},
            {"headers": ["x"], "datatype": ["number"], "row_count": (2, "fixed")},
            {"col_count": 4, "datatype": "bool"},
        ],
    )
    def test_constructor_and_empty_table_match_gradio(self, gradio, kwargs):
        ours, theirs = gr.Dataframe(**kwargs), gradio.Dataframe(**kwargs)
        assert ours.row_count == tuple(theirs.row_count)
        assert ours.col_count == tuple(theirs.col_count)
        assert ours.headers == [str(h) for h in theirs.headers]  # the wire carries str headers
        assert ours.datatype == theirs.datatype
        expected = theirs.postprocess(None)
        assert ours.postprocess(None) == {"headers": [str(h) for h in expected["headers"]], "data": expected["data"]}

    @pytest.mark.parametrize(
        "value",
        [
            [[1, 2, 3, 4], [5, 6, 7, 8]],  # wider than the 3 default headers
            [["a"], ["b"]],  # narrower
            np.arange(6).reshape(3, 2),
            pd.DataFrame({"name": ["x", "y"], "score": [1.5, 2.5]}),
            {"headers": ["p", "q"], "data": [[1, 2]]},
            [],
        ],
        ids=["wide", "narrow", "numpy", "pandas", "dict", "empty"],
    )
    def test_postprocess_matches_gradio(self, gradio, value):
        expected = gradio.Dataframe().postprocess(value)
        assert gr.Dataframe().postprocess(value) == {
            "headers": [str(h) for h in expected["headers"]],
            "data": expected["data"],
        }

    def test_cells_are_plain_json(self):
        frame = pd.DataFrame({"n": np.array([1, 2], dtype=np.int32), "f": [0.5, np.nan], "when": pd.to_datetime(["2024-01-01", None])})
        out = gr.Dataframe().postprocess(frame)
        assert strict_json(out) == {"headers": ["n", "f", "when"], "data": [[1, 0.5, "2024-01-01 00:00:00"], [2, None, None]]}
        assert type(out["data"][0][0]) is int

    def test_postprocess_csv_path_and_styler(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "t.csv").write_text("a,b\n1,x\n")
        assert gr.Dataframe().postprocess("t.csv") == {"headers": ["a", "b"], "data": [[1, "x"]]}
        styler = pd.DataFrame({"v": [1]}).style
        assert gr.Dataframe().postprocess(styler) == {"headers": ["v"], "data": [[1]]}
        with pytest.raises(ComponentValueError, match=r"File not found: 'missing\.csv'"):
            gr.Dataframe().postprocess("missing.csv")

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ([1, 2, 3], r"(?s)a list of rows.*For one column use \[\[v\] for v in values\]"),
            (np.arange(3), r"(?s)a 2-D array.*shape \(3,\)"),
            (pd.Series([1, 2]), "a pandas DataFrame, a 2-D numpy array"),
            ({"headers": ["a"]}, "whose data is a list of rows"),
            ({"headers": "a", "data": [[1]]}, "headers are a list of names"),
        ],
    )
    def test_bad_outputs(self, value, message):
        with pytest.raises(ComponentValueError, match=message):
            gr.Dataframe().postprocess(value)

    @pytest.mark.parametrize("kind", ["pandas", "numpy", "array"])
    def test_preprocess_matches_gradio(self, gradio, kind):
        wire = {"headers": ["a", "b"], "data": [[1, 2], [3, 4]]}
        ours = gr.Dataframe(type=kind, headers=["a", "b"]).preprocess(wire)
        theirs = gradio.Dataframe(type=kind, headers=["a", "b"]).preprocess(wire)
        if kind == "pandas":
            pd.testing.assert_frame_equal(ours, theirs)
        elif kind == "numpy":
            assert isinstance(ours, np.ndarray) and (ours == theirs).all()
        else:
            assert ours == theirs == [[1, 2], [3, 4]]

    def test_preprocess_takes_tables_from_python_callers_and_rejects_bad_ones(self):
        frame = gr.Dataframe().preprocess([[1, "x"], [2, "y"]])
        assert list(frame.columns) == ["1", "2"] and frame.iloc[1, 1] == "y"
        assert gr.Dataframe(type="array").preprocess(pd.DataFrame({"a": [1]})) == [[1]]
        assert gr.Dataframe().preprocess(None) is None
        with pytest.raises(ComponentValueError, match=r"Dataframe 'table': expected a rectangular table for type='pandas'"):
            gr.Dataframe(label="table").preprocess({"headers": ["a", "b"], "data": [[1, 2, 3]]})
        with pytest.raises(ComponentValueError, match="rectangular table for type='numpy'"):
            gr.Dataframe(type="numpy").preprocess({"headers": None, "data": [[1, 2], [3]]})

    def test_as_python_follows_type(self):
        wire = gr.Dataframe().postprocess(pd.DataFrame({"a": [1, 2]}))
        assert isinstance(gr.Dataframe().as_python(wire), pd.DataFrame)
        assert gr.Dataframe(type="array").as_python(wire) == [[1], [2]]
        assert gr.Dataframe().as_python(None) is None

    def test_config_is_json_and_value_defaults_to_the_empty_table(self):
        config = strict_json(gr.Dataframe(headers=["a", "b"], row_count=(2, "fixed"), datatype=["str", "number"], column_widths=[100, "20%"]).get_config())
        assert config["value"] == {"headers": ["a", "b"], "data": [["", 0], ["", 0]]}
        assert config["row_count"] == [2, "fixed"] and config["col_count"] == [2, "dynamic"]
        assert config["datatype"] == ["str", "number"] and config["column_widths"] == ["100px", "20%"]
        assert config["type"] == "pandas" and config["wrap"] is False
        assert strict_json(gr.Dataframe().example_payload(pd.DataFrame({"a": [np.nan]}))) == {"headers": ["a"], "data": [[None]]}

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"type": "polars"}, ValueError, "type must be one of 'pandas', 'numpy', 'array'"),
            ({"headers": ["a", "b"], "col_count": 3}, ValueError, "headers has 2 names but col_count is 3"),
            ({"headers": "abc"}, TypeError, "headers must be a list"),
            ({"datatype": "text"}, ValueError, "datatype must be one of"),
            ({"row_count": (2, "grow")}, ValueError, r"row_count must be an int or \(int, 'fixed' \| 'dynamic'\)"),
        ],
    )
    def test_bad_constructor_arguments(self, kwargs, error, message):
        with pytest.raises(error, match=message):
            gr.Dataframe(**kwargs)

    def test_shortcuts_and_kind(self):
        assert gr.components.get_component("list").headers == ["1"]
        assert gr.components.get_component("numpy").type == "numpy"
        assert (gr.Dataframe.component_type, gr.Dataframe.data_kind) == ("dataframe", "dataframe")


@pytest.mark.parametrize("name", ['Label', 'HighlightedText', 'JSON', 'Dataframe'])
def test_every_gradio_constructor_argument_is_accepted_without_warnings(gradio, name):
    component = getattr(gr, name)(**gradio_defaults(getattr(gradio, name)))  # -W error turns warnings into failures
    json.dumps(component.get_config(), allow_nan=False)
