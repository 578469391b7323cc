"""Safe HTML strings for the prerendered page, and the JS renderers' ways of showing a value.

Everything that builds markup here goes through :func:`tag` and :func:`text`: attribute values
and text are always escaped, so a config string (a label, a value, a title) is never HTML.
The value formatting copies what ``site/`` does in JS (``String(value)``,
``JSON.stringify``), so the prerendered text is the text the live page shows.
"""

from __future__ import annotations

import html
import json
from typing import Any

__all__ = ["js_json", "js_string", "same_value", "tag", "text"]

#: Elements without an end tag.
_VOID = frozenset({"input", "img", "br"})

#: An attribute value: None or False leaves the attribute out, True writes it bare.
Attribute = str | int | float | bool | None


def text(value: object) -> str:
    """``value`` as HTML text: every ``<``, ``&`` and quote escaped."""
    return html.escape(str(value), quote=True)


def tag(name: str, attributes: dict[str, Attribute] | None = None, *children: str) -> str:
    """``<name attributes>children</name>``; ``children`` are markup (from :func:`tag` or
    :func:`text`), attribute values are escaped here."""
    parts = [name]
    for key, value in (attributes or {}).items():
        if value is None or value is False:
            continue
        parts.append(key if value is True else f'{key}="{text(js_string(value))}"')
    opening = f"<{' '.join(parts)}>"
    return opening if name in _VOID else f"{opening}{''.join(children)}</{name}>"


def js_string(value: Any) -> str:
    """What JS ``String(value)`` shows for a JSON value: ``5.0`` is ``5``, ``True`` is ``true``,
    ``None`` is ``null``, a list is its items joined by commas."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if isinstance(value, list):
        return ",".join("" if item is None else js_string(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def js_json(value: Any, *, indent: int | None = None) -> str:
    """``JSON.stringify(value, null, indent)``: integral floats without ``.0``, text as is."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(_integral(value), indent=indent, separators=separators, ensure_ascii=False)


def same_value(a: Any, b: Any) -> bool:
    """site/dom.mjs ``sameValue``: equal as JSON (``1`` and ``1.0`` are, ``1`` and ``True`` are not)."""
    return js_json(a) == js_json(b)


def _integral(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, list | tuple):
        return [_integral(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    return value
