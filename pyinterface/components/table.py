"""The Dataframe component: a table whose wire value is ``{"headers", "data"}``.

Cells are made plain JSON with :func:`._json._plain`, as the other structured components'
values are. pandas and numpy are imported only inside the methods that need them.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from ._codecs import loaded_isinstance
from ._json import _plain
from ._shown import describe_path
from .base import Component

__all__ = ["Dataframe"]

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
                raise self.invalid(y, "a path to a CSV file", f"File not found: {describe_path(os.fspath(y))}.") from None
            except (OSError, ValueError, ImportError) as exc:  # too long a name, not CSV, not UTF-8, a URL
                raise self.invalid(y, "a path to a CSV file pandas can read", f"It failed with {type(exc).__name__}.") from None
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

    def pyodide_packages(self) -> tuple[str, ...]:
        return {"pandas": ("pandas",), "numpy": ("numpy",)}.get(self.type, ())

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
