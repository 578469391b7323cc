"""Structured-value components: Label, HighlightedText, JSON and Dataframe.

Their wire values are plain JSON; :func:`_plain` turns what a fn returns (numpy scalars and
arrays, NaN, tuples...) into that, the way Gradio 3's orjson response did.
"""

from __future__ import annotations

import json
import math
import numbers
import operator
import os
import sys
from pathlib import Path
from typing import Any, Literal

from ._codecs import loaded_isinstance
from .base import Component

__all__ = ["JSON", "Dataframe", "HighlightedText", "Label"]


def _plain(value: Any) -> Any:
    """Any value -> JSON-safe plain Python: numpy scalars/arrays become Python numbers/lists,
    NaN/inf and pandas' NA/NaT become None, tuples and sets lists, dict keys str, and anything
    else ``str(value)`` (Gradio 3 served JSON with orjson and ``default=str``)."""
    if value is None or isinstance(value, str):
        return None if value is None else str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, (np.ndarray, np.generic)):
        return _plain(value.tolist() if isinstance(value, np.ndarray) else value.item())
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return str(value)


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


_DATATYPE_DEFAULTS: dict[str, Any] = {
    "str": "", "number": 0, "bool": False, "date": "01/01/1970", "markdown": "", "html": "",
}
_DATAFRAME_TYPES = ("pandas", "numpy", "array")


class Dataframe(Component):
    """A table. The wire value is ``{"headers": [str, ...], "data": [[cell, ...], ...]}``.

    fn receives a pandas DataFrame (``type="pandas"``, the default), a numpy array
    (``"numpy"``) or a list of rows (``"array"``), and may return any of those, a
    ``{"headers", "data"}`` dict, a pandas Styler (its data; styling is not shown) or a path to
    a CSV file. ``None`` shows ``row_count`` empty rows. ``headers=None`` names columns 1..n.
    ``max_rows``, ``max_cols`` and ``overflow_row_behaviour`` have no effect, as in Gradio 3.50.
    """

    component_type = "dataframe"
    data_kind = "dataframe"

    def __init__(
        self,
        value: Any = None,
        *,
        headers: list[str] | None = None,
        row_count: int | tuple[int, str] = (1, "dynamic"),
        col_count: int | tuple[int, str] | None = None,
        datatype: str | list[str] = "str",
        type: Literal["pandas", "numpy", "array"] = "pandas",
        max_rows: int | None = 20,
        max_cols: int | None = None,
        overflow_row_behaviour: Literal["paginate", "show_ends"] = "paginate",
        latex_delimiters: list[dict[str, Any]] | None = None,
        label: str | None = None,
        height: int = 500,
        wrap: bool = False,
        line_breaks: bool = True,
        column_widths: list[str | int] | None = None,
        **kwargs: Any,
    ) -> None:
        if type not in _DATAFRAME_TYPES:
            raise ValueError(f"Dataframe: type must be one of 'pandas', 'numpy', 'array', got {type!r}.")
        if headers is not None and (isinstance(headers, str) or not isinstance(headers, (list, tuple))):
            raise TypeError(f"Dataframe: headers must be a list of column names, got {headers!r}.")
        self.row_count = self._count("row_count", row_count, 1)
        self.col_count = self._count("col_count", col_count, len(headers) if headers else 3)
        if headers is not None and len(headers) != self.col_count[0]:
            raise ValueError(
                f"Dataframe: headers has {len(headers)} names but col_count is {self.col_count[0]}; "
                "make them agree (col_count defaults to len(headers))."
            )
        self.headers = [str(h) for h in headers] if headers is not None else [
            str(i) for i in range(1, self.col_count[0] + 1)
        ]
        datatypes = [datatype] * self.col_count[0] if isinstance(datatype, str) else list(datatype)
        for kind in datatypes:
            if kind not in _DATATYPE_DEFAULTS:
                allowed = ", ".join(map(repr, _DATATYPE_DEFAULTS))
                raise ValueError(f"Dataframe: datatype must be one of {allowed}, got {kind!r}.")
        self.datatype = datatypes
        self.type = type
        self.empty_input = [[_DATATYPE_DEFAULTS[k] for k in datatypes] for _ in range(self.row_count[0])]
        self.max_rows, self.max_cols, self.overflow_row_behaviour = max_rows, max_cols, overflow_row_behaviour
        self.latex_delimiters = latex_delimiters if latex_delimiters is not None else [
            {"left": "$", "right": "$", "display": False}
        ]
        self.height = height
        self.wrap = wrap
        self.line_breaks = line_breaks
        self.column_widths = [w if isinstance(w, str) else f"{w}px" for w in (column_widths or [])]
        super().__init__(value, label=label, **kwargs)

    @staticmethod
    def _count(name: str, count: Any, default: int) -> tuple[int, str]:
        """Gradio 3: an int means (int, "dynamic"); None means (default, "dynamic")."""
        if count is None:
            return default, "dynamic"
        if isinstance(count, (int, float)) and not isinstance(count, bool):
            return int(count), "dynamic"
        if isinstance(count, (tuple, list)) and len(count) == 2 and count[1] in ("fixed", "dynamic"):
            return int(count[0]), count[1]
        raise ValueError(f"Dataframe: {name} must be an int or (int, 'fixed' | 'dynamic'), got {count!r}.")

    def _table(self, x: dict[str, Any]) -> tuple[list[Any] | None, list[list[Any]]]:
        headers, data = x.get("headers"), x.get("data")
        if not isinstance(data, (list, tuple)) or not all(isinstance(r, (list, tuple)) for r in data):
            raise self.invalid(x, "a {'headers': [...], 'data': [[...], ...]} table whose data is a list of rows")
        if headers is not None and not isinstance(headers, (list, tuple)):
            raise self.invalid(x, "a table whose headers are a list of names")
        return (None if headers is None else list(headers)), [list(r) for r in data]

    def preprocess(self, x: Any) -> Any:
        if x is None:
            return None
        if not isinstance(x, dict):  # a Python caller passing a table directly
            x = self.postprocess(x)
        headers, data = self._table(x)
        try:
            if self.type == "array":
                return data
            if self.type == "numpy":
                import numpy as np

                return np.array(data)
            pd = self._pandas()
            return pd.DataFrame(data) if headers is None else pd.DataFrame(data, columns=headers)
        except ValueError as exc:
            raise self.invalid(x, f"a rectangular table for type={self.type!r}", f"{exc}.") from None

    def _pandas(self) -> Any:
        try:
            import pandas
        except ImportError:
            raise ImportError(f"{self.name}: type='pandas' needs pandas installed; or use type='array'.") from None
        return pandas

    def postprocess(self, y: Any) -> dict[str, Any]:
        if y is None:
            return self.postprocess(self.empty_input)
        if isinstance(y, dict):
            headers, data = self._table(y)
            if headers is None:
                return self._from_rows(data)
            return {"headers": [str(h) for h in headers], "data": _plain(data)}
        if loaded_isinstance(y, "pandas.io.formats.style", "Styler"):
            y = y.data
        if isinstance(y, (str, os.PathLike)):
            try:
                y = self._pandas().read_csv(y)
            except FileNotFoundError:
                raise self.invalid(y, "a path to a CSV file", f"File not found: {os.fspath(y)!r}.") from None
        if loaded_isinstance(y, "pandas", "DataFrame"):
            return {"headers": [str(c) for c in y.columns], "data": _plain(y.to_dict(orient="split")["data"])}
        if loaded_isinstance(y, "numpy", "ndarray"):
            if y.ndim != 2:
                raise self.invalid(y, "a 2-D array (rows x columns)", f"This array has shape {y.shape}.")
            y = y.tolist()
        if isinstance(y, (list, tuple)):
            if not y:
                return self.postprocess([[]])  # Gradio 3: an empty table with no columns
            if not all(isinstance(row, (list, tuple)) for row in y):
                raise self.invalid(y, "a list of rows (lists)", "For one column use [[v] for v in values].")
            return self._from_rows([list(row) for row in y])
        raise self.invalid(y, "a pandas DataFrame, a 2-D numpy array, a list of rows or a {'headers', 'data'} dict")

    def _from_rows(self, rows: list[list[Any]]) -> dict[str, Any]:
        # Gradio 3: the configured headers, cut or extended with 1-based numbers to the row width.
        width = len(rows[0]) if rows else 0
        headers = self.headers[:width] + [str(i) for i in range(len(self.headers) + 1, width + 1)]
        return {"headers": headers, "data": _plain(rows)}

    def as_python(self, y: Any) -> Any:
        """The table in this component's ``type`` (DataFrame, array or list of rows)."""
        return None if y is None else self.preprocess(y)

    def example_payload(self, value: Any) -> Any:
        return None if value is None else self.postprocess(value)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "value": self.postprocess(self.value),
            "headers": self.headers,
            "row_count": list(self.row_count),
            "col_count": list(self.col_count),
            "datatype": self.datatype,
            "type": self.type,
            "max_rows": self.max_rows,
            "max_cols": self.max_cols,
            "overflow_row_behaviour": self.overflow_row_behaviour,
            "latex_delimiters": _plain(self.latex_delimiters),
            "height": self.height,
            "wrap": self.wrap,
            "line_breaks": self.line_breaks,
            "column_widths": self.column_widths,
        }
