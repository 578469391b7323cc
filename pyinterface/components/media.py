"""Media components: Image and Audio.

Both travel as ``data:`` URLs (or as paths relative to the current folder, for examples and
Python callers); the formats themselves live in :mod:`._codecs`. numpy and PIL are imported
only inside the methods that need them.
"""

from __future__ import annotations

import numbers
import os
import warnings
from typing import TYPE_CHECKING, Any, Literal

from ._codecs import (
    CodecError, array_to_uint8, audio_to_int16, decode_image, decode_wav, encode_png, encode_wav,
    image_to_array, loaded_isinstance, make_data_url, png_bytes, read_source, write_temp,
)
from .base import Component

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image as PILImage

__all__ = ["Audio", "Image", "resize_and_crop"]

_IMAGE_MODES = ("1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F")
_IMAGE_SOURCES = ("upload", "webcam", "canvas")
_IMAGE_TYPES = ("numpy", "pil", "filepath")
_IMAGE_TOOLS = ("editor", "select", "sketch", "color-sketch")
_AUDIO_SOURCES = ("upload", "microphone")
_AUDIO_TYPES = ("numpy", "filepath")


def _check_choice(owner: str, parameter: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{owner}: {parameter} must be one of {shown}, got {value!r}.")


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + "."


def resize_and_crop(image: PILImage.Image, size: tuple[int | None, int | None]) -> PILImage.Image:
    """Scale and centre-crop ``image`` to ``size`` = (width, height), keeping its aspect ratio.

    Gradio 3's ``processing_utils.resize_and_crop(crop_type="center")``: a ``None`` side
    keeps the image's own size on that side.
    """
    from PIL import ImageOps

    width = image.size[0] if size[0] is None else size[0]
    height = image.size[1] if size[1] is None else size[1]
    return ImageOps.fit(image, (width, height), centering=(0.5, 0.5))


class Image(Component):
    """An image to upload, capture or draw (input) or to show (output).

    The fn receives a uint8 numpy array HxWxC (``type="numpy"``), a PIL image (``"pil"``) or
    the path of a temporary PNG (``"filepath"``), after ``image_mode`` conversion, ``shape``
    resizing, ``invert_colors`` and webcam mirroring, in Gradio 3's order. It may return a
    numpy array (HxW, HxWx3 or HxWx4; uint8, or floats in [0, 1]), a PIL image or a path.
    With ``tool="sketch"`` on an upload/webcam source it receives ``{"image", "mask"}``.

    Interpretation reads pixels with :meth:`decode` (any accepted form -> PIL image) and
    :meth:`apply_shape`, and sends perturbed pixels back with :meth:`postprocess`.

    Example::

        gr.Interface(lambda im: im[::-1], gr.Image(shape=(224, 224)), "image")
    """

    component_type = "image"
    data_kind = "image"

    def __init__(
        self,
        value: Any = None,
        *,
        shape: tuple[int | None, int | None] | None = None,
        height: int | None = None,
        width: int | None = None,
        image_mode: str = "RGB",
        invert_colors: bool = False,
        source: Literal["upload", "webcam", "canvas"] = "upload",
        tool: Literal["editor", "select", "sketch", "color-sketch"] | None = None,
        type: Literal["numpy", "pil", "filepath"] = "numpy",
        label: str | None = None,
        streaming: bool = False,
        mirror_webcam: bool = True,
        brush_radius: float | None = None,
        brush_color: str = "#000000",
        mask_opacity: float = 0.7,
        **kwargs: Any,
    ) -> None:
        _check_choice("Image", "type", type, _IMAGE_TYPES)
        _check_choice("Image", "source", source, _IMAGE_SOURCES)
        _check_choice("Image", "image_mode", image_mode, _IMAGE_MODES)
        _check_choice("Image", "tool", tool, (None, *_IMAGE_TOOLS))
        if shape is not None and not (
            isinstance(shape, (tuple, list)) and len(shape) == 2
            and all(s is None or (isinstance(s, int) and s > 0) for s in shape)
        ):
            raise ValueError(f"Image: shape must be (width, height) with positive ints or None, got {shape!r}.")
        if streaming and source != "webcam":
            raise ValueError("Image: streaming=True needs source='webcam' (as in Gradio 3).")
        self.shape = None if shape is None else (shape[0], shape[1])
        self.height, self.width = height, width
        self.image_mode = image_mode
        self.invert_colors = invert_colors
        self.source = source
        self.tool = tool if tool is not None else ("sketch" if source == "canvas" else "editor")
        self.type = type
        self.streaming = streaming
        self.mirror_webcam = mirror_webcam
        self.brush_radius = brush_radius
        self.brush_color = brush_color
        self.mask_opacity = mask_opacity
        super().__init__(value, label=label, **kwargs)

    # -- decoding -----------------------------------------------------------------------

    def decode(self, x: Any) -> PILImage.Image:
        """Any accepted image value (data URL, path, numpy array, PIL image) -> PIL image,
        without this component's preprocessing."""
        if loaded_isinstance(x, "PIL.Image", "Image"):
            return x
        if loaded_isinstance(x, "numpy", "ndarray"):
            return self._array_to_pil(x)
        if isinstance(x, (str, os.PathLike)):
            try:
                return decode_image(read_source(os.fspath(x))[1])
            except CodecError as exc:
                raise self.invalid(x, "an image as a data URL or a file path", _sentence(exc)) from None
        raise self.invalid(x, "an image (data URL, file path, numpy array or PIL image)")

    def _array_to_pil(self, array: np.ndarray) -> PILImage.Image:
        from PIL import Image as PILImage

        if array.ndim == 3 and array.shape[2] == 1:
            array = array[:, :, 0]
        if not (array.ndim == 2 or (array.ndim == 3 and array.shape[2] in (2, 3, 4))) or 0 in array.shape:
            raise self.invalid(
                array, "an image array shaped HxW, HxWx3 (RGB) or HxWx4 (RGBA)",
                f"This array has shape {array.shape}.",
            )
        try:
            return PILImage.fromarray(array_to_uint8(array))
        except CodecError as exc:
            raise self.invalid(array, "image pixels", _sentence(exc)) from None

    def apply_shape(self, image: PILImage.Image) -> PILImage.Image:
        """Resize and centre-crop to ``shape`` when it is set (Gradio's resize_and_crop)."""
        return image if self.shape is None else resize_and_crop(image, self.shape)

    def _prepare(self, image: PILImage.Image) -> PILImage.Image:
        from PIL import ImageOps

        with warnings.catch_warnings():  # as Gradio 3: PIL warns about palette transparency
            warnings.simplefilter("ignore")
            image = image.convert(self.image_mode)
        image = self.apply_shape(image)
        if self.invert_colors:
            image = self._invert(image)
        if self.source == "webcam" and self.mirror_webcam and self.tool != "color-sketch":
            image = ImageOps.mirror(image)
        return image

    def _invert(self, image: PILImage.Image) -> PILImage.Image:
        from PIL import Image as PILImage, ImageOps

        if image.mode in ("RGBA", "LA"):  # PIL cannot invert these; Gradio fails, we keep alpha
            *colour, alpha = image.split()
            inverted = [ImageOps.invert(band) for band in colour]
            return PILImage.merge(image.mode, [*inverted, alpha])
        try:
            return ImageOps.invert(image)
        except (OSError, ValueError, NotImplementedError):  # PIL: modes P, I, F, CMYK...
            raise self.invalid(
                image, f"an image mode that can be inverted (not {image.mode!r})",
                "Use image_mode='RGB' or 'L' with invert_colors=True.",
            ) from None

    def _format(self, image: PILImage.Image) -> Any:
        if self.type == "pil":
            return image
        if self.type == "filepath":
            return write_temp(png_bytes(image), ".png")
        import numpy as np

        return np.array(image)

    def _mask(self, x: Any, size: tuple[int, int]) -> PILImage.Image:
        from PIL import Image as PILImage

        if x is None:  # nothing drawn: an all-black mask, as an empty sketch canvas gives
            return PILImage.new("RGB", size)
        mask = self.decode(x)
        if mask.mode == "RGBA":  # Gradio 3: opaque strokes become white
            alpha = mask.getchannel("A").convert("L")
            mask = PILImage.merge("RGB", [alpha, alpha, alpha])
        return mask

    # -- the value contract ---------------------------------------------------------------

    def preprocess(self, x: Any) -> Any:
        if x is None:
            return None
        if self.tool == "sketch" and self.source in ("upload", "webcam"):
            if isinstance(x, dict):
                if "image" not in x:
                    raise self.invalid(x, "a dict with 'image' and 'mask' keys")
                x, mask = x["image"], x.get("mask")
            else:
                mask = None
            image = self._prepare(self.decode(x))
            return {"image": self._format(image), "mask": self._format(self._mask(mask, image.size))}
        return self._format(self._prepare(self.decode(x)))

    def postprocess(self, y: Any) -> str | None:
        if y is None:
            return None
        if isinstance(y, (str, os.PathLike)):
            try:
                data = read_source(os.fspath(y))[1]
                image = decode_image(data)
            except CodecError as exc:
                raise self.invalid(y, "an image as a file path or data URL", _sentence(exc)) from None
            if data.startswith(b"\x89PNG\r\n\x1a\n"):
                return make_data_url("image/png", data)
            return encode_png(image)
        if loaded_isinstance(y, "numpy", "ndarray") or loaded_isinstance(y, "PIL.Image", "Image"):
            return encode_png(self.decode(y))
        raise self.invalid(y, "a numpy array, a PIL image or a path to an image file")

    def as_python(self, y: Any) -> Any:
        """The shown image as a uint8 numpy array (a PIL image for ``type="pil"``)."""
        if y is None:
            return None
        image = self.decode(y)
        return image if self.type == "pil" else image_to_array(image)

    def example_payload(self, value: Any) -> Any:
        """A path stays a path (checked to exist and decode); an array or PIL image becomes a
        data URL."""
        if value is None:
            return None
        if isinstance(value, (str, os.PathLike)):
            self.decode(value)
            return os.fspath(value)
        return self.postprocess(value)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "shape": None if self.shape is None else list(self.shape),
            "height": self.height,
            "width": self.width,
            "image_mode": self.image_mode,
            "source": self.source,
            "tool": self.tool,
            "type": self.type,
            "invert_colors": self.invert_colors,
            "streaming": self.streaming,
            "mirror_webcam": self.mirror_webcam,
            "brush_radius": self.brush_radius,
            "brush_color": self.brush_color,
            "mask_opacity": self.mask_opacity,
        }


class Audio(Component):
    """Audio to upload or record (input) or to play (output), as 16-bit PCM WAV.

    The fn receives ``(sample_rate, samples)`` with int16 samples shaped (n,) or
    (n, channels) (``type="numpy"``), or the path of a temporary .wav (``"filepath"``). It may
    return such a tuple (int16, int32, or floats, normalised to their peak as in Gradio 3) or a
    path to a .wav file. Other formats must be converted to WAV first: the page does this for
    uploads and recordings, as decoding uses only the stdlib ``wave`` module.

    Interpretation reads samples with :meth:`decode` and sends perturbed ones back with
    :meth:`postprocess`.
    """

    component_type = "audio"
    data_kind = "audio"

    def __init__(
        self,
        value: Any = None,
        *,
        source: Literal["upload", "microphone"] | None = None,
        type: Literal["numpy", "filepath"] = "numpy",
        label: str | None = None,
        streaming: bool = False,
        format: Literal["wav", "mp3"] = "wav",
        autoplay: bool = False,
        **kwargs: Any,
    ) -> None:
        # Gradio 3.50: no source means the microphone when streaming, an upload box otherwise.
        source = source or ("microphone" if streaming else "upload")
        _check_choice("Audio", "source", source, _AUDIO_SOURCES)
        _check_choice("Audio", "type", type, _AUDIO_TYPES)
        if streaming and source == "upload":
            raise ValueError("Audio: streaming=True needs source='microphone' (as in Gradio 3).")
        self.source = source
        self.type = type
        self.streaming = streaming
        self.format = format  # kept for the page; files written here are always WAV
        self.autoplay = autoplay
        super().__init__(value, label=label, **kwargs)

    def decode(self, x: Any) -> tuple[int, np.ndarray]:
        """Any accepted audio value (data URL, .wav path, WAV bytes, (rate, samples) tuple) ->
        (sample_rate, int16 samples)."""
        if isinstance(x, (tuple, list)):
            return self._check_tuple(x)
        try:
            if isinstance(x, (str, os.PathLike)):
                return decode_wav(read_source(os.fspath(x))[1])
            if isinstance(x, (bytes, bytearray)):
                return decode_wav(bytes(x))
        except CodecError as exc:
            raise self.invalid(x, "WAV audio as a data URL or a .wav path", _sentence(exc)) from None
        raise self.invalid(x, "audio (a WAV data URL, a .wav path or a (sample_rate, samples) tuple)")

    def _check_tuple(self, x: tuple[Any, ...] | list[Any]) -> tuple[int, np.ndarray]:
        import numpy as np

        expected = "a (sample_rate, samples) tuple"
        if len(x) != 2:
            raise self.invalid(x, expected)
        rate, data = x
        if isinstance(rate, bool) or not isinstance(rate, numbers.Integral) or rate <= 0:
            fix = "The sample rate comes first." if isinstance(data, numbers.Integral) else None
            raise self.invalid(x, expected + " with a positive int sample rate", fix)
        try:
            samples = np.asarray(data)
        except ValueError:  # ragged nested lists
            raise self.invalid(data, "samples shaped (n,) or (n, channels)") from None
        if samples.ndim not in (1, 2) or (samples.ndim == 2 and not 0 < samples.shape[1] <= 16):
            fix = f"These samples have shape {samples.shape}."
            if samples.ndim == 2 and samples.shape[0] <= 16:
                fix += " For (channels, n) data pass samples.T."
            raise self.invalid(samples, "samples shaped (n,) or (n, channels)", fix)
        try:
            return int(rate), audio_to_int16(samples)
        except CodecError as exc:
            raise self.invalid(samples, "audio samples", _sentence(exc)) from None

    def preprocess(self, x: Any) -> Any:
        if x is None:
            return None
        rate, samples = self.decode(x)
        if self.type == "filepath":
            return write_temp(encode_wav(rate, samples), ".wav")
        return rate, samples

    def postprocess(self, y: Any) -> str | None:
        if y is None:
            return None
        if isinstance(y, (tuple, list)):
            rate, samples = self._check_tuple(y)
            return make_data_url("audio/wav", encode_wav(rate, samples))
        if isinstance(y, (str, os.PathLike, bytes, bytearray)):
            try:
                data = bytes(y) if isinstance(y, (bytes, bytearray)) else read_source(os.fspath(y))[1]
                decode_wav(data)  # check it is WAV that plays and that as_python can decode
            except CodecError as exc:
                raise self.invalid(y, "a path to a .wav file or a WAV data URL", _sentence(exc)) from None
            return make_data_url("audio/wav", data)
        raise self.invalid(y, "a (sample_rate, samples) tuple or a path to a .wav file")

    def as_python(self, y: Any) -> tuple[int, np.ndarray] | None:
        """The audio as ``(sample_rate, int16 samples)``, whatever ``type`` is."""
        return None if y is None else self.decode(y)

    def example_payload(self, value: Any) -> Any:
        """A path stays a path (checked to exist and decode); a tuple becomes a data URL."""
        if value is None:
            return None
        if isinstance(value, (str, os.PathLike)):
            self.decode(value)
            return os.fspath(value)
        return self.postprocess(value)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "source": self.source,
            "type": self.type,
            "format": self.format,
            "autoplay": self.autoplay,
            "streaming": self.streaming,
        }
