"""How interpretation runs: batching, progress, cancellation, errors, and the inputs Gradio 3
got wrong or dropped (Dropdown, image signs, missing classes, out-of-range neighbours)."""

from __future__ import annotations

import asyncio
import math
import subprocess
import sys

import numpy as np
import pytest

import pyinterface as gr
from pyinterface.errors import ConfigurationError
from pyinterface.interpretation import set_interpret_parameters
from pyinterface.interpretation._slic import slic
from pyinterface.interpretation._tokens import HEAT_DECIMALS


def red_left_image(size=(40, 60)):
    image = np.full((*size, 3), 90, np.uint8)
    image[:, : size[1] // 2] = (240, 20, 20)
    return image


def redness(img):
    red = float(np.asarray(img)[:, :, 0].mean()) / 255
    return {"red": red, "other": 1 - red}


# -- batching -----------------------------------------------------------------------------------


def test_batch_fns_get_chunks_of_max_batch_size_and_give_the_same_numbers():
    calls = []

    def batch_fn(images):
        calls.append(len(images))
        return [[redness(image) for image in images]]

    image = red_left_image()
    batched = gr.Interface(batch_fn, "image", "label", interpretation="default", batch=True, max_batch_size=5)
    single = gr.Interface(redness, "image", "label", interpretation="default")
    result = batched.interpret([image])
    assert result == single.interpret([image])
    n_segments = int(slic(image, 16).max())
    assert sum(calls) == 1 + n_segments  # the original, then one per superpixel
    assert calls == [5] * (sum(calls) // 5) + ([sum(calls) % 5] if sum(calls) % 5 else [])


def test_a_batch_fn_that_returns_the_wrong_shape_is_named():
    io = gr.Interface(lambda texts: [len(t) for t in texts], "textbox", "number", interpretation="default", batch=True)
    with pytest.raises(ValueError, match="has batch=True, so for 4 samples it must return a list"):
        io.interpret(["a b c d e"])


def test_other_inputs_reuse_their_preprocessed_value():
    seen = []

    def fn(image, text):
        seen.append(image)
        return len(text)

    io = gr.Interface(fn, ["image", "textbox"], "number", interpretation=[None, "default"])
    io.interpret([red_left_image(), "a bb ccc"])
    assert len(seen) == 4 and all(image is seen[0] for image in seen)


# -- progress, cancellation, failures -----------------------------------------------------------


def test_progress_is_reported_after_every_chunk():
    reports = []
    io = gr.Interface(lambda texts: [[len(t) for t in texts]], "textbox", "number", interpretation="default",
                      batch=True, max_batch_size=2)
    asyncio.run(io.ainterpret(["a bb ccc dddd eeeee"], progress=lambda done, total: reports.append((done, total))))
    assert reports == [(0, 6), (2, 6), (4, 6), (6, 6)]

    async def async_progress(done, total):
        reports.append(done)

    reports.clear()
    asyncio.run(io.ainterpret(["a bb"], progress=async_progress))
    assert reports == [0, 2, 3]


def test_cancelling_the_task_stops_between_calls():
    calls = []

    def slow(text):
        calls.append(text)
        return len(text)

    io = gr.Interface(slow, "textbox", "number", interpretation="default")

    async def main():
        started = asyncio.Event()
        task = asyncio.create_task(io.ainterpret(["w " * 50], progress=lambda done, total: done and started.set()))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert len(calls) < 5


def test_a_failing_fn_stops_with_its_error():
    def fragile(text):
        if "b" not in text:
            raise ZeroDivisionError("no b")
        return len(text)

    io = gr.Interface(fragile, "textbox", "number", interpretation="default")
    with pytest.raises(ZeroDivisionError, match="no b") as info:
        io.interpret(["a b c"])
    assert any("interpretation stopped" in note and "evaluation 3 of 4" in note for note in info.value.__notes__)


def test_async_fns():
    async def length(text):
        await asyncio.sleep(0)
        return len(text)

    io = gr.Interface(length, "textbox", "number", interpretation="default")
    assert io.interpret(["ab c"])[0]["interpretation"] == [("ab", 3.0), (" ", 0), ("c", 2.0), (" ", 0)]

    async def inside_a_loop():
        with pytest.raises(RuntimeError, match="await interface.ainterpret"):
            io.interpret(["ab c"])
        return await io.ainterpret(["ab c"])

    assert asyncio.run(inside_a_loop()) == io.interpret(["ab c"])


# -- bad input ----------------------------------------------------------------------------------


def test_unsupported_components_are_named_when_the_interface_is_built():
    with pytest.raises(ConfigurationError, match=r"Component Dataframe 'table' does not support interpretation.*Dropdown"):
        gr.Interface(lambda table: 1, gr.Dataframe(label="table"), "number", interpretation="default")
    with pytest.raises(ConfigurationError, match=r"Component Dataframe 'table' does not support interpretation"):
        gr.Interface(lambda text, table: 1, ["textbox", gr.Dataframe(label="table")], "number",
                     interpretation=[None, "default"])
    io = gr.Interface(lambda text, table: 1, ["textbox", gr.Dataframe(label="table")], "number",
                      interpretation=["default", None])  # the table is left out: fine
    assert io.interpret(["a b", [[1, 2]]])[1]["interpretation"] is None


@pytest.mark.parametrize("method", ["default", "shap"])
@pytest.mark.parametrize(("outputs", "named"), [("textbox", "Textbox 'output'"), (gr.Image(label="mask"), "Image 'mask'")])
def test_an_output_interpretation_cannot_score_fails_when_the_interface_is_built(method, outputs, named):
    """Gradio 3 raised "doesn't support the Output component" only on Interpret; the first output
    must be a Label or a Number, and the error names the one it is."""
    with pytest.raises(ConfigurationError, match=(
        rf"interpretation='{method}' scores the first output component, which must be a Label or a Number, "
        rf"but the first output is {named}\. Put a Label or Number output first"
    )):
        gr.Interface(lambda text: text, "textbox", outputs, interpretation=method)
    with pytest.raises(ConfigurationError, match="but the Interface has no output"):
        gr.Interface(lambda text: None, "textbox", None, interpretation=method)
    # A function computes its own scores, so any output goes.
    assert callable(gr.Interface(lambda t: t, "textbox", outputs, interpretation=lambda t: [[]]).interpretation)


def test_no_method_and_too_few_inputs():
    with pytest.raises(ValueError, match="No interpretation method specified"):
        gr.Interface(len, "textbox", "number").interpret(["a"])
    with pytest.raises(TypeError, match="takes 2 input"):
        gr.Interface(lambda a, b: 1, ["textbox", "textbox"], "number", interpretation="default").interpret(["a"])


def test_interpret_parameters_are_checked():
    with pytest.raises(ValueError, match="segments must be a positive int, got 0"):
        set_interpret_parameters(gr.Image(), segments=0)
    with pytest.raises(TypeError, match="unknown parameter 'segment'; it takes: segments"):
        set_interpret_parameters(gr.Image(), segment=4)
    with pytest.raises(ValueError, match="delta_type must be 'percent' or 'absolute'"):
        set_interpret_parameters(gr.Number(), 3, 1, "relative")
    with pytest.raises(ValueError, match="JSON does not support interpretation"):
        set_interpret_parameters(gr.JSON())
    box = set_interpret_parameters(gr.Textbox(), ",", "[MASK]")
    assert box.interpret_params == {"separator": ",", "replacement": "[MASK]"}


def test_components_offer_set_interpret_parameters_as_in_gradio_3():
    """Needs ``Component.set_interpret_parameters`` (delegating to the function above)."""
    box = gr.Textbox().set_interpret_parameters(separator=",")
    assert isinstance(box, gr.Textbox) and box.interpret_params["separator"] == ","
    assert gr.Image().set_interpret_parameters(segments=8).interpret_params == {"segments": 8}


# -- per-component behaviour --------------------------------------------------------------------


def test_textbox_separator_and_replacement():
    box = set_interpret_parameters(gr.Textbox(), separator=",", replacement="?")
    seen = []
    io = gr.Interface(lambda t: seen.append(t) or len(t), box, "number", interpretation="default")
    pairs = io.interpret(["a,bb,ccc"])[0]["interpretation"]
    assert seen[1:] == ["?,bb,ccc", "a,?,ccc", "a,bb,?"]
    assert pairs == [("a", 0.0), (",", 0), ("bb", 1.0), (",", 0), ("ccc", 2.0), (",", 0)]


def test_missing_top_class_counts_as_zero():
    def fn(text):
        return {"spam": 0.8, "ham": 0.2} if "win" in text else {"ham": 1.0}

    pairs = gr.Interface(fn, "textbox", "label", interpretation="default").interpret(["win cash"])[0]["interpretation"]
    assert pairs[0] == ("win", pytest.approx(0.8)) and pairs[2] == ("cash", 0.0)


def test_dropdown_is_interpretable_again():
    def fn(choice):
        return {"a": 1.0, "b": 3.0, "c": 6.0}[choice] if isinstance(choice, str) else float(len(choice))

    single = gr.Interface(fn, gr.Dropdown(["a", "b", "c"]), "number", interpretation="default")
    assert single.interpret(["b"])[0]["interpretation"] == [-2.0, None, 3.0]
    multi = gr.Interface(fn, gr.Dropdown(["a", "b", "c"], multiselect=True, max_choices=2), "number", interpretation="default")
    # adding "c" to ["a", "b"] would exceed max_choices: not run, shown as None
    assert multi.interpret([["a", "b"]])[0]["interpretation"] == [[-1.0, None], [-1.0, None], [None, None]]


def test_number_neighbours_outside_the_range_are_left_out():
    number = set_interpret_parameters(gr.Number(maximum=10), delta=1, delta_type="absolute")
    pairs = gr.Interface(lambda x: x * 2, number, "number", interpretation="default").interpret([9])[0]["interpretation"]
    assert [value for value, _ in pairs] == [6, 7, 8, 9, 10]
    assert pairs[3] == (9, None) and pairs[-1] == (10, 2.0)


def test_image_scores_keep_their_sign():
    image = np.zeros((40, 60, 3), np.uint8)
    image[:, :30] = (240, 20, 20)
    image[:, 30:] = (20, 20, 240)
    io = gr.Interface(redness, "image", "label", interpretation="default")
    heat = np.array(io.interpret([image])[0]["interpretation"])
    assert heat.shape == (40, 60) and heat.max() == pytest.approx(1.0)
    # red pixels support "red"; painting a blue area with the mean colour adds red: negative
    assert heat[:, :25].mean() > 0 > heat[:, 35:].mean()


def test_image_heat_maps_keep_heat_decimals():
    heat = np.array(gr.Interface(redness, "image", "label", interpretation="default").interpret([red_left_image()])[0]["interpretation"])
    assert len(np.unique(heat)) > 3 and np.array_equal(heat, heat.round(HEAT_DECIMALS))
    assert np.abs(heat).max() == 1.0  # the strongest superpixel stays exactly 1 (or -1)


def test_image_types_and_modes_give_the_same_map():
    image = red_left_image()
    reference = gr.Interface(redness, "image", "label", interpretation="default").interpret([image])
    as_pil = gr.Interface(lambda im: redness(np.asarray(im)), gr.Image(type="pil"), "label", interpretation="default")
    assert as_pil.interpret([image])[0]["interpretation"] == reference[0]["interpretation"]
    rgba = np.dstack([image, np.full(image.shape[:2], 255, np.uint8)])
    assert gr.Interface(redness, "image", "label", interpretation="default").interpret([rgba])[0]["interpretation"] == \
        reference[0]["interpretation"]
    gray = gr.Interface(lambda im: float(np.asarray(im).mean()), gr.Image(image_mode="L"), "number", interpretation="default")
    heat = np.array(gray.interpret([image[:, :, 0]])[0]["interpretation"])
    assert heat.shape == image.shape[:2]


def test_image_segments_and_shape():
    image = set_interpret_parameters(gr.Image(shape=(32, 24)), segments=4)
    io = gr.Interface(redness, image, "label", interpretation="default")
    heat = np.array(io.interpret([red_left_image((90, 120))])[0]["interpretation"])
    assert heat.shape == (24, 32)  # shape is (width, height), the map is rows x columns
    assert 1 < np.unique(heat).size <= 4


def test_audio_leave_one_out_silences_each_segment():
    rate = 4000
    clip = (np.sin(np.arange(2 * rate) / 5) * 10000).astype(np.int16)
    clip[: rate // 2] = 0
    audio = set_interpret_parameters(gr.Audio(), segments=4)
    io = gr.Interface(lambda a: float(np.abs(a[1].astype(float)).mean()), audio, "number", interpretation="default")
    scores = io.interpret([(rate, clip)])[0]["interpretation"]
    assert len(scores) == 4 and scores[0] == 0.0 and all(s > 0 for s in scores[1:])
    stereo = np.stack([clip, clip], axis=1)
    assert io.interpret([(rate, stereo)])[0]["interpretation"] == pytest.approx(scores)


def test_label_outputs_given_as_wire_values_and_nan():
    def fn(text):
        confidence = 0.9 if "good" in text else float("nan")
        return {"label": "pos", "confidences": [{"label": "pos", "confidence": confidence}]}

    pairs = gr.Interface(fn, "textbox", "label", interpretation="default").interpret(["good day"])[0]["interpretation"]
    assert pairs[0] == ("good", pytest.approx(0.9)) and pairs[2] == ("day", 0.0)
    assert not any(isinstance(s, float) and math.isnan(s) for _, s in pairs)


def test_importing_the_engine_does_not_import_numpy():
    code = "import sys, pyinterface, pyinterface.interpretation; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
