"""Media values <-> the bytes Hub endpoints send and receive (numpy/PIL imported lazily).

Inputs arrive in whatever form the (possibly overridden) input component gives fn: a file
path, a data URL, a numpy array, a PIL image, or for audio a ``(rate, samples)`` tuple. They
are turned into file bytes plus a MIME type. Binary answers become data URLs, which the
Image and Audio components accept as they are.
"""

from __future__ import annotations

import base64
import mimetypes
import os
from typing import Any

from ..components._codecs import is_data_url, make_data_url, parse_data_url, sniff_audio_format

__all__ = [
    "answer_as_data_url", "audio_bytes", "draw_detections", "image_bytes", "mime_for_path", "overlay_segments",
]

_SEGMENT_COLOURS = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48), (145, 30, 180),
                    (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212)]


#: The names servers expect; ``mimetypes`` varies by system (e.g. ``audio/x-wav``).
_MIME_BY_EXTENSION = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
                      ".gif": "image/gif", ".bmp": "image/bmp", ".wav": "audio/wav", ".flac": "audio/flac",
                      ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".webm": "audio/webm", ".m4a": "audio/mp4"}


def mime_for_path(path: str, default: str) -> str:
    extension = os.path.splitext(path)[1].lower()
    return _MIME_BY_EXTENSION.get(extension) or mimetypes.guess_type(path)[0] or default


def _file_bytes(value: Any, default_mime: str, component: Any) -> tuple[bytes, str]:
    """A path, a data URL, or an in-memory value ``component`` can encode -> (bytes, MIME type)."""
    if isinstance(value, (str, os.PathLike)):
        text = os.fspath(value)
        if is_data_url(text):
            mime, data = parse_data_url(text)
            return data, mime or default_mime
        with open(text, "rb") as handle:
            return handle.read(), mime_for_path(text, default_mime)
    mime, data = parse_data_url(component.postprocess(value))
    return data, mime


def image_bytes(value: Any) -> tuple[bytes, str]:
    """An image in any form fn may receive (path, data URL, numpy, PIL) -> (file bytes, MIME type)."""
    from ..components import Image

    return _file_bytes(value, "image/png", Image())


def audio_bytes(value: Any) -> tuple[bytes, str]:
    """Audio in any form fn may receive (path, data URL, (rate, samples)) -> (file bytes, MIME type)."""
    from ..components import Audio

    return _file_bytes(value, "audio/wav", Audio())


def _base64_in_json(body: bytes, kind: str) -> bytes:
    """``{"data": [{"b64_json": ...}]}`` (OpenAI-style image answers) or ``{kind: base64}``."""
    import json

    payload = json.loads(body)
    if not isinstance(payload, dict):
        raise ValueError(f"expected {kind} bytes, got JSON {str(payload)[:100]}")
    items = payload.get("data")
    first = items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}
    encoded = first.get("b64_json") or payload.get(kind)
    if not isinstance(encoded, str):
        raise ValueError(f"expected {kind} bytes, got a JSON answer with keys {sorted(payload)[:8]}")
    return base64.b64decode(encoded)


def answer_as_data_url(body: bytes, content_type: str, kind: str) -> str:
    """A binary answer (image or audio bytes; some backends wrap them in JSON) -> a data URL."""
    if content_type.startswith(("application/json", "text/")):
        body, content_type = _base64_in_json(body, kind), ""
    if kind == "audio":
        sniffed = sniff_audio_format(body)
        if sniffed != "WAV":
            raise ValueError(
                f"expected WAV audio, got {sniffed or content_type or 'unrecognised'} audio, which the Audio "
                "component cannot play"
            )
        return make_data_url("audio/wav", body)
    return make_data_url(content_type if content_type.startswith("image/") else "image/png", body)


def _open(data: bytes) -> Any:
    import io

    from PIL import Image as PILImage

    return PILImage.open(io.BytesIO(data)).convert("RGB")


def draw_detections(data: bytes, detections: list[dict[str, Any]]) -> Any:
    """The image with each detection's box and label drawn on it (a PIL image)."""
    from PIL import ImageDraw

    image = _open(data)
    draw = ImageDraw.Draw(image)
    for index, item in enumerate(detections):
        box = item["box"]
        colour = _SEGMENT_COLOURS[index % len(_SEGMENT_COLOURS)]
        corners = (box["xmin"], box["ymin"], box["xmax"], box["ymax"])
        draw.rectangle(corners, outline=colour, width=max(1, min(image.size) // 100))
        draw.text((box["xmin"] + 2, box["ymin"] + 1), f"{item['label']} {item['score']:.2f}", fill=colour)
    return image


def overlay_segments(data: bytes, segments: list[dict[str, Any]]) -> Any:
    """The image with each segment's mask tinted in its own colour (a PIL image)."""
    import io

    import numpy as np
    from PIL import Image as PILImage

    image = np.asarray(_open(data), dtype=np.float32)
    for index, segment in enumerate(segments):
        mask_image = PILImage.open(io.BytesIO(base64.b64decode(segment["mask"]))).convert("L")
        if mask_image.size != (image.shape[1], image.shape[0]):
            mask_image = mask_image.resize((image.shape[1], image.shape[0]))
        mask = np.asarray(mask_image, dtype=np.float32)[..., None] / 255.0 * 0.5
        colour = np.array(_SEGMENT_COLOURS[index % len(_SEGMENT_COLOURS)], dtype=np.float32)
        image = image * (1 - mask) + colour * mask
    return PILImage.fromarray(image.round().clip(0, 255).astype(np.uint8))
