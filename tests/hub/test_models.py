"""``gr.load`` of models against the loopback Hub emulator: every task, end to end.

Each test loads a model by id (``GET /api/models/{id}`` on the emulator), checks the
components the pipeline table chose, calls the Interface (``POST /hf-inference/models/...``)
and compares the result with what the emulator's deterministic model computes.
"""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest

import pyinterface as gr
from tests.hub_emulator import continuation, translate
from pyinterface.components import Audio, Checkbox, Dataframe, HighlightedText, Image, Label, Textbox
from pyinterface.hub import UnsupportedPipelineError, load, supported_tasks


def kinds(components):
    return [type(c) for c in components]


def last_request(hub, part):
    found = [r for r in hub.logged(part) if r.method == "POST"]
    assert found, f"no POST to {part} in {[r.path for r in hub.requests]}"
    return found[-1]


def tone(frequency=440, seconds=0.5, rate=16000):
    t = np.arange(int(rate * seconds)) / rate
    return rate, (np.sin(2 * np.pi * frequency * t) * 12000).astype(np.int16)


def picture(background=(255, 255, 255), square=None, size=(6, 8)):
    image = np.zeros((*size, 3), np.uint8)
    image[:] = background
    if square:
        image[2:4, 3:6] = square
    return image


# -- text tasks --------------------------------------------------------------------------------------


def test_text_generation_continues_the_prompt(hub):
    io = load("huggingface/gpt2")
    assert kinds(io.input_components) == [Textbox] and kinds(io.output_components) == [Textbox]
    assert (io.title, io.__name__) == ("gpt2", "gpt2")
    prompt = "It was the best of times"
    assert io(prompt) == f"{prompt} {continuation('gpt2', prompt)}"
    request = last_request(hub, "/hf-inference/models/gpt2")
    assert json.loads(request.body) == {"inputs": prompt}
    assert request.headers["content-type"] == "application/json"
    assert "authorization" not in request.headers  # no token configured: none sent


def test_renamed_model_follows_the_redirect_and_calls_the_new_id(hub):
    io = load("models/t5-small")
    assert io.fn.task == "translation" and io.fn.model_info.id == "google-t5/t5-small"
    assert io("My name is Sarah and I live in London") == "Mein Name ist Sarah und ich lebe in London"
    assert [r.path.split("?")[0] for r in hub.requests if r.method == "GET"] == [
        "/api/models/t5-small", "/api/models/google-t5/t5-small"]
    last_request(hub, "/hf-inference/models/google-t5/t5-small")


def test_model_info_request_asks_for_the_expands(hub):
    load("huggingface/gpt2")
    query = hub.logged("/api/models/gpt2")[0].path.split("?", 1)[1]
    for expand in ("pipeline_tag", "tags", "inferenceProviderMapping", "mask_token", "widgetData"):
        assert f"expand%5B%5D={expand}" in query


def test_text_classification_gives_a_label_and_widget_examples(hub):
    io = load("models/emulator/sentiment")
    assert kinds(io.output_components) == [Label]
    assert io.example_rows == [["I love this movie"]]
    result = io("I love this wonderful movie")
    assert result["label"] == "POSITIVE"
    assert [c["label"] for c in result["confidences"]] == ["POSITIVE", "NEGATIVE"]
    assert result["confidences"][0]["confidence"] > 0.9


def test_token_classification_highlights_entities(hub):
    io = load("models/emulator/ner")
    assert kinds(io.output_components) == [HighlightedText]
    assert io("My name is Sarah and I live in London") == [
        ["My name is ", None], ["Sarah", "PER"], [" and I live in ", None], ["London", "LOC"]]
    assert io("nothing to see") == [["nothing to see", None]]


@pytest.mark.parametrize(
    ("model", "label", "text", "expected"),
    [
        ("emulator/flan", "Generated Text", "one two three", "three two one"),
        ("emulator/bart-cnn", "Summary", "The first sentence stays. The second goes.", "The first sentence stays."),
        ("t5-small", "Translation", "Hello world", translate("Hello world")),
    ],
)
def test_text_to_text_tasks(hub, model, label, text, expected):
    io = load(f"huggingface/{model}")
    assert [c.label for c in io.output_components] == [label]
    assert io(text) == expected


def test_fill_mask_needs_the_mask_token(hub):
    io = load("models/bert-base-uncased")
    assert "[MASK]" in io.input_components[0].placeholder
    result = io("Paris is the [MASK] of France.")
    assert len(result["confidences"]) == 5
    assert result["label"] in {"capital", "heart", "center", "city", "pride"}
    before = len(hub.requests)
    with pytest.raises(gr.Error, match=r"mask token \[MASK\]"):
        io("Paris is the capital of France.")
    assert len(hub.requests) == before  # refused before sending


def test_question_answering(hub):
    io = load("models/emulator/squad")
    assert kinds(io.input_components) == [Textbox, Textbox] and kinds(io.output_components) == [Textbox, Label]
    assert [c.label for c in io.input_components] == ["Context", "Question"]
    assert io.example_rows == [["My name is Wolfgang and I live in Berlin", "Where do I live?"]]
    answer, score = io("My name is Wolfgang and I live in Berlin", "Where do I live?")
    assert answer == "Wolfgang"
    assert score == {"label": "Wolfgang", "confidences": [{"label": "Wolfgang", "confidence": 0.9731}]}
    assert json.loads(last_request(hub, "squad").body) == {
        "inputs": {"question": "Where do I live?", "context": "My name is Wolfgang and I live in Berlin"}}


@pytest.mark.parametrize("model", ["emulator/nli", "emulator/nli-legacy"])
def test_zero_shot_accepts_both_answer_forms(hub, model):
    io = load(f"models/{model}")
    assert kinds(io.input_components) == [Textbox, Textbox, Checkbox]
    result = io("I want a refund of my money", "refund, faq, sports", False)
    assert result["label"] == "refund"
    assert sorted(c["label"] for c in result["confidences"]) == ["faq", "refund", "sports"]
    body = json.loads(last_request(hub, model).body)
    assert body["parameters"] == {"candidate_labels": ["refund", "faq", "sports"], "multi_label": False}
    with pytest.raises(gr.Error, match="at least one possible class name"):
        io("text", " , ", False)


def test_sentence_similarity_uses_the_pipeline_route(hub):
    io = load("models/emulator/minilm")
    result = io("That is a happy person", "That is a happy dog\n\nToday is a sunny day")
    assert {c["label"]: c["confidence"] for c in result["confidences"]} == {
        "That is a happy dog": 0.6667, "Today is a sunny day": 0.25}
    request = last_request(hub, "/pipeline/sentence-similarity")
    assert json.loads(request.body)["inputs"]["sentences"] == ["That is a happy dog", "Today is a sunny day"]


@pytest.mark.parametrize(("model", "rows"), [("emulator/minilm-features", 1), ("emulator/bart-base", 5)])
def test_feature_extraction_rows_for_any_depth(hub, model, rows):
    io = load(f"models/{model}")
    assert kinds(io.output_components) == [Dataframe]
    table = io("one two three")
    assert len(table) == rows and all(len(row) == 8 for row in table)
    assert all(isinstance(x, float) for row in table for x in row)
    last_request(hub, f"{model}/pipeline/feature-extraction")


def test_chat_model_goes_to_chat_completions(hub):
    io = load("models/emulator/chat")
    assert io.fn.task == "conversational"
    reply = io("Hello there")
    assert reply.startswith("You said: Hello there.")
    request = last_request(hub, "/hf-inference/models/emulator/chat/v1/chat/completions")
    assert json.loads(request.body) == {"model": "emulator/chat", "messages": [{"role": "user", "content": "Hello there"}],
                                        "stream": False}


# -- image and audio tasks ---------------------------------------------------------------------------


def test_image_classification_sends_the_png_bytes(hub):
    io = load("models/emulator/vit")
    assert kinds(io.input_components) == [Image] and kinds(io.output_components) == [Label]
    assert io(picture(background=(220, 30, 30)))["label"] == "red"
    request = last_request(hub, "emulator/vit")
    assert request.headers["content-type"] == "image/png" and request.body.startswith(b"\x89PNG")
    webcam = load("models/emulator/vit", inputs="webcam")  # fn then gets a numpy array, not a path
    assert webcam(picture(background=(30, 60, 220)))["label"] == "blue"


def test_object_detection_draws_boxes_and_labels_them(hub):
    io = load("models/emulator/detr")
    assert kinds(io.output_components) == [Image, Label]
    drawn, objects = io(picture(square=(30, 60, 220), size=(20, 30)))
    assert objects["label"] == "blue"
    assert drawn.shape == (20, 30, 3)
    assert tuple(drawn[2, 3]) != (30, 60, 220)  # the box outline is drawn over the square's corner


def test_image_segmentation_tints_each_segment(hub):
    io = load("models/emulator/segformer")
    overlay, scores = io(picture(square=(0, 0, 0)))
    assert {c["label"] for c in scores["confidences"]} == {"foreground", "background"}
    assert overlay.shape == (6, 8, 3)
    assert tuple(overlay[0, 0]) != (255, 255, 255)  # background tinted


def test_image_to_text(hub):
    assert load("models/emulator/blip")(picture()) == "a 8 by 6 picture that is mostly white"


@pytest.mark.parametrize("model", ["emulator/vilt", "emulator/layoutlm"])
def test_questions_about_images(hub, model):
    io = load(f"models/{model}")
    assert kinds(io.input_components) == [Image, Textbox]
    assert io(picture(background=(30, 180, 60)), "What colour?")["label"] == "green"
    assert set(json.loads(last_request(hub, model).body)["inputs"]) == {"image", "question"}


def test_text_to_image_decodes_the_jpeg_answer(hub):
    io = load("models/emulator/sd")
    image = io("a red fox")
    assert image.shape == (48, 64, 3)
    assert last_request(hub, "emulator/sd").headers["accept"] == "image/png"


def test_speech_recognition_sends_wav(hub):
    io = load("models/emulator/whisper")
    assert kinds(io.input_components) == [Audio] and kinds(io.output_components) == [Textbox]
    assert io(tone(440, 0.5)) == "a 440 hertz tone lasting 0.5 seconds"
    request = last_request(hub, "emulator/whisper")
    assert request.headers["content-type"] == "audio/wav" and request.body[:4] == b"RIFF"


def test_audio_classification(hub):
    assert load("models/emulator/ast")(tone())["label"] == "tone"


def test_text_to_speech_asks_for_wav(hub):
    io = load("models/emulator/tts")
    rate, samples = io("hello")
    assert rate == 16000 and samples.dtype == np.int16 and len(samples) == 4000
    assert last_request(hub, "emulator/tts").headers["accept"] == "audio/wav"


def test_every_reference_task_is_in_the_table():
    reference = {"text-classification", "token-classification", "text-generation", "text2text-generation",
                 "summarization", "translation", "fill-mask", "question-answering", "zero-shot-classification",
                 "sentence-similarity", "feature-extraction", "image-classification", "object-detection",
                 "image-segmentation", "image-to-text", "text-to-image", "automatic-speech-recognition",
                 "audio-classification", "text-to-speech", "conversational"}
    assert reference <= set(supported_tasks())


# -- what load() builds -----------------------------------------------------------------------------


def test_unknown_pipeline_lists_the_supported_ones(hub):
    with pytest.raises(UnsupportedPipelineError) as caught:
        load("models/emulator/tabular")
    message = str(caught.value)
    assert "'tabular-classification'" in message and "text-generation" in message and "zero-shot-classification" in message
    with pytest.raises(UnsupportedPipelineError, match="no pipeline_tag"):
        load("models/emulator/no-tag")


def test_kwargs_override_what_was_loaded(hub):
    io = gr.Interface.load("huggingface/gpt2", title="My title", description="Some *markdown*",
                           inputs=Textbox(lines=3, label="Prompt"), examples=[["Once upon a time"]], alias="gen")
    assert (io.title, io.description, io.__name__) == ("My title", "Some *markdown*", "gen")
    assert io.input_components[0].lines == 3 and io.example_rows == [["Once upon a time"]]
    assert io("Once") == f"Once {continuation('gpt2', 'Once')}"
    overridden = load("models/emulator/sentiment", inputs="textarea")
    assert overridden.example_rows == []  # loaded examples are dropped with new inputs


@pytest.mark.parametrize(
    ("name", "src", "message"),
    [
        ("gpt2", None, "Either `src` parameter must be provided"),
        ("github/gpt2", None, "src must be one of"),
        ("gpt2", "pypi", "src must be one of"),
        ("models/../etc", None, "not a Hugging Face model id"),
        ("spaces/just-a-name", None, "not a Space id"),
    ],
)
def test_bad_names_say_what_is_expected(hub, name, src, message):
    with pytest.raises(ValueError, match=message):
        load(name, src=src)


def test_src_argument_and_case(hub):
    assert load("gpt2", src="huggingface").fn.task == "text-generation"
    assert load("Models/gpt2").fn.task == "text-generation"  # Gradio 3 raised KeyError here


def test_acall_runs_the_same_flow(hub):
    io = load("huggingface/gpt2")
    assert asyncio.run(io.acall("Hi")) == f"Hi {continuation('gpt2', 'Hi')}"
    assert asyncio.run(gr.hub.aload("huggingface/gpt2")).fn.task == "text-generation"
