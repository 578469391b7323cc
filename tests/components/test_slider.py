"""Slider's fn value against Gradio 3.50.2, whose Slider has no preprocess: fn gets the JSON
number the page sent, which is an int when it is whole. What the page sends is the value
``JSON.parse`` gives back for the slider's position."""

import json

import pytest

import pyinterface as gr


def page_sends(value):
    return json.loads(json.dumps(value))


@pytest.mark.parametrize(
    "args, kwargs, position",
    [((0, 10), {"step": 1}, 3), ((1, 5), {"step": 2}, 5), ((0, 100), {}, 42), ((0, 1000), {}, 990),
     ((-5, 5), {"step": 1}, -2)],
    ids=["step-1", "step-2", "step-none-range-100", "step-none-range-1000", "negative"],
)
def test_an_int_slider_hands_fn_an_int_as_gradio(gradio, args, kwargs, position):
    ours = gr.Slider(*args, **kwargs)
    theirs = gradio.Slider(*args, **kwargs)
    assert ours.step == theirs.step and type(ours.step) is type(theirs.step)
    sent = page_sends(position)
    mine, gradios = ours.preprocess(sent), theirs.preprocess(sent)
    assert mine == gradios and type(mine) is type(gradios) is int
    assert list(range(mine)) == list(range(gradios))


@pytest.mark.parametrize("args, kwargs", [((0, 1), {}), ((0, 10), {}), ((0, 10), {"step": 0.5}), ((0.0, 10), {"step": 1})])
def test_a_float_slider_hands_fn_a_float(gradio, args, kwargs):
    ours, theirs = gr.Slider(*args, **kwargs), gradio.Slider(*args, **kwargs)
    assert ours.step == theirs.step
    assert ours.preprocess(page_sends(0.5)) == theirs.preprocess(page_sends(0.5)) == 0.5
    # Gradio passes a whole float slider value on as an int (1, not 1.0); a float slider gives a float here.
    assert type(ours.preprocess(page_sends(1))) is float


def test_an_int_slider_keeps_interpretations_in_between_values():
    assert gr.Slider(0, 100).preprocess(14.285714) == 14.285714


def test_output_gives_ints_for_an_int_slider_and_minimum_for_none_as_gradio(gradio):
    assert gr.Slider(0, 10, step=1).postprocess(4.0) == 4 and type(gr.Slider(0, 10, step=1).postprocess(4.0)) is int
    assert gr.Slider(2, 10).postprocess(None) == gradio.Slider(2, 10).postprocess(None) == 2


def test_range_works_on_what_fn_receives():
    io = gr.Interface(lambda n: len(list(range(n))), gr.Slider(0, 10, step=1), "number")
    assert io(7) == 7
