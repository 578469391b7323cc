"""The Gallery component: a grid of images with optional captions (an output in Gradio 3).

Each image is encoded exactly as an Image output encodes it (``Image.postprocess``), so a
gallery accepts the same arrays, PIL images and paths. numpy and PIL load only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ..errors import ComponentValueError
from ._codecs import CodecError, decode_image, image_to_array, read_source, write_temp
from ._validate import _check_choice, _sentence
from .base import Component
from .image import Image

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Gallery"]

_OBJECT_FITS = (None, "contain", "cover", "fill", "none", "scale-down")


class Gallery(Component):
    """Images in a grid, each with an optional caption.

    fn returns a list whose items are images (numpy arrays, PIL images or paths) or
    ``(image, caption)`` pairs. As an input (Gradio 3.50.2 has none) fn receives a list of
    ``(path of a PNG copy, caption)`` pairs, as later Gradio versions give.

    Parameters (Gradio 3.50.2): ``columns`` (an int, or one per screen size from narrow to
    wide), ``rows``, ``height``, ``allow_preview``, ``preview``, ``selected_index``,
    ``object_fit``, ``show_download_button``.

    Example::

        gr.Interface(lambda n: [(np.full((8, 8), i * 30, np.uint8), f"grey {i}") for i in range(n)],
                     gr.Slider(1, 8, step=1), "gallery")
    """

    component_type = "gallery"
    data_kind = "gallery"

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        columns: int | tuple[int, ...] | None = 2,
        rows: int | tuple[int, ...] | None = None,
        height: int | float | None = None,
        allow_preview: bool = True,
        preview: bool | None = None,
        selected_index: int | None = None,
        object_fit: Literal["contain", "cover", "fill", "none", "scale-down"] | None = None,
        show_download_button: bool | None = True,
        **kwargs: Any,
    ) -> None:
        _check_choice("Gallery", "object_fit", object_fit, _OBJECT_FITS)
        self.columns = columns
        self.rows = rows
        self.height = height
        self.allow_preview = allow_preview
        self.preview = preview
        self.selected_index = selected_index
        self.object_fit = object_fit
        self.show_download_button = show_download_button
        self._image = Image()
        super().__init__(value, label=label, **kwargs)

    def _item(self, index: int, item: Any) -> dict[str, Any]:
        caption = None
        if isinstance(item, (tuple, list)):
            if len(item) != 2:
                raise self.invalid(item, "an image or an (image, caption) pair", f"Item {index + 1} has {len(item)} parts.")
            item, caption = item
        if item is None:
            raise self.invalid(item, f"an image as item {index + 1}")
        try:
            url = self._image.postprocess(item)
        except ComponentValueError as exc:
            raise ComponentValueError(f"{self.name}: item {index + 1} of the list: {exc}") from None
        return {"image": url, "caption": None if caption is None else str(caption)}

    def postprocess(self, y: Any) -> list[dict[str, Any]]:
        if y is None:
            return []  # Gradio 3.50.2: an empty gallery
        if isinstance(y, (str, bytes, dict)) or not hasattr(y, "__iter__"):
            raise self.invalid(y, "a list of images or (image, caption) pairs")
        return [self._item(index, item) for index, item in enumerate(y)]

    def _read(self, item: Any) -> tuple[bytes, str | None]:
        if isinstance(item, dict):
            image, caption = item.get("image"), item.get("caption")
        else:
            image, caption = item, None
        if not isinstance(image, str):
            raise self.invalid(item, "a gallery item {'image': data URL or path, 'caption': ...}")
        try:
            return read_source(image)[1], caption
        except CodecError as exc:
            raise self.invalid(image, "an image as a data URL or a path", _sentence(exc)) from None

    def preprocess(self, x: Any) -> list[tuple[str, str | None]] | None:
        if x is None:
            return None
        if not isinstance(x, (list, tuple)):
            raise self.invalid(x, "a list of gallery items")
        pairs = []
        for item in x:
            data, caption = self._read(item)
            pairs.append((write_temp(data, ".png"), caption))
        return pairs

    def as_python(self, y: Any) -> list[tuple[np.ndarray, str | None]] | None:
        """The shown images as ``(uint8 array, caption)`` pairs."""
        if y is None:
            return None
        pairs = []
        for item in y:
            data, caption = self._read(item)
            try:
                pairs.append((image_to_array(decode_image(data)), caption))
            except CodecError as exc:
                raise self.invalid(item, "a gallery image", _sentence(exc)) from None
        return pairs

    def pyodide_packages(self) -> tuple[str, ...]:
        return ("numpy", "pillow")

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        return {
            **config,
            "value": config["value"] or [],
            "columns": list(self.columns) if isinstance(self.columns, (tuple, list)) else self.columns,
            "rows": list(self.rows) if isinstance(self.rows, (tuple, list)) else self.rows,
            "height": self.height,
            "allow_preview": self.allow_preview,
            "preview": self.preview,
            "selected_index": self.selected_index,
            "object_fit": self.object_fit,
            "show_download_button": self.show_download_button,
        }
