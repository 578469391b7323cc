"""The numpy SLIC port against ``skimage.segmentation.slic`` (scikit-image is a test dependency
only), called the way Gradio 3 called it: ``slic(image, n, compactness=10, sigma=1, start_label=1)``.

Thresholds: the port follows scikit-image step by step, so on these images it reproduces the
labels exactly; the margins leave room for floating-point ties and for the one step not ported
(splitting components larger than three mean segments). A regular grid of the same number of
cells, the naive alternative, is scored too and must fall below the thresholds, which shows the
measures can tell a different segmentation apart.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("skimage")
from PIL import Image  # noqa: E402
from skimage import data  # noqa: E402
from skimage.segmentation import find_boundaries  # noqa: E402
from skimage.segmentation import slic as skimage_slic  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from pyinterface.interpretation._slic import slic  # noqa: E402

MIN_ADJUSTED_RAND = 0.9
MIN_BOUNDARY_F1 = 0.9


def _images():
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[:120, :160]
    shapes = np.zeros((120, 160, 3), np.uint8)
    shapes[(yy - 50) ** 2 + (xx - 60) ** 2 < 900] = (220, 40, 40)
    shapes[70:110, 100:150] = (40, 60, 200)
    shapes = np.clip(shapes + rng.integers(0, 25, shapes.shape), 0, 255).astype(np.uint8)
    images = {"shapes": shapes, "gray": np.asarray(Image.fromarray(data.camera()).resize((200, 150)))}
    for name in ("astronaut", "coffee", "chelsea", "rocket"):
        images[name] = np.asarray(Image.fromarray(getattr(data, name)()).resize((224, 224)))
    images["coffee-full"] = data.coffee()
    return images


IMAGES = _images()


def boundary_f1(a: np.ndarray, b: np.ndarray, tolerance: int = 1) -> float:
    """F1 of boundary pixels, a boundary pixel matching when the other map has one within
    ``tolerance`` pixels (the usual superpixel benchmark measure)."""
    ba, bb = find_boundaries(a, mode="inner"), find_boundaries(b, mode="inner")

    def near(mask):
        grown = mask.copy()
        for dy in range(-tolerance, tolerance + 1):
            for dx in range(-tolerance, tolerance + 1):
                grown |= np.roll(np.roll(mask, dy, 0), dx, 1)
        return grown

    precision = (ba & near(bb)).sum() / max(ba.sum(), 1)
    recall = (bb & near(ba)).sum() / max(bb.sum(), 1)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def reference(image, n_segments):
    if image.ndim == 2:
        return skimage_slic(image, n_segments, compactness=10, sigma=1, start_label=1, channel_axis=None)
    return skimage_slic(image, n_segments, compactness=10, sigma=1, start_label=1)


@pytest.mark.parametrize("n_segments", [16, 64])
@pytest.mark.parametrize("name", sorted(IMAGES))
def test_matches_scikit_image(name, n_segments):
    image = IMAGES[name]
    expected = reference(image, n_segments)
    ours = slic(image, n_segments)
    assert ours.shape == expected.shape and ours.min() == 1
    assert abs(int(ours.max()) - int(expected.max())) <= max(1, round(0.1 * expected.max()))
    assert adjusted_rand_score(expected.ravel(), ours.ravel()) >= MIN_ADJUSTED_RAND
    assert boundary_f1(ours, expected) >= MIN_BOUNDARY_F1


def test_a_regular_grid_fails_the_same_thresholds():
    image = IMAGES["coffee"]
    expected = reference(image, 64)
    rows, cols = np.mgrid[: image.shape[0], : image.shape[1]]
    grid = (rows // 28) * 8 + cols // 28 + 1
    assert adjusted_rand_score(expected.ravel(), grid.ravel()) < MIN_ADJUSTED_RAND
    assert boundary_f1(grid, expected) < MIN_BOUNDARY_F1


def test_labels_are_numbered_from_one_in_raster_order():
    labels = slic(IMAGES["shapes"], 16)
    first_seen = [int(v) for v in dict.fromkeys(labels.ravel().tolist())]
    assert first_seen == list(range(1, labels.max() + 1))


def test_uniform_and_tiny_images():
    assert np.unique(slic(np.full((30, 40, 3), 128, np.uint8), 16)).size >= 1
    assert slic(np.zeros((1, 1, 3), np.uint8), 16).tolist() == [[1]]
    with pytest.raises(ValueError, match="n_segments"):
        slic(IMAGES["shapes"], 0)


def test_image_interpretation_runs_without_scikit_image_or_shap():
    code = (
        "import sys, numpy as np, pyinterface as gr\n"
        "img = np.zeros((40, 40, 3), np.uint8); img[:20] = 200\n"
        "io = gr.Interface(lambda im: float(im[:20].mean()), 'image', 'number', interpretation='default')\n"
        "io.interpret([img])\n"
        "io = gr.Interface(lambda im: {'a': float(im.mean()) / 255}, 'image', 'label', interpretation='shap')\n"
        "io.interpret([img])\n"
        "print(sorted(m for m in ('skimage', 'shap', 'scipy', 'sklearn', 'numba') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
