"""The interpretation benchmark's model: a fixed random linear classifier on 64x64 RGB pixels
(10 classes, numpy only), and the test image it explains."""

import numpy as np

SIZE = 64
LABELS = [f"class {i}" for i in range(10)]
_rng = np.random.default_rng(0)
WEIGHTS = _rng.normal(scale=0.02, size=(SIZE * SIZE * 3, len(LABELS)))
BIAS = _rng.normal(scale=0.1, size=len(LABELS))


def probabilities(images: list) -> np.ndarray:
    logits = (np.stack(images).reshape(len(images), -1) / 255.0) @ WEIGHTS + BIAS
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def classify(images: list) -> list:
    """Batch fn: one list of images in, one list of {label: probability} out."""
    return [[dict(zip(LABELS, row.tolist())) for row in probabilities(images)]]


def test_image() -> np.ndarray:
    """Smooth colour waves and a disc: enough structure for SLIC to find its 64 segments."""
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    disc = ((x - 40) ** 2 + (y - 24) ** 2 < 180).astype(float)
    channels = [
        128 + 90 * np.sin(x / 7.0) * (1 - disc),
        128 + 90 * np.cos(y / 5.0),
        60 + 150 * disc + 30 * np.sin((x + y) / 9.0),
    ]
    return np.clip(np.stack(channels, axis=-1), 0, 255).astype(np.uint8)
