"""Plain JSON values for the structured components (Label, HighlightedText, JSON, Dataframe).

Their wire values are plain JSON; :func:`_plain` turns what a fn returns (numpy scalars and
arrays, NaN, tuples...) into that, the way Gradio 3's orjson response did. numpy is never
imported here: a numpy value can only exist if numpy is already loaded.
"""

from __future__ import annotations

import math
import sys
from typing import Any


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
