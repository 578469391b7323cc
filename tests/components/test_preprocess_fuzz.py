"""Fuzz every component's ``preprocess`` with what a page, a caller or an attacker may send.

Components are found from ``pyinterface.components`` itself (every exported Component class,
built with its defaults, and every string shortcut, which covers the typed variants such as
``"pil"``, ``"numpy"`` and ``"sketchpad"``), so a new component is fuzzed without editing this
file. A value is either taken, or refused with :class:`ComponentValueError` whose message names
the component and does not echo the value's data. Anything else (a TypeError, a KeyError, PIL's
or numpy's own exceptions) is a bug in the component.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re
import struct
import wave
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import pyinterface.components as components
from pyinterface.components import SHORTCUTS, Component
from pyinterface.errors import ComponentValueError

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _all_components() -> dict[str, Component]:
    """Every exported Component class and every shortcut, each distinct configuration once."""
    candidates: list[tuple[str, Component]] = []
    for name in components.__all__:
        cls = getattr(components, name)
        if isinstance(cls, type) and issubclass(cls, Component) and cls is not Component:
            candidates.append((name, cls()))
    candidates += [(f"shortcut {name!r}", factory()) for name, factory in SHORTCUTS.items()]
    found: dict[str, Component] = {}
    seen: set[str] = set()
    for name, component in candidates:
        component.label = "fuzzed"
        key = f"{type(component).__qualname__} {json.dumps(component.get_config(), sort_keys=True, default=str)}"
        if key not in seen:  # "text" and "textbox" are one Textbox: fuzz it once
            seen.add(key)
            found[name] = component
    return found


COMPONENTS = _all_components()


# --------------------------------------------------------------------------- values


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), (10, 200, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(struct.pack("<8h", *range(8)))
    return buffer.getvalue()


PNG, WAV = _png(), _wav()
#: Files cut short anywhere, with a wrong header, or with a good header and junk after it.
corrupt_files = st.one_of(
    st.builds(lambda data, cut: data[: max(0, len(data) - cut)], st.sampled_from([PNG, WAV]), st.integers(1, 80)),
    st.builds(lambda data, junk: data[:16] + junk, st.sampled_from([PNG, WAV]), st.binary(min_size=32, max_size=64)),
    st.binary(max_size=200),
)
mimes = st.sampled_from(["image/png", "audio/wav", "audio/x-wav", "video/mp4", "text/plain", "application/json", "", "x"])


def _data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


data_urls = st.one_of(
    st.builds(_data_url, mimes, corrupt_files),
    # Bad base64: junk characters, wrong padding, text where base64 belongs.
    st.builds(lambda mime, text: f"data:{mime};base64,{text}", mimes, st.text(max_size=80)),
    st.builds(lambda mime, text: f"data:{mime},{text}", mimes, st.text(max_size=40)),  # not base64 at all
    st.sampled_from(["data:", "data:,", "data:image/png;base64", "data:image/png;base64,====", "DATA:;base64,%%"]),
)
#: Text with lone surrogates, NULs and any other code point (surrogates are rare in the first
#: branch, so the second is mostly made of them).
any_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.text(st.sampled_from(["\ud800", "\udfff", "\udc80", "\x00", "a", "é", ".", "/"]), max_size=12),
)
#: Fixed, not drawn: a failing example's repr would be megabytes. Checked for every component below.
HUGE_STRINGS = ["x" * 2_000_000, "9" * 5000, "data:image/png;base64," + "A" * 400_000, "iVBORw0KGgo" * 10_000,
                "\udcff" * 1000, "1e999", "-0", "NaN", "data:image/png;base64," + base64.b64encode(PNG[:-12]).decode() * 50]
floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([math.nan, math.inf, -math.inf]))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-(2**200), 2**200), floats, any_text,
                    st.binary(max_size=40), data_urls, corrupt_files)
file_dicts = st.fixed_dictionaries(
    {"name": st.one_of(any_text, st.integers(), st.none()), "data": st.one_of(data_urls, scalars)},
    optional={"size": st.one_of(st.integers(), floats, any_text), "is_file": st.booleans()},
)
junk = st.recursive(
    st.one_of(scalars, file_dicts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner),
        st.dictionaries(st.one_of(any_text, st.integers()), inner, max_size=4),
    ),
    max_leaves=12,
)
# Media first: one_of draws its branches evenly, so corrupt uploads are a good share of the examples.
values = st.one_of(data_urls, corrupt_files, file_dicts, junk, st.builds(object), st.just(Ellipsis), st.frozensets(st.integers(), max_size=3))


# --------------------------------------------------------------------------- the property


#: A run of base64 this long from the value must not appear in the error (no payload echo).
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{40,}")


def _strings_in(value: Any, depth: int = 0) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and depth < 4:
        return [s for item in value for s in _strings_in(item, depth + 1)]
    if isinstance(value, dict) and depth < 4:
        return [s for item in value.values() for s in _strings_in(item, depth + 1)]
    return []


def _check_clean(component: Component, value: Any) -> None:
    try:
        component.preprocess(value)
    except ComponentValueError as exc:
        message = str(exc)
        assert message.startswith(component.name + ":") or component.name in message, message
        assert len(message) < 1500, f"{len(message)} characters: {message[:300]}"
        for text in _strings_in(value):
            for run in _BASE64_RUN.findall(text)[:3]:
                assert run[:40] not in message, f"the error echoes the value's data: {message}"


@pytest.mark.parametrize("name", sorted(COMPONENTS))
@FUZZ
@given(value=values)
def test_preprocess_takes_a_value_or_refuses_it_cleanly(name: str, value: Any) -> None:
    _check_clean(COMPONENTS[name], value)


@pytest.mark.parametrize("name", sorted(COMPONENTS))
def test_huge_strings_are_taken_or_refused_cleanly(name: str) -> None:
    for value in HUGE_STRINGS:
        _check_clean(COMPONENTS[name], value)


def test_every_component_is_fuzzed() -> None:
    """The list is built from the package: a component added to ``__all__`` or SHORTCUTS is in it."""
    classes = {type(component) for component in COMPONENTS.values()}
    exported = [getattr(components, n) for n in components.__all__]
    assert {c for c in exported if isinstance(c, type) and issubclass(c, Component) and c is not Component} <= classes
    assert len(COMPONENTS) >= 30
