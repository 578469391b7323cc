"""The demos in examples/ under CPython: they build, and the digits model reads drawings.

The e2e tests drive the same apps in Chromium; these check the model itself quickly, through
the Interface's own wire path (a PNG data URL in, the Label's value out), as the page calls it.
"""

from __future__ import annotations

import base64
import io
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pyinterface import Interface, _launch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_demo(name: str) -> Interface:
    recording = _launch.recording
    _launch.recording, _launch.launched[:] = True, []
    sys.path.insert(0, str(EXAMPLES))
    try:
        runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
        return _launch.launched[0]
    finally:
        sys.path.remove(str(EXAMPLES))
        _launch.recording, _launch.launched[:] = recording, []


@pytest.fixture(scope="module")
def digits() -> Iterator[Interface]:
    yield load_demo("digits_classifier")


def png_data_url(image: object) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def drawing(strokes: list[list[tuple[int, int]]], size: int = 400, radius: int = 14) -> str:
    """Black strokes on a white 400x400 canvas, as the page's sketch pad draws them."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), "white")
    pen = ImageDraw.Draw(image)
    for stroke in strokes:
        pen.line(stroke, fill="black", width=2 * radius, joint="curve")
        for x, y in stroke:
            pen.ellipse([x - radius, y - radius, x + radius, y + radius], fill="black")
    return png_data_url(image)


def test_gender_classifier_counts_pronouns() -> None:
    demo = load_demo("gender_classifier")
    assert demo("He said his dog likes him.") == {"label": "male", "confidences": [
        {"label": "male", "confidence": 1.0}, {"label": "female", "confidence": 0.0}]}
    assert demo.config()["components"][0]["props"]["value"] == "She went to his house to get her keys."


@pytest.mark.parametrize(
    ("digit", "strokes"),
    [("4", [[(230, 60), (110, 250), (300, 250)], [(230, 60), (230, 340)]]),  # the stroke the e2e test draws
     ("2", [[(120, 120), (160, 70), (240, 70), (280, 130), (120, 330), (290, 330)]])],
)
def test_digits_classifier_reads_drawn_digits(digits: Interface, digit: str, strokes: list[list[tuple[int, int]]]) -> None:
    [label] = digits.process([drawing(strokes)])
    assert label["label"] == digit
    assert len(label["confidences"]) == 3


def test_digits_classifier_reads_held_out_digits_drawn_large(digits: Interface) -> None:
    """The scikit-learn test split, each digit scaled up into a 28x28 drawing: most are read right."""
    import numpy as np
    from PIL import Image
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    data = load_digits()
    _, images, _, targets = train_test_split(data.images, data.target, test_size=0.2, random_state=0, stratify=data.target)
    right = 0
    for image, target in zip(images[:120], targets[:120]):
        ink = Image.fromarray((255 - image / 16 * 255).astype(np.uint8)).resize((20, 20), Image.BILINEAR)
        canvas = Image.new("L", (28, 28), 255)
        canvas.paste(ink, (4, 4))
        [label] = digits.process([png_data_url(canvas)])
        right += label["label"] == str(target)
    assert right / 120 > 0.85


def test_blank_drawing_asks_for_a_digit(digits: Interface) -> None:
    from PIL import Image

    from pyinterface import Error

    with pytest.raises(Error, match="draw a digit first"):
        digits.process([png_data_url(Image.new("RGB", (400, 400), "white"))])


def test_exporting_digits_from_a_fresh_checkout_trains_the_weights(tmp_path: Path) -> None:
    import shutil

    from pyinterface.tooling.export import export_app

    for name in ("digits_classifier.py", "digits_features.py"):
        (tmp_path / "examples").mkdir(exist_ok=True)
        shutil.copy(EXAMPLES / name, tmp_path / "examples" / name)
    (tmp_path / "build").mkdir()
    shutil.copy(EXAMPLES.parent / "build" / "train_digits.py", tmp_path / "build" / "train_digits.py")
    # Training runs inside the export's run of the app: give it more than the default 60 s.
    result = export_app(tmp_path / "examples" / "digits_classifier.py", tmp_path / "site", timeout=600)
    assert (tmp_path / "examples" / "digits_weights.npz").is_file()
    assert "digits_weights.npz" in result.files and result.packages == ["numpy", "pillow"]
