"""Inputs explained token by token: Textbox (words), Image (superpixels), Audio (time spans).

Each class splits one raw input into tokens and builds, without calling fn, the fn values for

* leave-one-out ("default"): the input with token i removed, for a range of i;
* coalitions ("shap"): the input keeping only the tokens a boolean mask marks present;

and formats scores into Gradio 3's payload for that component (spec §2.4). Images and audio
are perturbed as numpy arrays in one go per chunk: a (rows, tokens) mask matrix indexed by each
pixel's (or sample's) token gives every perturbed input at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ._heatmap import HeatMap
from ._params import parameters_of
from ._slic import slic

if TYPE_CHECKING:
    import numpy as np

__all__ = ["AudioTokens", "HEAT_DECIMALS", "ImageTokens", "TextTokens", "TokenInput"]

#: Decimals kept in an image's heat map. The page draws a score v with alpha 255·sqrt(|v|),
#: which rounding moves by at most 255·sqrt(5e-7) < 0.2 (less than one step); the page then
#: gets ~9 characters a pixel instead of ~19 (a 64×64 reply: 50 kB, not 93 kB, and half the
#: time to hand it from Python to JavaScript and parse it there).
HEAT_DECIMALS = 6


class TokenInput:
    """Base of the token inputs; ``n_tokens`` tokens, one leave-one-out perturbation each."""

    n_tokens: int

    @property
    def count(self) -> int:
        return self.n_tokens

    def perturbed(self, start: int, stop: int) -> list[Any]:
        """fn values with token i left out, for i in range(start, stop)."""
        raise NotImplementedError

    def masked(self, present: np.ndarray) -> list[Any]:
        """fn values keeping only the tokens marked True in each row of ``present``."""
        raise NotImplementedError

    def payload(self, scores: Sequence[Any]) -> Any:
        raise NotImplementedError


class TextTokens(TokenInput):
    """Words split on ``separator``; a left-out word is removed, or replaced by ``replacement``."""

    def __init__(self, component: Any, raw: Any) -> None:
        params = parameters_of(component)
        self.component = component
        self.separator: str = params["separator"]
        self.replacement: str | None = params["replacement"]
        text = component.preprocess(raw)
        if text is None:
            raise ValueError(f"{component.name}: there is no text to interpret; type some first.")
        self.tokens = text.split(self.separator)
        self.n_tokens = len(self.tokens)

    def perturbed(self, start: int, stop: int) -> list[Any]:
        out = []
        for index in range(start, stop):
            words = list(self.tokens)
            if self.replacement is None:
                del words[index]
            else:
                words[index] = self.replacement
            out.append(self.component.preprocess(self.separator.join(words)))
        return out

    def masked(self, present: np.ndarray) -> list[Any]:
        out = []
        for row in present.tolist():
            if self.replacement is None:
                words = [word for word, keep in zip(self.tokens, row) if keep]
            else:
                words = [word if keep else self.replacement for word, keep in zip(self.tokens, row)]
            out.append(self.component.preprocess(self.separator.join(words)))
        return out

    def payload(self, scores: Sequence[Any]) -> list[tuple[str, Any]]:
        # Gradio 3: (token, score) pairs interleaved with (separator, 0), a trailing one included.
        result: list[tuple[str, Any]] = []
        for token, score in zip(self.tokens, scores):
            result.append((token, score))
            result.append((self.separator, 0))
        return result


class ImageTokens(TokenInput):
    """SLIC superpixels of the image as shown (after ``shape`` resizing).

    Leave-one-out paints a superpixel with the image's mean colour (Gradio 3); a coalition
    keeps its superpixels and blacks out the rest (Gradio 3's shap masking). The payload is the
    H×W map of each pixel's superpixel score divided by the largest absolute score, so it lies
    in [-1, 1] and keeps its sign (Gradio's min-max scaling lost it), rounded to
    :data:`HEAT_DECIMALS` decimals.
    """

    def __init__(self, component: Any, raw: Any) -> None:
        import numpy as np

        self.component = component
        self.raw_mask = None
        if isinstance(raw, dict):  # the sketch tool sends {"image", "mask"}
            self.raw_mask = raw.get("mask")
            raw = raw.get("image")
        if raw is None:
            raise ValueError(f"{component.name}: there is no image to interpret; upload one first.")
        image = component.apply_shape(component.decode(raw))
        if image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
        self.base = np.asarray(image)
        colour = self.base if self.base.ndim == 2 else self.base[:, :, :3]
        labels = slic(colour, parameters_of(component)["segments"])
        # Tokens 0..n-1 in label order (np.unique's inverse, without its sort).
        present = np.bincount(labels.ravel()) > 0
        self.token_of_pixel = (np.cumsum(present) - 1)[labels]
        self.n_tokens = int(np.count_nonzero(present))
        # Gradio assigns the float mean into the uint8 image: the cast truncates. (A sum of
        # integers is exact in float64, so this is base.mean(axis=(0, 1)) to the last bit.)
        pixels = self.base.reshape(self.base.shape[0] * self.base.shape[1], -1)
        mean = pixels.sum(axis=0, dtype=np.float64) / len(pixels)
        self.mean_colour = (mean if self.base.ndim == 3 else mean[0]).astype(self.base.dtype)
        # Flat pixel indices grouped by token: token t's pixels are pixels[bounds[t]:bounds[t + 1]].
        self.pixels = np.argsort(self.token_of_pixel.ravel(), kind="stable")
        self.tokens = self.token_of_pixel.ravel()[self.pixels]
        self.bounds = np.searchsorted(self.tokens, np.arange(self.n_tokens + 1)).tolist()
        self.fast = self._preprocess_is_identity()

    def _preprocess_is_identity(self) -> bool:
        """True when preprocessing would hand fn these very pixels (numpy RGB at this size),
        so perturbed arrays can go to fn without a round trip through PIL."""
        c = self.component
        mirrored = c.source == "webcam" and c.mirror_webcam and c.tool != "color-sketch"
        sketch = c.tool == "sketch" and c.source in ("upload", "webcam")
        simple = (
            c.type == "numpy" and c.image_mode == "RGB" and not c.invert_colors and not mirrored and not sketch
            and self.base.ndim == 3 and self.base.shape[2] == 3
        )
        if not simple:
            return False
        import numpy as np

        return bool(np.array_equal(c.preprocess(self.base), self.base))

    def perturbed(self, start: int, stop: int) -> list[Any]:
        import numpy as np

        # One copy of the image per row, then every row's superpixel painted in one indexed write:
        # tokens start..stop-1 are adjacent in the grouped pixels, and token t goes to row t - start.
        images = np.repeat(self.base[None], stop - start, axis=0)
        flat = images.reshape(-1, *self.base.shape[2:])
        first, last = self.bounds[start], self.bounds[stop]
        flat[(self.tokens[first:last] - start) * self.token_of_pixel.size + self.pixels[first:last]] = self.mean_colour
        return self._to_fn(images)

    def masked(self, present: np.ndarray) -> list[Any]:
        keep = present[:, self.token_of_pixel]  # (rows, H, W): absent superpixels go black
        images = self.base[None] * (keep if self.base.ndim == 2 else keep[..., None])
        return self._to_fn(images)

    def _to_fn(self, images: np.ndarray) -> list[Any]:
        if self.fast:
            return list(images)
        if self.raw_mask is not None:
            return [self.component.preprocess({"image": image, "mask": self.raw_mask}) for image in images]
        return [self.component.preprocess(image) for image in images]

    def payload(self, scores: Sequence[Any]) -> HeatMap:
        import numpy as np

        values = np.asarray([0.0 if s is None else float(s) for s in scores])
        peak = np.abs(values).max() if values.size else 0.0
        if peak > 0:
            values = values / peak
        return HeatMap(values.round(HEAT_DECIMALS), self.token_of_pixel)


class AudioTokens(TokenInput):
    """``segments`` equal time spans; a left-out span is silenced (Gradio 3), and so is every
    span a coalition leaves out (which Gradio's broken Audio shap meant to do)."""

    def __init__(self, component: Any, raw: Any) -> None:
        import numpy as np

        if raw is None:
            raise ValueError(f"{component.name}: there is no audio to interpret; record or upload some first.")
        self.component = component
        self.rate, self.samples = component.decode(raw)
        segments = parameters_of(component)["segments"]
        length = self.samples.shape[0]
        bounds = [round(b) for b in np.linspace(0, length, segments + 1).tolist()]
        self.spans = list(zip(bounds[:-1], bounds[1:]))
        self.n_tokens = len(self.spans)
        self.token_of_sample = np.zeros(length, dtype=np.intp)
        for index, (begin, end) in enumerate(self.spans):
            self.token_of_sample[begin:end] = index

    def perturbed(self, start: int, stop: int) -> list[Any]:
        import numpy as np

        silenced = self.token_of_sample[None, :] == np.arange(start, stop)[:, None]
        return self._to_fn(silenced)

    def masked(self, present: np.ndarray) -> list[Any]:
        return self._to_fn(~present[:, self.token_of_sample])

    def _to_fn(self, silenced: np.ndarray) -> list[Any]:
        import numpy as np

        where = silenced if self.samples.ndim == 1 else silenced[..., None]
        clips = np.where(where, np.zeros((), dtype=self.samples.dtype), self.samples[None])
        return [self.component.preprocess((self.rate, clip)) for clip in clips]

    def payload(self, scores: Sequence[Any]) -> list[Any]:
        return list(scores)
