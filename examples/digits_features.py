"""The digits demo's feature extraction, shared by the page and the training script.

One function on both sides means the model is trained on exactly what the page feeds it.
"""

from __future__ import annotations

import numpy as np


def features(image: np.ndarray) -> np.ndarray | None:
    """A drawing -> 64 pixel counts (0-16) in the layout of scikit-learn's digits, or None if blank.

    Like that data (32x32 bitmaps counted in 4x4 blocks): find the ink, crop it to a centred
    square, sample it at 32x32 and count the inked pixels of each 4x4 block. Works for dark
    ink on light paper and light on dark, at any size.
    """
    pixels = np.asarray(image, dtype=np.float32)
    if pixels.ndim == 3:
        pixels = pixels[..., :3].mean(axis=2)
    pixels = pixels / max(float(pixels.max()), 1e-6)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    ink = np.abs(pixels - np.median(border)) > 0.3
    if not ink.any():
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    side = max(crop.shape)
    square = np.zeros((side, side), dtype=bool)
    top, left = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    index = ((np.arange(32) + 0.5) * side / 32).astype(int)
    bitmap = square[np.ix_(index, index)]
    return bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3)).reshape(64).astype(np.float32)
