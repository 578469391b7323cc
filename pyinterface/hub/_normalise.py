"""Inference answers -> the values our output components take (pure functions, no I/O).

The wire is looser than the task specs (reference: hub-wire-protocols.md §2): one item often
comes wrapped in a list, text-classification nests ``[[...]]``, question answering is an
object or a list, zero-shot has a legacy and a spec form, embeddings vary in depth. Each
function accepts every recorded form and raises ``ValueError`` naming what it got otherwise.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "chat_content", "embedding_rows", "entity_spans", "field_text", "label_scores", "qa_answer", "similarity_scores",
    "zero_shot_scores",
]


def _shape(payload: Any, expected: str) -> ValueError:
    shown = json.dumps(payload, default=str)
    if len(shown) > 200:
        shown = shown[:197] + "..."
    return ValueError(f"expected {expected}, got {shown}")


def _unwrap(payload: Any) -> Any:
    """``[x]`` -> ``x`` (repeatedly): servers wrap single answers in lists."""
    while isinstance(payload, list) and len(payload) == 1:
        payload = payload[0]
    return payload


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a score must be a number, got {value!r}")
    return float(value)


def label_scores(payload: Any, key: str = "label") -> dict[str, float]:
    """``[{label, score}, ...]`` (also nested ``[[...]]``) -> ``{label: score}``, best first."""
    items = payload
    while isinstance(items, list) and len(items) == 1 and isinstance(items[0], list):
        items = items[0]
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not all(isinstance(i, dict) and key in i and "score" in i for i in items):
        raise _shape(payload, f"a list of {{{key!r}, 'score'}} objects")
    scores: dict[str, float] = {}
    for item in items:
        name = str(item[key])
        scores[name] = max(scores.get(name, float("-inf")), _number(item["score"]))
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def zero_shot_scores(payload: Any) -> dict[str, float]:
    """Legacy ``{sequence, labels, scores}`` or spec ``[{label, score}]`` -> ``{label: score}``."""
    item = _unwrap(payload)
    if isinstance(item, dict) and "labels" in item and "scores" in item:
        if len(item["labels"]) != len(item["scores"]):
            raise _shape(payload, "as many labels as scores")
        pairs = sorted(zip(map(str, item["labels"]), map(_number, item["scores"])), key=lambda kv: -kv[1])
        return dict(pairs)
    return label_scores(payload)


def field_text(payload: Any, key: str) -> str:
    """``[{key: text}]`` or ``{key: text}`` -> ``text`` (generated_text, summary_text, ...)."""
    item = _unwrap(payload)
    if isinstance(item, list) and item and isinstance(item[0], dict):
        item = item[0]  # several candidates: the first is the best
    if not isinstance(item, dict) or not isinstance(item.get(key), str):
        raise _shape(payload, f"an object with a {key!r} string")
    return item[key]


def entity_spans(text: str, payload: Any) -> list[tuple[str, str | None]]:
    """Token-classification entities -> HighlightedText pairs covering the whole ``text``.

    Gradio 3's ``format_ner_list``: plain runs get ``None``; entities get their group
    (``entity_group`` when aggregated, else ``entity``). Empty plain runs are left out.
    """
    items = payload if isinstance(payload, list) else _shape_fail(payload)
    if len(items) == 1 and isinstance(items[0], list):
        items = items[0]
    spans: list[tuple[int, int, str]] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("start"), int) or not isinstance(item.get("end"), int):
            raise _shape(payload, "a list of {'entity_group' or 'entity', 'start', 'end'} objects")
        label = item.get("entity_group", item.get("entity"))
        if not isinstance(label, str):
            raise _shape(payload, "entities with an 'entity_group' or 'entity' label")
        spans.append((item["start"], item["end"], label))
    result: list[tuple[str, str | None]] = []
    position = 0
    for start, end, label in sorted(spans):
        start = max(start, position)
        if start >= end:
            continue
        if start > position:
            result.append((text[position:start], None))
        result.append((text[start:end], label))
        position = end
    if position < len(text) or not result:
        result.append((text[position:], None))
    return result


def _shape_fail(payload: Any) -> list[Any]:
    raise _shape(payload, "a list")


def qa_answer(payload: Any) -> tuple[str, dict[str, float]]:
    """``{answer, score, start, end}`` (or a list of them, best first) -> (answer, {answer: score})."""
    item = _unwrap(payload)
    if isinstance(item, list) and item:
        item = max(item, key=lambda a: _number(a.get("score", 0)) if isinstance(a, dict) else 0)
    if not isinstance(item, dict) or not isinstance(item.get("answer"), str) or "score" not in item:
        raise _shape(payload, "an object with 'answer' and 'score'")
    return item["answer"], {item["answer"]: _number(item["score"])}


def similarity_scores(payload: Any, sentences: list[str]) -> dict[str, float]:
    """``[score, ...]`` one per sentence -> ``{sentence: score}`` (repeated sentences numbered)."""
    if not isinstance(payload, list) or len(payload) != len(sentences):
        raise _shape(payload, f"a list of {len(sentences)} scores, one per sentence")
    result: dict[str, float] = {}
    for sentence, score in zip(sentences, payload):
        name, n = sentence, 2
        while name in result:
            name, n = f"{sentence} ({n})", n + 1
        result[name] = _number(score)
    return result


def embedding_rows(payload: Any) -> list[list[float]]:
    """An embedding of any recorded depth -> rows of numbers for a Dataframe.

    1-D (one sentence vector) -> one row; 2-D -> as is; 3-D (per-token vectors of one input,
    as plain transformers models return) -> the token rows of that input.
    """
    value = payload
    depth = 0
    probe = value
    while isinstance(probe, list) and probe:
        depth, probe = depth + 1, probe[0]
    if depth == 0 or isinstance(probe, list):
        raise _shape(payload, "a non-empty list of numbers (an embedding)")
    if depth == 1:
        value = [value]
    while depth > 2:
        if len(value) != 1:
            raise _shape(payload, "the embedding of one input")
        value, depth = value[0], depth - 1
    return [[_number(x) for x in row] for row in value]


def chat_content(payload: Any) -> str:
    """An OpenAI ``chat.completion`` -> the first choice's message text."""
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise _shape(payload, "a chat.completion with choices[0].message.content") from None
    if content is None:
        return ""
    if not isinstance(content, str):
        raise _shape(payload, "a text message content")
    return content
