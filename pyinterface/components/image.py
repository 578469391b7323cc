"""The Image component, and Gradio 3's resize_and_crop it applies for ``shape``.

Images travel as ``data:`` URLs (or as paths relative to the current folder, for examples
and Python callers); the formats themselves live in :mod:`._codecs`. numpy and PIL are
imported only inside the methods that need them.
"""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING, Any, Literal

from ._codecs import (
    CodecError, array_to_uint8, decode_image, encode_png, image_to_array, loaded_isinstance,
    make_data_url, png_bytes, read_source, write_temp,
)
from ._validate import _check_choice, _sentence
from ._file import FileComponent

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image as PILImage

__all__ = ["Image", "resize_and_crop"]

_IMAGE_MODES = ("1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F")
_IMAGE_SOURCES = ("upload", "webcam", "canvas")
_IMAGE_TYPES = ("numpy", "pil", "filepath")
_IMAGE_TOOLS = ("editor", "select", "sketch", "color-sketch")


def resize_and_crop(image: PILImage.Image, size: tuple[int | None, int | None]) -> PILImage.Image:
    """Scale and centre-crop ``image`` to ``size`` = (width, height), keeping its aspect ratio.

    Gradio 3's ``processing_utils.resize_and_crop(crop_type="center")``: a ``None`` side
    keeps the image's own size on that side.
    """
    from PIL import ImageOps

    width = image.size[0] if size[0] is None else size[0]
    height = image.size[1] if size[1] is None else size[1]
    return ImageOps.fit(image, (width, height), centering=(0.5, 0.5))


class Image(FileComponent):
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

    def pyodide_packages(self) -> tuple[str, ...]:
        return ("numpy", "pillow")

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
