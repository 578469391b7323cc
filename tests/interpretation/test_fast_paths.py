"""The shortcuts image interpretation takes compute exactly what the plain ways compute: the Lab
conversion of 8-bit images by lookup, the heat map's own JSON text (and the protocol writing it
into the reply), and the leave-one-out images painted in one indexed write."""

from __future__ import annotations

import json

import numpy as np
import pytest

import pyinterface as gr
from pyinterface._protocol import encode, make_result
from pyinterface.interpretation import _slic
from pyinterface.interpretation._heatmap import HeatMap
from pyinterface.interpretation._tokens import ImageTokens


def _random_bytes_images(count: int, seed: int):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        height, width = rng.integers(1, 48, 2)
        lowest = int(rng.integers(0, 256))
        highest = int(rng.integers(lowest, 256))  # narrow ranges and flat images too
        yield rng.integers(lowest, highest + 1, (height, width, 3)).astype(np.uint8)


def test_lab_by_lookup_is_the_per_pixel_conversion_to_the_bit():
    images = list(_random_bytes_images(300, seed=3))
    images += [np.zeros((5, 7, 3), np.uint8), np.full((4, 4, 3), 255, np.uint8)]
    for image in images:
        expected = _slic._rgb_to_lab(_slic._stretched(_slic._as_float_channels(image)))
        assert _slic._lab_of_bytes(image).tobytes() == expected.tobytes()


@pytest.mark.parametrize(
    "image", [np.zeros((4, 4), np.uint8), np.zeros((4, 4, 4), np.uint8), np.zeros((4, 4, 3), np.uint16), np.zeros((4, 4, 3))]
)
def test_lab_by_lookup_is_only_for_8_bit_rgb(image):
    assert _slic._lab_of_bytes(image) is None


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (64, 64), (17, 1)])
def test_heat_map_json_text_is_what_json_dumps_prints(shape):
    rng = np.random.default_rng(sum(shape))
    scores = rng.normal(size=40) / 3
    scores[:3] = [0.0, -1.0, 1.0]
    tokens = rng.integers(0, 40, shape)
    heat = HeatMap(scores, tokens)
    assert heat == scores[tokens].tolist() and isinstance(heat, list)
    assert heat.json_text == json.dumps(heat, separators=(",", ":"))


def test_heat_map_with_a_non_finite_score_has_no_text():
    assert HeatMap(np.array([0.5, np.nan]), np.array([[0, 1]])).json_text is None


def test_encode_writes_a_heat_map_as_its_text():
    heat = HeatMap(np.array([0.25, -1 / 3]), np.array([[0, 1], [1, 1]]))
    data = [{"original": "data:image/png;base64,AAAA", "interpretation": heat}, {"original": 2, "interpretation": heat}]
    text = encode(make_result(7, data))
    plain = [{**item, "interpretation": list(heat)} for item in data]
    assert text == json.dumps(make_result(7, plain), separators=(",", ":"))


def test_a_string_shaped_like_a_placeholder_stays_a_string():
    heat = HeatMap(np.array([0.5]), np.array([[0]]))
    lookalike = "\x00json-text-0000000000000000-0"
    decoded = json.loads(encode(make_result(1, [{"original": lookalike, "interpretation": heat}])))
    assert decoded["data"] == [{"original": lookalike, "interpretation": [[0.5]]}]


def test_encode_falls_back_to_plain_values_with_a_heat_map_inside():
    heat = HeatMap(np.array([0.5, np.inf]), np.array([[0, 1]]))  # no text: NaN/inf print as null
    decoded = json.loads(encode(make_result(1, [{"original": np.uint8(3), "interpretation": heat}])))
    assert decoded["data"] == [{"original": 3, "interpretation": [[0.5, None]]}]


def test_leave_one_out_images_paint_each_superpixel_with_the_mean_colour():
    rng = np.random.default_rng(11)
    yy, xx = np.mgrid[:30, :40]
    image = np.stack([xx * 6, yy * 8, (xx + yy) * 3], -1).astype(np.uint8) + rng.integers(0, 9, (30, 40, 3)).astype(np.uint8)
    tokens = ImageTokens(gr.Image(), image)
    for start, stop in ((0, tokens.n_tokens), (2, 5), (tokens.n_tokens - 1, tokens.n_tokens)):
        for row, token in zip(tokens.perturbed(start, stop), range(start, stop)):
            expected = image.copy()
            expected[tokens.token_of_pixel == token] = tokens.mean_colour
            assert np.array_equal(row, expected)


def test_encode_prints_the_text_made_from_the_scores_not_the_list():
    heat = HeatMap(np.array([0.5]), np.array([[0]]))
    heat[0] = ["edited"]  # HeatMap is read-only by contract: this shows which one encode printed
    assert json.loads(encode(make_result(1, [heat])))["data"] == [[[0.5]]]
