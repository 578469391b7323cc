"""Encoding and decoding of media values: data URLs, base64, PNG and WAV.

The one place that knows these formats; Image and Audio (and the interpretation engine, which
re-encodes perturbed pixels and samples) go through it. numpy and PIL are imported inside the
functions that need them so that importing this module costs nothing.

Failures raise :class:`CodecError` with a message about the value only; the component catches
it and re-raises through ``Component.invalid`` so the message also names the component.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import sys
import tempfile
import urllib.parse
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._shown import describe_path

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image as PILImage

__all__ = [
    "CodecError", "loaded_isinstance", "array_to_uint8", "audio_to_int16", "decode_image", "decode_wav",
    "encode_png", "encode_wav", "image_to_array", "is_data_url", "make_data_url",
    "parse_data_url", "png_bytes", "read_source", "sniff_audio_format", "write_named_temp", "write_temp",
]


class CodecError(ValueError):
    """A media value could not be read or written; the message says why and how to fix it."""


def loaded_isinstance(value: Any, module: str, name: str) -> bool:
    """``isinstance(value, module.name)`` without importing ``module``: if numpy, PIL or
    pandas is not loaded yet, ``value`` cannot be one of its objects."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(value, getattr(loaded, name))


# -- data URLs and paths ---------------------------------------------------------------------


def is_data_url(value: Any) -> bool:
    return isinstance(value, str) and value[:5].lower() == "data:"


def parse_data_url(url: str) -> tuple[str, bytes]:
    """``data:<mime>[;...][;base64],<payload>`` -> (mime, bytes)."""
    header, sep, payload = url.partition(",")
    if not sep:
        raise CodecError("the data URL has no ',' separating its header from its data")
    params = header[5:].split(";")
    mime = params[0].strip().lower() or "text/plain"
    if "base64" not in (p.strip().lower() for p in params[1:]):
        return mime, urllib.parse.unquote_to_bytes(payload)
    payload = "".join(payload.split())  # line breaks are legal in base64 but not for the decoder
    payload += "=" * (-len(payload) % 4)
    try:
        return mime, base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise CodecError("the data URL's base64 payload is corrupt") from None


def make_data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def read_source(value: str) -> tuple[str | None, bytes]:
    """A data URL or a file path (relative to the current folder) -> (mime or None, bytes)."""
    if is_data_url(value):
        return parse_data_url(value)
    if value.startswith(("http://", "https://")):
        raise CodecError(
            "URLs are not downloaded here (the app runs in the browser); "
            "save the file next to the app and pass its path instead"
        )
    shown = describe_path(value)
    try:
        path = Path(value)
        return None, path.read_bytes()
    except FileNotFoundError:
        raise CodecError(f"file not found: {shown} (looked in {Path.cwd()})") from None
    except OSError as exc:
        raise CodecError(f"cannot read {shown}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL or a lone surrogate: no file system has such a name
        raise CodecError(f"{shown} is not a file name (it holds a NUL or an unencodable character)") from None


def write_temp(data: bytes, suffix: str) -> str:
    """Write ``data`` to a new file in pyinterface's temp folder and return its path."""
    folder = Path(tempfile.gettempdir()) / "pyinterface"
    folder.mkdir(exist_ok=True)
    fd, path = tempfile.mkstemp(suffix=suffix, dir=folder)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path


#: Longest file name (in UTF-8 bytes) an upload keeps; file systems allow 255.
_MAX_NAME_BYTES = 200


def _file_name(name: str) -> str:
    """An upload's name as a file name this system can create: its base name only, with NULs and
    lone surrogates (which no file system takes) replaced by "_", cut to 200 bytes keeping its
    extension; "file" when nothing is left."""
    base = Path(name.replace("\\", "/")).name.strip()
    safe = "".join("_" if char == "\0" or "\ud800" <= char <= "\udfff" else char for char in base)
    if len(safe.encode("utf-8")) > _MAX_NAME_BYTES:
        suffix = Path(safe).suffix if len(Path(safe).suffix) <= 16 else ""
        stem = safe[: len(safe) - len(suffix)].encode("utf-8")[: _MAX_NAME_BYTES - len(suffix.encode("utf-8"))]
        safe = stem.decode("utf-8", "ignore") + suffix
    return "file" if safe in ("", ".", "..") else safe


def write_named_temp(data: bytes, name: str) -> str:
    """Write ``data`` to a new folder in pyinterface's temp folder as ``name`` (its base name
    only) and return the path: an upload keeps its own name, as Gradio 3's copies do, so fn can
    read the extension or show the name."""
    folder = Path(tempfile.gettempdir()) / "pyinterface"
    folder.mkdir(exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=folder)) / _file_name(name)
    path.write_bytes(data)
    return str(path)


# -- images ----------------------------------------------------------------------------------


def decode_image(data: bytes) -> PILImage.Image:
    """Image file bytes (any format PIL reads) -> a loaded PIL image, EXIF-rotated as Gradio 3."""
    from PIL import Image, ImageOps

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as exc:  # PIL raises OSError, SyntaxError, ValueError... for bad data
        raise CodecError(f"the data could not be decoded as an image ({exc})") from None
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # Gradio 3 also keeps the image unrotated when its EXIF data is broken
        return image


def png_bytes(image: PILImage.Image) -> bytes:
    """PIL image -> PNG file bytes (modes PNG cannot store become RGB)."""
    if image.mode not in ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def encode_png(image: PILImage.Image) -> str:
    """PIL image -> ``data:image/png;base64,...``."""
    return make_data_url("image/png", png_bytes(image))


def array_to_uint8(array: Any) -> np.ndarray:
    """Pixels as Gradio 3's ``processing_utils._convert(array, np.uint8)`` makes them.

    uint8 is kept; bool becomes 0/255; floats must lie in [-1, 1] and are scaled by 255
    (negatives clip to 0); wider unsigned ints are kept when all values fit in a byte and are
    shifted down otherwise. Signed ints are kept (negatives clip to 0) when they fit in a byte;
    unlike Gradio, which silently shifts larger ones down to a black image, they are an error.
    """
    import numpy as np

    a = np.asarray(array)
    kind = a.dtype.kind
    if kind == "u" and a.dtype.itemsize == 1:
        return a
    if kind == "b":
        return a.astype(np.uint8) * np.uint8(255)
    if kind == "f":
        if a.size and not np.isfinite(a).all():
            raise CodecError("float pixel values must be finite, but some are NaN or infinite")
        if a.size and (a.min() < -1.0 or a.max() > 1.0):
            raise CodecError(
                "float pixel values must lie in [0, 1] (negatives down to -1 clip to 0, as in Gradio), "
                f"but they range from {a.min()} to {a.max()}; divide by 255 or use uint8"
            )
        scaled = np.rint(np.multiply(a, 255, dtype=a.dtype))
        return np.clip(scaled, 0, 255).astype(np.uint8)
    if kind == "u":
        if not a.size or a.max() < 256:
            return a.astype(np.uint8)
        return (a // (2 ** (8 * a.dtype.itemsize - 8))).astype(np.uint8)
    if kind == "i":
        if a.size and a.max() > 255:
            raise CodecError(
                f"integer pixel values must lie in 0..255, but the largest is {a.max()}; "
                "scale them and convert with .astype(np.uint8)"
            )
        return np.maximum(a, 0).astype(np.uint8)  # np.clip(int8, 0, 255) overflows in numpy 2
    raise CodecError(f"pixels of dtype {a.dtype} cannot be shown; use uint8 (0..255) or float (0..1)")


def image_to_array(image: PILImage.Image) -> np.ndarray:
    """PIL image -> uint8 array HxW, HxWx3 or HxWx4, whatever mode the image was stored in."""
    import numpy as np

    if image.mode in ("I", "I;16", "I;16B", "I;16L"):
        return array_to_uint8(np.asarray(image).astype(np.uint16))
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode == "LA":
        image = image.convert("RGBA")
    elif image.mode == "1":
        image = image.convert("L")
    elif image.mode not in ("L", "RGB", "RGBA"):
        image = image.convert("RGB")
    return np.asarray(image).copy()  # a writable array, like np.array(image) in Gradio


# -- audio -----------------------------------------------------------------------------------

_AUDIO_MAGIC = (
    (b"ID3", "MP3"), (b"\xff\xfb", "MP3"), (b"\xff\xf3", "MP3"), (b"\xff\xf2", "MP3"),
    (b"OggS", "Ogg"), (b"fLaC", "FLAC"), (b"\x1aE\xdf\xa3", "WebM/Matroska"),
)


def sniff_audio_format(data: bytes) -> str | None:
    """'WAV', another format's name, or None when the bytes are not recognised."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "WAV"
    if data[4:8] == b"ftyp":
        return "MP4/M4A"
    return next((name for magic, name in _AUDIO_MAGIC if data.startswith(magic)), None)


def decode_wav(data: bytes) -> tuple[int, np.ndarray]:
    """PCM WAV bytes -> (sample_rate, int16 samples shaped (n,) or (n, channels)).

    Only the stdlib ``wave`` module is used (no ffmpeg in the browser); 8-, 24- and 32-bit
    PCM are rescaled to 16 bits.
    """
    import numpy as np

    found = sniff_audio_format(data)
    if found != "WAV":
        what = f"{found} audio" if found else "data that is not a WAV file"
        raise CodecError(f"expected WAV audio but got {what}; convert it to 16-bit PCM WAV first")
    try:
        with wave.open(io.BytesIO(data)) as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise CodecError(
            f"the WAV file cannot be read ({exc}); only PCM WAV is supported, "
            "so convert it to 16-bit PCM WAV first"
        ) from None
    usable = len(frames) - len(frames) % (width * channels)
    raw = np.frombuffer(frames[:usable], dtype=np.uint8)
    if width == 1:  # 8-bit WAV is unsigned
        samples = ((raw.astype(np.int16) - 128) << 8).astype(np.int16)
    elif width == 2:
        samples = raw.view("<i2").astype(np.int16)
    elif width == 3:
        triples = raw.reshape(-1, 3).astype(np.int32)
        value = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        samples = (value >> 8).astype(np.int16)
    elif width == 4:
        samples = (raw.view("<i4") >> 16).astype(np.int16)
    else:
        raise CodecError(f"{8 * width}-bit WAV is not supported; convert it to 16-bit PCM WAV")
    if channels > 1:
        samples = samples.reshape(-1, channels)
    return rate, samples


def audio_to_int16(data: Any) -> np.ndarray:
    """Samples -> int16 exactly as Gradio 3's ``processing_utils.convert_to_16_bit_wav``.

    Floats are normalised by their peak (so a quiet float signal plays at full volume, as in
    Gradio); int32 is divided by 65538 (sic, Gradio's constant); uint16/uint8 are re-centred.
    Gradio warns on each conversion; here they are silent.
    """
    import numpy as np

    a = np.asarray(data)
    if a.dtype == np.int16:
        return a
    if a.dtype.kind == "f":
        if a.size and not np.isfinite(a).all():
            raise CodecError("float samples must be finite, but some are NaN or infinite")
        peak = np.abs(a).max() if a.size else 0
        if peak == 0:
            return np.zeros(a.shape, dtype=np.int16)
        return (a / peak * 32767).astype(np.int16)
    if a.dtype == np.int32:
        return (a / 65538).astype(np.int16)
    if a.dtype == np.uint16:
        return (a.astype(np.int32) - 32768).astype(np.int16)
    if a.dtype == np.uint8:
        return (a.astype(np.int32) * 257 - 32768).astype(np.int16)
    raise CodecError(
        f"samples of dtype {a.dtype} cannot be converted to 16-bit audio; "
        "use int16, int32, or float values in [-1, 1] (e.g. data.astype(np.float32) / 32768)"
    )


def encode_wav(sample_rate: int, samples: np.ndarray) -> bytes:
    """int16 samples shaped (n,) or (n, channels) -> 16-bit PCM WAV bytes."""
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(samples.astype("<i2").tobytes())
    return buffer.getvalue()
