"""Train the digits demo's classifier under CPython and save its weights for the page.

    python build/train_digits.py [--out examples/digits_weights.npz]

scikit-learn is a build dependency only: it trains a one-hidden-layer MLP on its bundled
8x8 digits (``load_digits``, no download) and the weights are saved as plain arrays, so
the page runs the model with numpy alone (``examples/digits_classifier.py``). Training is
seeded, so the file is the same on every machine with the same scikit-learn.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEFAULT_OUT = EXAMPLES / "digits_weights.npz"


def drawn(images: np.ndarray) -> np.ndarray:
    """Each 8x8 image (counts 0-16) through the page's own feature extraction.

    The image is scaled up 4x (a 32x32 drawing) and read back by ``digits_features.features``
    the way the page reads a sketch, so the model learns the inputs the page will give it
    (ink cropped and centred) rather than the raw data's framing.
    """
    sys.path.insert(0, str(EXAMPLES))
    from digits_features import features

    out = []
    for image in images:
        counts = features(np.kron(image / 16.0, np.ones((4, 4))))
        out.append(np.zeros(64, np.float32) if counts is None else counts)
    return np.stack(out)


def train(out: Path) -> float:
    """Fit, save ``w1 b1 w2 b2`` (inputs: ``features()`` counts divided by 16); return test accuracy."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier

    digits = load_digits()
    x = drawn(digits.images) / 16.0
    x_train, x_test, y_train, y_test = train_test_split(x, digits.target, test_size=0.2, random_state=0, stratify=digits.target)
    model = MLPClassifier(hidden_layer_sizes=(64,), alpha=0.1, max_iter=2000, random_state=0)
    model.fit(x_train, y_train)
    accuracy = float(model.score(x_test, y_test))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.stem}.tmp.npz")
    np.savez(
        tmp,
        w1=model.coefs_[0].astype(np.float32),
        b1=model.intercepts_[0].astype(np.float32),
        w2=model.coefs_[1].astype(np.float32),
        b2=model.intercepts_[1].astype(np.float32),
    )
    tmp.replace(out)
    return accuracy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)
    accuracy = train(args.out)
    print(f"Saved {args.out} (held-out accuracy {accuracy:.3f}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
