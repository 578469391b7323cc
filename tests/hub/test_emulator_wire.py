"""The emulator speaks the real wire format: Hugging Face's own client parses every answer.

``huggingface_hub.InferenceClient`` is pointed at the emulator with URL models (it POSTs to
such URLs verbatim; reference §6.3) and ``HfApi(endpoint=...)`` reads its model and Space
info. If the emulator drifted from the recorded shapes, these typed parsers would fail.
"""

from __future__ import annotations

import io
import math
import urllib.request
import wave

import pytest
from huggingface_hub import HfApi, InferenceClient
from huggingface_hub.errors import HfHubHTTPError
from PIL import Image

from tests.hub_emulator import VALID_TOKEN, Reply, continuation, translate


@pytest.fixture()
def client(hub):
    def for_model(model_id: str) -> InferenceClient:
        return InferenceClient(model=f"{hub.inference_url}/models/{model_id}")

    return for_model


def png(colour=(220, 30, 30), size=(8, 6), square=None) -> bytes:
    image = Image.new("RGB", size, colour)
    if square:
        image.paste(square, (2, 2, 5, 4))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def wav(frequency=440.0, seconds=0.5, rate=16000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(
            int(12000 * math.sin(2 * math.pi * frequency * n / rate)).to_bytes(2, "little", signed=True)
            for n in range(int(rate * seconds))))
    return buffer.getvalue()


def test_text_tasks_parse(client):
    assert client("gpt2").text_generation("Hello", max_new_tokens=5) == f"Hello {continuation('gpt2', 'Hello', 5)}"
    top = client("emulator/sentiment").text_classification("I love it")[0]
    assert (top.label, top.score > 0.5) == ("POSITIVE", True)
    entities = client("emulator/ner").token_classification("My name is Sarah and I live in London")
    assert [(e.entity_group, e.word, e.start, e.end) for e in entities] == [("PER", "Sarah", 11, 16), ("LOC", "London", 31, 37)]
    assert client("google-t5/t5-small").translation("Hello world").translation_text == translate("Hello world")
    assert client("emulator/bart-cnn").summarization("Short one. Another.").summary_text == "Short one."
    masks = client("google-bert/bert-base-uncased").fill_mask("Paris is the [MASK] of France.")
    assert len(masks) == 5 and all(m.sequence.startswith("Paris is the ") for m in masks)
    answer = client("emulator/squad").question_answering(question="Who?", context="I met Alice today")
    assert (answer.answer, answer.start, answer.end) == ("Alice", 6, 11)
    labels = client("emulator/nli").zero_shot_classification("I want a refund", ["refund", "faq"])
    assert labels[0].label == "refund"
    assert client("emulator/minilm").sentence_similarity("a b", ["a b", "c d"]) == [1.0, 0.0]
    vector = client("emulator/minilm-features").feature_extraction("hello")
    assert vector.shape == (8,)


def test_media_tasks_parse(client):
    assert client("emulator/vit").image_classification(png())[0].label == "red"
    (found,) = client("emulator/detr").object_detection(png(colour=(255, 255, 255), square=(30, 60, 220)))
    assert (found.label, found.box.xmin, found.box.ymin, found.box.xmax, found.box.ymax) == ("blue", 2, 2, 4, 3)
    segments = client("emulator/segformer").image_segmentation(png(colour=(255, 255, 255), square=(0, 0, 0)))
    assert [s.label for s in segments] == ["foreground", "background"]
    assert segments[0].mask.size == (8, 6)  # the client decodes the base64 PNG mask
    assert client("emulator/blip").image_to_text(png()).generated_text == "a 8 by 6 picture that is mostly red"
    assert client("emulator/vilt").visual_question_answering(png(), "colour?")[0].answer == "red"
    assert client("emulator/layoutlm").document_question_answering(png(), "colour?")[0].answer == "red"
    picture = client("emulator/sd").text_to_image("a fox")
    assert picture.size == (64, 48)
    assert client("emulator/whisper").automatic_speech_recognition(wav()).text == "a 440 hertz tone lasting 0.5 seconds"
    assert client("emulator/ast").audio_classification(wav())[0].label == "tone"
    speech = client("emulator/tts").text_to_speech("hello")
    assert speech[:4] == b"fLaC"  # the default answer without Accept: audio/wav, as recorded


def test_chat_completion_parses(client):
    reply = client("emulator/chat").chat_completion([{"role": "user", "content": "Hi"}], max_tokens=5)
    assert reply.choices[0].message.content.startswith("You said: Hi.")
    assert reply.choices[0].finish_reason == "stop"


def test_hub_api_reads_model_and_space_info(hub):
    api = HfApi(endpoint=hub.url)
    info = api.model_info("gpt2", expand=["pipeline_tag", "inferenceProviderMapping"])
    assert info.pipeline_tag == "text-generation"
    assert info.inference_provider_mapping[0].provider == "hf-inference"
    assert info.inference_provider_mapping[0].status == "live"
    assert api.model_info("t5-small").id == "google-t5/t5-small"  # the 307 is followed
    hub.add_space("owner/demo", "http://127.0.0.1:1")
    assert api.space_info("owner/demo").host == "http://127.0.0.1:1"


def test_errors_carry_the_recorded_bodies(hub, client):
    hub.script("gpt2", Reply(503, {"error": "Model gpt2 is currently loading", "estimated_time": 20.0}))
    with pytest.raises(HfHubHTTPError, match="currently loading"):
        client("gpt2").text_generation("Hi")
    with pytest.raises(HfHubHTTPError, match="Invalid username or password"):
        client("emulator/private").text_classification("Hi")
    allowed = InferenceClient(model=f"{hub.inference_url}/models/emulator/private", token=VALID_TOKEN)
    assert allowed.text_classification("I love it")[0].label == "POSITIVE"


def test_cors_headers_and_preflight(hub):
    preflight = urllib.request.Request(f"{hub.inference_url}/models/gpt2", method="OPTIONS", headers={
        "Origin": "http://localhost:8000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    with urllib.request.urlopen(preflight) as answer:
        assert answer.status == 204
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert answer.headers["Access-Control-Allow-Headers"] == "authorization,content-type"
        assert "POST" in answer.headers["Access-Control-Allow-Methods"]
        assert answer.headers["Access-Control-Max-Age"] is None  # none recorded: every call is preflighted
    hub_api = urllib.request.Request(f"{hub.url}/api/models/gpt2", headers={"Origin": "http://localhost:8000"})
    with urllib.request.urlopen(hub_api) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] == "http://localhost:8000"  # reflected
        assert "X-Error-Message" in answer.headers["Access-Control-Expose-Headers"]
    call = urllib.request.Request(f"{hub.inference_url}/models/gpt2", data=b'{"inputs": "x"}',
                                  headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(call) as answer:
        assert answer.headers["x-compute-type"] == "cpu"
        assert answer.headers["Access-Control-Expose-Headers"] == "x-compute-type, x-compute-time"
