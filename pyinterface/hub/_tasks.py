"""The pipeline table: for each Hub task, its components, its request and its answer.

One row per task (Gradio 3's ``external.py`` table, brought up to today's endpoints and
extended with object detection, image segmentation and chat models). A row says:

* ``inputs`` / ``outputs``: the components of the Interface ``load()`` builds;
* ``request(info, *values) -> Payload``: what to POST to ``{inference}/models/{id}{route}``;
* ``parse(response, info, *values)``: the answer -> what fn returns (one value per output).

Request shapes and answer shapes are the recorded ones (hub-wire-protocols.md §2).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..components import Audio, Checkbox, Dataframe, HighlightedText, Image, Label, Textbox
from . import _media, _normalise

if TYPE_CHECKING:
    from ..components.base import Component
    from ._transport import Response

__all__ = ["CHAT_TASK", "TASKS", "ModelInfo", "Payload", "Task", "supported_tasks"]

CHAT_TASK = "conversational"


@dataclass(frozen=True)
class ModelInfo:
    """The fields of ``GET {hub}/api/models/{id}`` that building an Interface needs."""

    id: str
    pipeline_tag: str | None = None
    tags: tuple[str, ...] = ()
    mask_token: str | None = None
    widget_data: tuple[dict[str, Any], ...] = ()
    #: ``inferenceProviderMapping["hf-inference"]`` (``{"status", "task", ...}``) or None when absent.
    hf_inference: dict[str, Any] | None = None
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Payload:
    route: str = ""  # appended to {inference}/models/{id}
    json: Any = None
    data: bytes | None = None
    content_type: str | None = None
    accept: str | None = None


@dataclass(frozen=True)
class Task:
    name: str
    inputs: Callable[[ModelInfo], list[Component]]
    outputs: Callable[[ModelInfo], list[Component]]
    request: Callable[..., Payload]
    parse: Callable[..., Any]
    examples: Callable[[ModelInfo], list[Any] | None] = field(default=lambda info: None)


# -- shared pieces ------------------------------------------------------------------------------


def _text_in(label: str = "Input") -> Callable[[ModelInfo], list[Component]]:
    return lambda info: [Textbox(label=label)]


def _one(factory: Callable[[], Component]) -> Callable[[ModelInfo], list[Component]]:
    return lambda info: [factory()]


def _json_inputs(info: ModelInfo, text: str) -> Payload:
    return Payload(json={"inputs": text})


def _binary(read: Callable[[Any], tuple[bytes, str]]) -> Callable[..., Payload]:
    def request(info: ModelInfo, value: Any) -> Payload:
        if value is None:
            raise ValueError("no file was given: upload or record one first")
        data, mime = read(value)
        return Payload(data=data, content_type=mime)

    return request


def _text_examples(info: ModelInfo) -> list[Any] | None:
    texts = [w["text"] for w in info.widget_data if isinstance(w.get("text"), str)]
    return texts or None


def _field(key: str) -> Callable[..., str]:
    return lambda response, info, *values: _normalise.field_text(response.json(), key)


def _labels(response: Response, info: ModelInfo, *values: Any) -> dict[str, float]:
    return _normalise.label_scores(response.json())


# -- task-specific pieces -----------------------------------------------------------------------


def _fill_mask_request(info: ModelInfo, text: str) -> Payload:
    if info.mask_token and info.mask_token not in (text or ""):
        raise ValueError(f"the text must contain the model's mask token {info.mask_token} where a word is missing, "
                         f"e.g. 'Paris is the {info.mask_token} of France.'")
    return Payload(json={"inputs": text})


def _fill_mask_parse(response: Response, info: ModelInfo, text: str) -> dict[str, float]:
    items = response.json()
    if isinstance(items, list) and items and isinstance(items[0], list):
        items = items[0]  # several masks: the first one's candidates
    return _normalise.label_scores(items, key="token_str")


def _qa_request(info: ModelInfo, context: str, question: str) -> Payload:
    return Payload(json={"inputs": {"question": question, "context": context}})


def _qa_examples(info: ModelInfo) -> list[Any] | None:
    rows = [[w["context"], w["text"]] for w in info.widget_data if isinstance(w.get("context"), str)
            and isinstance(w.get("text"), str)]
    return rows or None


def _candidate_labels(labels: str) -> list[str]:
    return [label.strip() for label in (labels or "").split(",") if label.strip()]


def _zero_shot_request(info: ModelInfo, text: str, labels: str, multi_label: bool) -> Payload:
    candidates = _candidate_labels(labels)
    if not candidates:
        raise ValueError("give at least one possible class name, separated by commas, e.g. 'sports, politics'")
    return Payload(json={"inputs": text, "parameters": {"candidate_labels": candidates, "multi_label": bool(multi_label)}})


def _sentences(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _similarity_request(info: ModelInfo, source: str, sentences: str) -> Payload:
    lines = _sentences(sentences)
    if not lines:
        raise ValueError("give at least one sentence to compare to, one per line")
    return Payload(route="/pipeline/sentence-similarity",
                   json={"inputs": {"source_sentence": source, "sentences": lines}})


def _similarity_parse(response: Response, info: ModelInfo, source: str, sentences: str) -> dict[str, float]:
    return _normalise.similarity_scores(response.json(), _sentences(sentences))


def _detections_parse(response: Response, info: ModelInfo, image: Any) -> tuple[Any, dict[str, float]]:
    items = response.json()
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("box"), dict) for i in items):
        raise ValueError(f"expected a list of {{label, score, box}} detections, got {str(items)[:200]}")
    data, _ = _media.image_bytes(image)
    return _media.draw_detections(data, items), (_normalise.label_scores(items) if items else {})


def _segments_parse(response: Response, info: ModelInfo, image: Any) -> tuple[Any, dict[str, float]]:
    items = response.json()
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("mask"), str) for i in items):
        raise ValueError(f"expected a list of {{label, mask, score}} segments, got {str(items)[:200]}")
    data, _ = _media.image_bytes(image)
    scores = {str(i["label"]): float(i["score"]) if isinstance(i.get("score"), (int, float)) else 1.0 for i in items}
    return _media.overlay_segments(data, items), scores


def _question_about_image(info: ModelInfo, image: Any, question: str) -> Payload:
    data, _ = _media.image_bytes(image)
    return Payload(json={"inputs": {"image": base64.b64encode(data).decode("ascii"), "question": question}})


def _answers(response: Response, info: ModelInfo, *values: Any) -> dict[str, float]:
    return _normalise.label_scores(response.json(), key="answer")


def _chat_request(info: ModelInfo, message: str) -> Payload:
    return Payload(route="/v1/chat/completions",
                   json={"model": info.id, "messages": [{"role": "user", "content": message}], "stream": False})


def _binary_answer(kind: str) -> Callable[..., str]:
    return lambda response, info, *values: _media.answer_as_data_url(response.body, response.content_type, kind)


_TEXT_TO_TEXT = dict(inputs=_text_in(), request=_json_inputs, examples=_text_examples)

# -- the table --------------------------------------------------------------------------------

TASKS: dict[str, Task] = {
    task.name: task
    for task in [
        Task("text-classification", outputs=_one(lambda: Label(label="Classification")), parse=_labels,
             **_TEXT_TO_TEXT),
        Task("token-classification", outputs=_one(lambda: HighlightedText(label="Output")),
             parse=lambda response, info, text: _normalise.entity_spans(text, response.json()), **_TEXT_TO_TEXT),
        Task("text-generation", outputs=_one(lambda: Textbox(label="Output")), parse=_field("generated_text"),
             **_TEXT_TO_TEXT),
        Task("text2text-generation", outputs=_one(lambda: Textbox(label="Generated Text")),
             parse=_field("generated_text"), **_TEXT_TO_TEXT),
        Task("summarization", outputs=_one(lambda: Textbox(label="Summary")), parse=_field("summary_text"),
             **_TEXT_TO_TEXT),
        Task("translation", outputs=_one(lambda: Textbox(label="Translation")), parse=_field("translation_text"),
             **_TEXT_TO_TEXT),
        Task("fill-mask", inputs=lambda info: [Textbox(label="Input", placeholder=(
                 f"A sentence with {info.mask_token} where a word is missing" if info.mask_token else None))],
             outputs=_one(lambda: Label(label="Classification")), request=_fill_mask_request, parse=_fill_mask_parse,
             examples=_text_examples),
        Task("question-answering",
             inputs=lambda info: [Textbox(lines=7, label="Context"), Textbox(label="Question")],
             outputs=lambda info: [Textbox(label="Answer"), Label(label="Score")], request=_qa_request,
             parse=lambda response, info, *values: _normalise.qa_answer(response.json()), examples=_qa_examples),
        Task("zero-shot-classification",
             inputs=lambda info: [Textbox(label="Input"), Textbox(label="Possible class names (comma-separated)"),
                                  Checkbox(label="Allow multiple true classes")],
             outputs=_one(lambda: Label(label="Classification")), request=_zero_shot_request,
             parse=lambda response, info, *values: _normalise.zero_shot_scores(response.json())),
        Task("sentence-similarity",
             inputs=lambda info: [Textbox(value="That is a happy person", label="Source Sentence"),
                                  Textbox(lines=7, placeholder="Separate each sentence by a newline",
                                          label="Sentences to compare to")],
             outputs=_one(lambda: Label(label="Classification")), request=_similarity_request,
             parse=_similarity_parse),
        Task("feature-extraction", inputs=_text_in(), outputs=_one(lambda: Dataframe(label="Output", type="array")),
             request=lambda info, text: Payload(route="/pipeline/feature-extraction", json={"inputs": text}),
             parse=lambda response, info, text: _normalise.embedding_rows(response.json()), examples=_text_examples),
        Task("image-classification", inputs=_one(lambda: Image(type="filepath", label="Input Image")),
             outputs=_one(lambda: Label(label="Classification")), request=_binary(_media.image_bytes), parse=_labels),
        Task("object-detection", inputs=_one(lambda: Image(type="filepath", label="Input Image")),
             outputs=lambda info: [Image(label="Detections"), Label(label="Objects")],
             request=_binary(_media.image_bytes), parse=_detections_parse),
        Task("image-segmentation", inputs=_one(lambda: Image(type="filepath", label="Input Image")),
             outputs=lambda info: [Image(label="Segments"), Label(label="Segment scores")],
             request=_binary(_media.image_bytes), parse=_segments_parse),
        Task("image-to-text", inputs=_one(lambda: Image(type="filepath", label="Input Image")),
             outputs=_one(lambda: Textbox(label="Generated Text")), request=_binary(_media.image_bytes),
             parse=_field("generated_text")),
        Task("visual-question-answering",
             inputs=lambda info: [Image(type="filepath", label="Input Image"), Textbox(label="Question")],
             outputs=_one(lambda: Label(label="Label")), request=_question_about_image, parse=_answers),
        Task("document-question-answering",
             inputs=lambda info: [Image(type="filepath", label="Input Document"), Textbox(label="Question")],
             outputs=_one(lambda: Label(label="Label")), request=_question_about_image, parse=_answers),
        Task("text-to-image", inputs=_text_in(), outputs=_one(lambda: Image(label="Output")),
             request=lambda info, text: Payload(json={"inputs": text}, accept="image/png"),
             parse=_binary_answer("image"), examples=_text_examples),
        Task("automatic-speech-recognition", inputs=_one(lambda: Audio(type="filepath", label="Input")),
             outputs=_one(lambda: Textbox(label="Output")), request=_binary(_media.audio_bytes),
             parse=_field("text")),
        Task("audio-classification", inputs=_one(lambda: Audio(type="filepath", label="Input")),
             outputs=_one(lambda: Label(label="Class")), request=_binary(_media.audio_bytes), parse=_labels),
        Task("text-to-speech", inputs=_text_in(), outputs=_one(lambda: Audio(label="Audio")),
             request=lambda info, text: Payload(json={"inputs": text}, accept="audio/wav"),
             parse=_binary_answer("audio"), examples=_text_examples),
        Task(CHAT_TASK, inputs=_text_in("Message"), outputs=_one(lambda: Textbox(label="Response")),
             request=_chat_request, parse=lambda response, info, text: _normalise.chat_content(response.json()),
             examples=_text_examples),
    ]
}
TASKS["text-to-audio"] = TASKS["text-to-speech"]


def supported_tasks() -> list[str]:
    return sorted(TASKS)
