"""The three interpretation snippets of Gradio 3's guide run unchanged with
``import pyinterface as gr``: gender (default), gender (custom function), and the image
classifier with "default" and "shap" (a local numpy model stands in for TensorFlow's
MobileNetV2 and the downloaded label list).

The snippets are the very files the exported-page tests serve (examples/ and
tests/e2e/apps/), run here under CPython the way the worker runs them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

from pyinterface._launch import run_app

ROOT = Path(__file__).resolve().parents[2]
APPS = ROOT / "tests" / "e2e" / "apps"
SENTENCE = "She went to his house to get her keys."


@pytest.fixture
def load_snippet(monkeypatch):
    """Run a snippet file as the page does and return (its Interface, its module namespace)."""
    monkeypatch.chdir(os.getcwd())  # run_app moves into the app's folder; come back after
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", list(sys.argv))

    def load(path: Path):
        interface = run_app(path, path.parent)
        return interface, sys.modules.get("local_mobilenet")

    yield load
    sys.modules.pop("local_mobilenet", None)


def test_gender_default(load_snippet):
    demo, _ = load_snippet(ROOT / "examples" / "gender_classifier.py")
    (result,) = demo.interpret([SENTENCE])
    assert result["original"] == SENTENCE
    scores = dict(result["interpretation"][::2])
    # "female" is the top class (2/3): removing "She" or "her" lowers it, removing "his" raises it
    assert scores["She"] == pytest.approx(2 / 3 - 1 / 2)
    assert scores["her"] == pytest.approx(2 / 3 - 1 / 2)
    assert scores["his"] == pytest.approx(2 / 3 - 1)
    assert all(scores[w] == 0 for w in ("went", "to", "house", "get", "keys."))


def test_gender_custom(load_snippet):
    demo, _ = load_snippet(APPS / "gender_custom.py")
    (result,) = demo.interpret([SENTENCE])
    assert result["interpretation"] == demo.interpretation(SENTENCE)[0]
    assert ("She", 1) in result["interpretation"] and ("his", -1) in result["interpretation"]
    # the page also sends the current outputs after the inputs; they are ignored
    assert demo.interpret([SENTENCE, demo.fn(SENTENCE)]) == [result]


@pytest.mark.parametrize("snippet", ["image_classifier.py", "image_classifier_shap.py"])
def test_image_classifier(load_snippet, snippet):
    demo, local_mobilenet = load_snippet(APPS / snippet)
    picture = local_mobilenet.example_picture()
    image = demo.input_components[0]
    top = max(demo.fn(np.asarray(image.preprocess(picture))).items(), key=lambda kv: kv[1])[0]
    assert top == "tabby"
    heat = np.array(demo.interpret([picture])[0]["interpretation"])
    assert heat.shape == (224, 224)
    assert np.abs(heat).max() == pytest.approx(1.0)
    # the superpixels of the red block (top-left) carry the evidence for "tabby"; the green
    # block (bottom-right) counts against it
    assert heat[20:90, 20:90].mean() > 0.5
    assert heat[150:, 150:].mean() < 0
