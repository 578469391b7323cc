"""The "default" method: Gradio 3.50.2's numbers (run side by side), its tests, and the fixes."""

from __future__ import annotations

import pytest

import pyinterface as gr
from pyinterface.interpretation import _scores, set_interpret_parameters


def tune(component, **params):
    """``component.set_interpret_parameters(**params)`` for a Gradio or a pyinterface component
    (the function form works whether or not Component has the method yet)."""
    if isinstance(component, gr.Component):
        return set_interpret_parameters(component, **params)
    return component.set_interpret_parameters(**params)


def max_word_len(text):
    return max(len(word) for word in text.split(" "))


def square(x):
    return x**2


# Each case: fn, inputs and outputs as a function of the gradio-like module (so the very same
# spelling builds a Gradio 3.50.2 Interface and a pyinterface one), and the values to explain.
PARITY_CASES = {
    "text with a label": (max_word_len, lambda m: m.Textbox(), lambda m: m.Label(), ["quickest brown fox"]),
    "text with a number": (
        max_word_len, lambda m: m.Textbox(), lambda m: m.Number(),
        ["Return the length of the longest word in this sentence"],
    ),
    "text with confidences": (
        lambda s: {"long": min(1.0, len(s) / 40), "short": 1 - min(1.0, len(s) / 40)},
        lambda m: m.Textbox(), lambda m: m.Label(), ["a short one, really"],
    ),
    "number": (square, lambda m: m.Number(), lambda m: m.Number(), [2]),
    "number, absolute steps": (
        square, lambda m: tune(m.Number(), steps=2, delta=0.5, delta_type="absolute"),
        lambda m: m.Number(), [3.25],
    ),
    "number with precision 0 output": (square, lambda m: m.Number(), lambda m: m.Number(precision=0), [2]),
    "slider": (square, lambda m: m.Slider(0, 100), lambda m: m.Number(), [2]),
    "slider, 5 steps": (square, lambda m: tune(m.Slider(-1, 1), steps=5), lambda m: m.Number(), [0.5]),
    "checkbox off": (lambda x: int(x), lambda m: m.Checkbox(), lambda m: m.Number(), [False]),
    "checkbox on": (lambda x: int(x), lambda m: m.Checkbox(), lambda m: m.Number(), [True]),
    "radio by index": (lambda i: 2 * i, lambda m: m.Radio(["a", "b", "c"], type="index"), lambda m: m.Number(), ["b"]),
    "radio by value, label output": (
        lambda v: {"x": 0.9, "y": 0.1} if v == "x" else {"x": 0.2, "y": 0.8},
        lambda m: m.Radio(["x", "y", "z"]), lambda m: m.Label(), ["x"],
    ),
    "checkbox group": (lambda x: len(x), lambda m: m.CheckboxGroup(["a", "b", "c"]), lambda m: m.Number(), [["a"]]),
    "two inputs": (
        lambda text, n: {"yes": min(1.0, n * len(text) / 100), "no": 1 - min(1.0, n * len(text) / 100)},
        lambda m: [m.Textbox(), m.Number()], lambda m: m.Label(), ["one two three", 4],
    ),
}


@pytest.mark.parametrize("case", sorted(PARITY_CASES))
def test_same_numbers_as_gradio_3(case, gradio_interpret):
    fn, inputs, outputs, values = PARITY_CASES[case]
    expected = gradio_interpret(fn, inputs, outputs, values)
    ours = gr.Interface(fn, inputs(gr), outputs(gr), interpretation="default").interpret(values)
    assert ours == expected


# -- Gradio 3.50.2's own tests (test_interpretation.py, test_components.py), ported ------------


def test_default_text_scores_the_longest_word_and_ends_with_a_separator():
    result = gr.Interface(max_word_len, "textbox", "label", interpretation="default").interpret(["quickest brown fox"])
    pairs = result[0]["interpretation"]
    assert pairs[0][1] > 0
    assert pairs[-1] == (" ", 0)
    assert result[0]["original"] == "quickest brown fox"


def test_textbox_with_a_number_output_scores_only_the_longest_word():
    io = gr.Interface(max_word_len, "textbox", "number", interpretation="default")
    pairs = io.interpret(["Return the length of the longest word in this sentence"])[0]["interpretation"]
    words = [pair for pair in pairs if pair[0] != " "]
    assert [score for _, score in words] == [0.0] * 9 + [1.0]
    assert ("sentence", 1.0) in pairs and pairs[-1] == (" ", 0)


def test_number_neighbours_as_gradio_3():
    pairs = gr.Interface(square, "number", "number", interpretation="default").interpret([2])[0]["interpretation"]
    assert [value for value, _ in pairs] == [1.94, 1.96, 1.98, 2, 2.02, 2.04, 2.06]
    assert [score for _, score in pairs] == pytest.approx([-0.2364, -0.1584, -0.0796, None, 0.0804, 0.1616, 0.2436])


def test_number_precision_0_output_rounds_every_score_to_zero():
    io = gr.Interface(square, "number", gr.Number(precision=0), interpretation="default")
    pairs = io.interpret([2])[0]["interpretation"]
    assert pairs[3] == (2, None)
    assert all(score == 0.0 for value, score in pairs if value != 2)


def test_number_neighbour_values():
    absolute = tune(gr.Number(), steps=3, delta=1, delta_type="absolute")
    io = gr.Interface(square, absolute, "number", interpretation="default")
    assert [v for v, _ in io.interpret([1])[0]["interpretation"]] == [-2, -1, 0, 1, 2, 3, 4]
    io = gr.Interface(square, gr.Number(), "number", interpretation="default")
    assert [v for v, _ in io.interpret([1])[0]["interpretation"]] == pytest.approx([0.97, 0.98, 0.99, 1, 1.01, 1.02, 1.03])
    io = gr.Interface(square, gr.Number(precision=0), "number", interpretation="default")
    assert [v for v, _ in io.interpret([100])[0]["interpretation"]] == [97, 98, 99, 100, 101, 102, 103]


@pytest.mark.parametrize(
    ("number", "value"),
    [(gr.Number(precision=0), 1), (tune(gr.Number(precision=0), delta=1.24, delta_type="absolute"), 5)],
)
def test_integer_numbers_need_integer_deltas(number, value):
    io = gr.Interface(square, number, "number", interpretation="default")
    with pytest.raises(ValueError, match="is not an integer and precision=0"):
        io.interpret([value])


def test_slider_scores_eight_evenly_spaced_values():
    scores = gr.Interface(square, gr.Slider(0, 100), "number", interpretation="default").interpret([2])[0]["interpretation"]
    assert len(scores) == 8
    assert scores[0] == pytest.approx(-4.0) and scores[-1] == pytest.approx(9996.0)


def test_checkbox_and_radio_payloads():
    io = gr.Interface(int, "checkbox", "number", interpretation="default")
    assert io.interpret([False])[0]["interpretation"] == (None, 1.0)
    assert io.interpret([True])[0]["interpretation"] == (-1.0, None)
    io = gr.Interface(lambda i: 2 * i, gr.Radio(["a", "b", "c"], type="index"), "number", interpretation="default")
    assert io.interpret(["b"])[0]["interpretation"] == [-2.0, None, 2.0]


def test_checkbox_group_payload():
    io = gr.Interface(len, gr.CheckboxGroup(["a", "b", "c"]), "number", interpretation="default")
    assert io.interpret([["a"]])[0]["interpretation"] == [[-1.0, None], [None, 1.0], [None, 1.0]]


class TestHelperMethods:
    def test_diff(self):
        assert _scores.diff(13, "2") == 11
        assert _scores.diff("cat", "dog") == 1
        assert _scores.diff("cat", "cat") == 0

    def test_quantify_difference_with_number(self):
        io = gr.Interface(lambda text: text, ["textbox"], ["number"])
        assert _scores.quantify_difference_in_label(io, [4], [6]) == -2

    def test_quantify_difference_with_label(self):
        io = gr.Interface(lambda text: len(text), ["textbox"], ["label"])
        assert _scores.quantify_difference_in_label(io, ["3"], ["10"]) == -7
        assert _scores.quantify_difference_in_label(io, ["0"], ["100"]) == -100

    def test_quantify_difference_with_confidences(self):
        io = gr.Interface(lambda text: len(text), ["textbox"], ["label"])
        original = {"cat": 0.9, "dog": 0.1}
        assert _scores.quantify_difference_in_label(io, [original], [{"cat": 0.6, "dog": 0.4}]) == pytest.approx(0.3)
        assert _scores.quantify_difference_in_label(io, [original], [{"cat": 0.1, "dog": 0.6}]) == pytest.approx(0.8)

    def test_get_regression_value(self):
        io = gr.Interface(lambda text: text, ["textbox"], ["label"])
        original = {"cat": 0.9, "dog": 0.1}
        assert _scores.get_regression_or_classification_value(io, [original], [{"cat": float("nan")}]) == 0
        assert _scores.get_regression_or_classification_value(io, [original], [{"cat": 0.1, "dog": 0.6}]) == 0.1

    def test_get_classification_value(self):
        io = gr.Interface(lambda text: text, ["textbox"], ["label"])
        assert _scores.get_regression_or_classification_value(io, ["cat"], ["test"]) == 1
        assert _scores.get_regression_or_classification_value(io, ["test"], ["test"]) == 0
