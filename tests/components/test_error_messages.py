"""What a component's error says about a value it refuses: the component, what it expected and
what arrived (its type, size and what its first bytes look like), never the value's data."""

from __future__ import annotations

import base64
import io

import pytest

import pyinterface as gr
from pyinterface.components._shown import describe_value
from pyinterface.errors import ComponentValueError


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def _refusal(component: gr.components.Component, value: object) -> str:
    with pytest.raises(ComponentValueError) as info:
        component.preprocess(value)
    return str(info.value)


def test_a_truncated_image_upload_names_the_component_type_size_and_kind_not_the_data() -> None:
    png = _png()
    payload = base64.b64encode(png[: len(png) // 2]).decode()
    message = _refusal(gr.Image(label="photo"), "data:image/png;base64," + payload)
    assert message.startswith(
        f"Image 'photo': expected an image as a data URL or a file path, got a data URL of type 'image/png' "
        f"holding about {len(payload) * 3 // 4:,} bytes of base64 that start as PNG data (str)."
    ), message
    assert "could not be decoded as an image" in message
    assert payload[:12] not in message


def test_corrupt_base64_says_so_without_echoing_it() -> None:
    payload = "iVBORw0KGgo!!AAAANSUhEUg" * 4
    message = _refusal(gr.Audio(label="voice"), "data:audio/wav;base64," + payload)
    assert message.startswith(
        f"Audio 'voice': expected WAV audio as a data URL or a .wav path, got a data URL of type 'audio/wav' with "
        f"{len(payload)} characters of corrupt base64 (str). The data URL's base64 payload is corrupt."
    ), message
    assert "iVBORw0KGgo" not in message


def test_a_file_upload_dict_is_shown_with_its_name_and_its_data_described() -> None:
    value = {"name": "report.csv", "data": "data:text/csv;base64,@@@@" + "QUJD" * 30, "size": 124}
    message = _refusal(gr.File(label="report"), value)
    assert "got {'name': 'report.csv', 'data': a data URL of type 'text/csv' with 124 characters of corrupt base64" in message
    assert "QUJDQUJD" not in message


def test_raw_base64_sent_as_a_path_is_not_echoed() -> None:
    payload = base64.b64encode(_png()).decode()
    message = _refusal(gr.Image(label="photo"), payload)
    assert f"got a str of {len(payload):,} characters (str)" in message
    assert f"File not found: a str of {len(payload):,} characters" in message
    assert payload[:20] not in message


@pytest.mark.parametrize(("value", "shown"), [
    ("old", "'old' (str)"),
    ([1, 2], "[1, 2] (list)"),
    (b"**x**", "b'**x**' (bytes)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "108 bytes of PNG data (bytes)"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(100), "116 bytes of RIFF (WAV/WebP/AVI) data (bytes)"),
    (bytes(range(200, 256)) * 4, "224 bytes of binary data (bytes)"),
    ("x" * 500, "a str of 500 characters (str)"),
    ("data:text/plain,hello%20there", "a data URL of type 'text/plain' with 13 characters of URL-encoded data (str)"),
    (list(range(100)), "[0, 1, 2, 3, 4, 5, 6, 7, ...] (list)"),
    ([["x" * 500] * 3] * 3, "a list of 3 item(s) (list)"),
])
def test_describe_value(value: object, shown: str) -> None:
    assert describe_value(value) == shown
