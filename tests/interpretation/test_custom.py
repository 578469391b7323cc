"""A function as ``interpretation=``: called with the preprocessed inputs, it returns one
payload per input, used as is whatever the number of outputs (Gradio 3 wrapped it in a list
only when a single value came in, which broke in its UI: spec §2.6)."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

import pyinterface as gr


def test_custom_text_one_payload_per_input():
    def interpret(text):
        return [[(char, 1) for char in text]]

    io = gr.Interface(lambda text: text, "textbox", "label", interpretation=interpret)
    result = io.interpret(["quickest brown fox"])
    assert result[0]["interpretation"][0] == ("q", 1)
    assert result[0]["original"] == "quickest brown fox"


def test_the_same_result_whatever_the_outputs_and_extra_values():
    def interpret(text):
        return [[(text, 0.5)]]

    one = gr.Interface(lambda t: t, "textbox", "label", interpretation=interpret)
    two = gr.Interface(lambda t: (t, 1), "textbox", ["label", "number"], interpretation=interpret)
    expected = [{"original": "hi", "interpretation": [("hi", 0.5)]}]
    assert one.interpret(["hi"]) == two.interpret(["hi"]) == expected
    assert two.interpret(["hi", {"label": "hi"}, 1]) == expected  # the page also sends the outputs


def test_custom_image_gets_the_preprocessed_array_and_numpy_becomes_lists():
    image = np.arange(5 * 4 * 3, dtype=np.uint8).reshape(5, 4, 3)
    io = gr.Interface(lambda img: img, "image", "image", interpretation=lambda img: [img])
    (result,) = io.interpret([image])
    assert result["interpretation"] == image.tolist()


def test_several_inputs():
    def interpret(a, b):
        return [[(a, 1.0)], (None, 0.5)]

    io = gr.Interface(lambda a, b: {"x": 1.0}, ["textbox", "checkbox"], "label", interpretation=interpret)
    assert [r["interpretation"] for r in io.interpret(["word", False])] == [[("word", 1.0)], (None, 0.5)]


def test_a_result_of_the_wrong_length_says_how_to_fix_it():
    io = gr.Interface(lambda text: text, "textbox", "label", interpretation=lambda text: [(c, 1) for c in text])
    with pytest.raises(ValueError, match=r"one interpretation per input \(1\), but returned 3 item\(s\).*return \[interpretation\]"):
        io.interpret(["abc"])
    io = gr.Interface(lambda text: text, "textbox", "label", interpretation=lambda text: None)
    with pytest.raises(ValueError, match="returned None"):
        io.interpret(["abc"])


def test_async_interpretation_function():
    async def interpret(text):
        await asyncio.sleep(0)
        return [[(text, 1)]]

    io = gr.Interface(lambda text: text, "textbox", "label", interpretation=interpret)
    assert io.interpret(["a"])[0]["interpretation"] == [("a", 1)]
    assert asyncio.run(io.ainterpret(["a"]))[0]["interpretation"] == [("a", 1)]
