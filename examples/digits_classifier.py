"""Handwritten digits: draw a digit, a small neural network reads it, in your browser.

The weights (``digits_weights.npz`` next to this file) come from ``build/train_digits.py``,
trained under CPython on scikit-learn's bundled 8x8 digits; the page runs the network with
numpy alone. A fresh checkout has no weights yet, so the first export trains them.
``digits_features.py`` turns a drawing into the model's input, here and in training.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
from digits_features import features

import pyinterface as gr

HERE = Path(__file__).resolve().parent
WEIGHTS = HERE / "digits_weights.npz"

if not WEIGHTS.exists() and sys.platform != "emscripten":
    # Exporting from a fresh checkout: train now, under CPython (needs scikit-learn).
    subprocess.run([sys.executable, str(HERE.parent / "build" / "train_digits.py"), "--out", str(WEIGHTS)], check=True)

with np.load(WEIGHTS) as weights:
    W1, B1, W2, B2 = (weights[name] for name in ("w1", "b1", "w2", "b2"))


def predict(counts: np.ndarray) -> np.ndarray:
    """Class probabilities for pixel counts shaped (64,) or (n, 64)."""
    hidden = np.maximum((counts / 16.0) @ W1 + B1, 0.0)
    logits = hidden @ W2 + B2
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def classify(digit):
    if digit is None:
        raise gr.Error("Draw a digit first.")
    counts = features(digit)
    if counts is None:
        raise gr.Error("The drawing is empty: draw a digit first.")
    return {str(label): float(p) for label, p in enumerate(predict(counts))}


demo = gr.Interface(
    fn=classify,
    inputs=gr.Image(image_mode="L", source="canvas", shape=(28, 28), invert_colors=True, label="digit"),
    outputs=gr.Label(num_top_classes=3, label="prediction"),
    title="Handwritten digits",
    description="Draw a digit from 0 to 9. A small neural network, trained on scikit-learn's digits, reads it with numpy in your browser.",
)

if __name__ == "__main__":
    demo.launch()
