"""Structured-value components: Label, HighlightedText and JSON.

Their wire values are plain JSON; :func:`._json._plain` turns what a fn returns (numpy
scalars and arrays, NaN, tuples...) into that, the way Gradio 3's orjson response did.
The table component, Dataframe, lives in :mod:`.table`.
"""

from __future__ import annotations

import json
import math
import numbers
import operator
import os
from pathlib import Path
from typing import Any

from ._json import _plain
from .base import Component

__all__ = ["JSON", "HighlightedText", "Label"]


class Label(Component):
    """The top class of a classifier, with its confidence bars.

    fn returns a dict mapping labels to confidences (the wire value is
    ``{"label": top, "confidences": [{"label", "confidence"}, ...]}``, sorted, cut to
    ``num_top_classes``), or a bare str/number shown as ``{"label": str(value)}``.
    """

    component_type = "label"
    data_kind = "label"

    def __init__(
        self,
        value: Any = None,
        *,
        num_top_classes: int | None = None,
        label: str | None = None,
        color: str | None = None,
        **kwargs: Any,
    ) -> None:
        if num_top_classes is not None and (
            isinstance(num_top_classes, bool) or not isinstance(num_top_classes, int) or num_top_classes < 1
        ):
            raise ValueError(f"Label: num_top_classes must be None or an int >= 1, got {num_top_classes!r}.")
        self.num_top_classes = num_top_classes
        self.color = color
        super().__init__(value, label=label, **kwargs)

    def postprocess(self, y: Any) -> dict[str, Any] | None:
        if y is None or (isinstance(y, dict) and not y):
            return None  # Gradio 3 sends {} here; None is what every other component sends
        if isinstance(y, (str, os.PathLike)) and os.fspath(y).endswith(".json") and Path(y).is_file():
            return self.postprocess(json.loads(Path(y).read_text(encoding="utf-8")))  # as Gradio 3
        if isinstance(y, (str, numbers.Real)):
            return {"label": str(y)}
        if not isinstance(y, dict):
            raise self.invalid(y, "a str or number label, or a dict mapping labels to confidences")
        if set(y) <= {"label", "confidences"} and isinstance(y.get("confidences"), (list, dict)):
            top = y.get("label")
            y = self._confidences_of(y)  # already a Label value (e.g. another Label's output)
            if not y:
                return None if top is None else {"label": str(top)}
        elif set(y) == {"label"} and not isinstance(y["label"], numbers.Real):
            return {"label": str(y["label"])}
        pairs = []
        for key, confidence in y.items():
            if not isinstance(confidence, numbers.Real) or not math.isfinite(confidence):
                raise self.invalid(
                    y, "a dict mapping labels to confidences (numbers)",
                    f"The confidence of {key!r} is {confidence!r}.",
                )
            pairs.append((str(key), float(confidence)))
        # Gradio 3: a stable sort, highest first, then cut to num_top_classes.
        ranked = sorted(pairs, key=operator.itemgetter(1), reverse=True)[: self.num_top_classes]
        return {"label": ranked[0][0], "confidences": [{"label": k, "confidence": c} for k, c in ranked]}

    def _confidences_of(self, y: dict[str, Any]) -> dict[Any, Any]:
        confidences = y["confidences"]
        if isinstance(confidences, dict):
            return confidences
        try:
            return {c["label"]: c["confidence"] for c in confidences}
        except (TypeError, KeyError):
            raise self.invalid(y, "confidences as a list of {'label', 'confidence'} dicts") from None

    def example_payload(self, value: Any) -> Any:
        return self.postprocess(value)  # Gradio 3 stores examples postprocessed

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "num_top_classes": self.num_top_classes, "color": self.color}


class HighlightedText(Component):
    """Text with spans labelled by a category or a score.

    fn returns a list of ``(text, label_or_score_or_None)`` pairs, or a dict
    ``{"text": ..., "entities": [{"entity" or "entity_group", "start", "end"}, ...]}`` (the
    form NER pipelines give). The wire value is a list of ``[text, label]`` pairs.
    ``combine_adjacent`` joins neighbouring pairs of the same label with
    ``adjacent_separator``, as in Gradio 3.50.
    """

    component_type = "highlightedtext"
    data_kind = "highlight"

    def __init__(
        self,
        value: Any = None,
        *,
        color_map: dict[str, str] | None = None,
        show_legend: bool = False,
        combine_adjacent: bool = False,
        adjacent_separator: str = "",
        label: str | None = None,
        **kwargs: Any,
    ) -> None:
        if color_map is not None and not isinstance(color_map, dict):
            raise TypeError(f"HighlightedText: color_map must be a dict of label -> colour, got {color_map!r}.")
        self.color_map = color_map
        self.show_legend = show_legend
        self.combine_adjacent = combine_adjacent
        self.adjacent_separator = adjacent_separator
        super().__init__(value, label=label, **kwargs)

    def postprocess(self, y: Any) -> list[list[Any]] | None:
        if y is None:
            return None
        if isinstance(y, dict):
            y = self._from_entities(y)
        if isinstance(y, (str, bytes)) or not isinstance(y, (list, tuple)):
            raise self.invalid(y, "a list of (text, label) pairs or a {'text', 'entities'} dict")
        pairs = [self._pair(item) for item in y]
        if self.combine_adjacent:
            pairs = self._combine(pairs)
        return [[text, category] for text, category in pairs]

    def _pair(self, item: Any) -> tuple[str, Any]:
        if isinstance(item, (str, bytes)) or not isinstance(item, (list, tuple)) or len(item) != 2:
            raise self.invalid(item, "a (text, label) pair", "Each item of the list is one pair.")
        text, category = item
        if not isinstance(text, (str, numbers.Real)):
            raise self.invalid(item, "a (text, label) pair whose text is a str")
        if category is not None and not isinstance(category, str):
            category = _plain(float(category)) if isinstance(category, numbers.Real) else str(category)
        return str(text), category

    def _from_entities(self, y: dict[str, Any]) -> list[tuple[str, Any]]:
        # Gradio 3.50.2 HighlightedText.postprocess, including its empty leading/trailing spans.
        if "text" not in y or "entities" not in y:
            raise self.invalid(y, "a dict with 'text' and 'entities' keys")
        text, entities = y["text"], y["entities"]
        if not entities:
            return [(text, None)]
        pairs, index = [], 0
        try:
            for entity in sorted(entities, key=lambda e: e["start"]):
                pairs.append((text[index : entity["start"]], None))
                category = entity.get("entity") or entity.get("entity_group")
                pairs.append((text[entity["start"] : entity["end"]], category))
                index = entity["end"]
        except (KeyError, TypeError, AttributeError):
            raise self.invalid(
                y, "entities as dicts with 'start', 'end' and 'entity' (or 'entity_group') keys"
            ) from None
        pairs.append((text[index:], None))
        return pairs

    def _combine(self, pairs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        # Gradio 3.50.2's loop, kept as is: empty texts are dropped unless they open a run.
        output: list[tuple[str, Any]] = []
        running_text: str | None = None
        running_category: Any = None
        for text, category in pairs:
            if running_text is None:
                running_text, running_category = text, category
            elif category == running_category:
                running_text += self.adjacent_separator + text
            elif not text:
                pass
            else:
                output.append((running_text, running_category))
                running_text, running_category = text, category
        if running_text is not None:
            output.append((running_text, running_category))
        return output

    def example_payload(self, value: Any) -> Any:
        return self.postprocess(value)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "color_map": _plain(self.color_map),
            "show_legend": self.show_legend,
            "combine_adjacent": self.combine_adjacent,
            "adjacent_separator": self.adjacent_separator,
        }


class JSON(Component):
    """Any JSON value, shown as a collapsible tree. A str returned by fn is parsed with
    ``json.loads`` (as Gradio 3); numpy values become plain Python."""

    component_type = "json"
    data_kind = "json"

    def __init__(self, value: Any = None, *, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, label=label, **kwargs)

    def postprocess(self, y: Any) -> Any:
        if isinstance(y, str):
            try:
                y = json.loads(y)
            except json.JSONDecodeError as exc:
                raise self.invalid(
                    y, "JSON text (a str is parsed with json.loads), or a dict/list",
                    f"It does not parse: {exc}. Return the Python object instead of a str.",
                ) from None
        return _plain(y)

    def example_payload(self, value: Any) -> Any:
        return self.postprocess(value)
