"""Kernel SHAP: exact where the budget allows, and better than ``shap.KernelExplainer`` at the
same budget. The real ``shap`` package is the oracle (test dependency only)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import pyinterface as gr
from pyinterface.interpretation import _shap

shap = pytest.importorskip("shap")


# -- games: vectorised value functions over boolean coalition matrices (n, players) -------------


def _games(players: int, rng: np.random.Generator) -> dict:
    a = rng.normal(size=players)
    b = np.triu(rng.normal(size=(players, players)) * 0.5, 1)

    def pairwise(z):
        z = z.astype(float)
        return z @ a + np.einsum("ni,ij,nj->n", z, b, z)

    def sigmoid(z):
        return 1 / (1 + np.exp(-(pairwise(z) + 0.3)))

    terms = [
        (rng.choice(players, size=rng.integers(1, min(players, 4) + 1), replace=False), rng.normal())
        for _ in range(3 * players)
    ]

    def unanimity(z):  # higher-order interactions: a sum of "all of these players" terms
        return sum(coef * z[:, list(members)].all(axis=1) for members, coef in terms)

    features, weights = rng.normal(size=(players, 20)), rng.normal(size=(20, 10))
    top = int(np.argmax(np.ones(players) @ features @ weights))

    def softmax(z):  # an image-like classifier: confidence of the full input's top class
        logits = z.astype(float) @ features @ weights
        logits -= logits.max(axis=1, keepdims=True)
        return np.exp(logits[:, top]) / np.exp(logits).sum(axis=1)

    word_weights, negation = rng.normal(size=players), int(rng.integers(players))

    def text(z):  # a bag-of-words sentiment model with a negation word that flips the others
        score = z.astype(float) @ word_weights
        return 1 / (1 + np.exp(-np.where(z[:, negation], -score, score)))

    return {"pairwise": pairwise, "sigmoid": sigmoid, "unanimity": unanimity, "softmax": softmax, "text": text}


def exact_shapley(value, players: int) -> np.ndarray:
    codes = np.arange(2**players)
    coalitions = ((codes[:, None] >> np.arange(players)) & 1).astype(bool)
    values = value(coalitions)
    sizes = coalitions.sum(axis=1)
    weight = np.array([math.factorial(s) * math.factorial(players - s - 1) / math.factorial(players) for s in range(players)])
    phi = np.zeros(players)
    for i in range(players):
        without = codes[~coalitions[:, i]]
        phi[i] = np.sum(weight[sizes[without]] * (values[without | (1 << i)] - values[without]))
    return phi


def ours(value, players: int, budget: int, seed: int) -> np.ndarray:
    plan = _shap.plan(players, budget, seed)
    values = value(plan.masks) if len(plan.masks) else np.zeros(0)
    return _shap.solve(plan, values, value(np.zeros((1, players), bool))[0], value(np.ones((1, players), bool))[0])


def kernel_explainer(value, players: int, budget: int, seed: int, **options) -> np.ndarray:
    np.random.seed(seed)  # KernelExplainer samples with numpy's global generator
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        explainer = shap.KernelExplainer(lambda x: value(x.astype(bool)).astype(float), np.zeros((1, players)))
        result = explainer.shap_values(np.ones((1, players)), nsamples=budget, silent=True, **options)
    return np.asarray(result).reshape(-1)[:players]


# -- exactness -----------------------------------------------------------------------------------


@pytest.mark.parametrize("players", [1, 2, 3, 6, 9])
def test_exact_when_the_budget_covers_every_coalition(players):
    for name, value in _games(players, np.random.default_rng(players)).items():
        plan = _shap.plan(players, 2**players - 2)
        assert plan.exact
        assert ours(value, players, 2**players - 2, 0) == pytest.approx(exact_shapley(value, players), abs=1e-9), name


def test_exact_for_pairwise_games_once_sizes_one_and_n_minus_one_are_covered():
    players = 14
    value = _games(players, np.random.default_rng(3))["pairwise"]
    assert ours(value, players, 2 * players, 0) == pytest.approx(exact_shapley(value, players), abs=1e-9)


def test_the_plan_respects_the_budget_and_is_deterministic():
    for players, budget in [(5, 7), (12, 24), (20, 100), (40, 13), (64, 128)]:
        plan = _shap.plan(players, budget)
        assert len(plan.masks) <= budget
        assert not plan.masks.all(axis=1).any() and plan.masks.any(axis=1).all()
        assert len({row.tobytes() for row in plan.masks}) == len(plan.masks)
        again = _shap.plan(players, budget)
        assert np.array_equal(plan.masks, again.masks) and np.array_equal(plan.weights, again.weights)


def test_values_always_add_up_to_the_total_change():
    players = 16
    value = _games(players, np.random.default_rng(5))["unanimity"]
    for budget in (3, 16, 40):
        phi = ours(value, players, budget, 1)
        total = value(np.ones((1, players), bool))[0] - value(np.zeros((1, players), bool))[0]
        assert phi.sum() == pytest.approx(total)


# -- against shap.KernelExplainer at the same budget ---------------------------------------------


@pytest.mark.parametrize("players", [8, 12, 16])
@pytest.mark.parametrize("num_shap", [2, 5])
def test_lower_error_than_kernel_explainer_at_equal_budget(players, num_shap):
    """RMSE against exact Shapley values, averaged over five games and six seeds, for shap's
    defaults (as Gradio called it) and for shap without its L1 feature selection (its most
    accurate setting at these budgets)."""
    budget = int(num_shap * players)
    errors = {"ours": [], "shap default": [], "shap l1_reg=False": []}
    for name, value in _games(players, np.random.default_rng(players)).items():
        exact = exact_shapley(value, players)

        def rmse(estimate):
            return float(np.sqrt(np.mean((estimate - exact) ** 2)))

        for seed in range(6):
            errors["ours"].append(rmse(ours(value, players, budget, seed)))
            errors["shap default"].append(rmse(kernel_explainer(value, players, budget, seed)))
            errors["shap l1_reg=False"].append(rmse(kernel_explainer(value, players, budget, seed, l1_reg=False)))
    mean = {key: float(np.mean(values)) for key, values in errors.items()}
    assert mean["ours"] <= mean["shap default"], mean
    assert mean["ours"] <= mean["shap l1_reg=False"], mean


# -- through the Interface -----------------------------------------------------------------------

WORDS = {"great": 2.0, "awful": -2.5, "not": 0.0, "fun": 1.0, "plot": 0.2}


def sentiment(text):
    words = text.lower().split()
    score = sum(WORDS.get(w, 0.0) for w in words) * (-1 if "not" in words else 1)
    positive = 1 / (1 + math.exp(-score))
    return {"positive": positive, "negative": 1 - positive}


def test_text_shap_is_the_exact_shapley_value_when_affordable():
    sentence = "not a great plot but fun"
    tokens = sentence.split(" ")
    io = gr.Interface(sentiment, "textbox", "label", interpretation="shap", num_shap=2**len(tokens))
    pairs = io.interpret([sentence])[0]["interpretation"]
    assert [t for t, _ in pairs[::2]] == tokens and all(p == (" ", 0) for p in pairs[1::2])

    top = max(sentiment(sentence).items(), key=lambda item: item[1])[0]  # "negative": "not" flips it

    def value(coalitions):
        return np.array([sentiment(" ".join(t for t, keep in zip(tokens, row) if keep))[top] for row in coalitions])

    assert [s for _, s in pairs[::2]] == pytest.approx(exact_shapley(value, len(tokens)).tolist(), abs=1e-9)


def test_several_inputs_play_one_game():
    def fn(first, second):
        return sentiment(first + " " + second)

    io = gr.Interface(fn, ["textbox", "textbox"], "label", interpretation="shap", num_shap=64)
    first, second = io.interpret(["great plot", "not fun"])
    scores = [s for _, s in first["interpretation"][::2]] + [s for _, s in second["interpretation"][::2]]
    full, empty = sentiment("great plot not fun")["negative"], sentiment(" ")["negative"]
    assert sum(scores) == pytest.approx(full - empty)  # one game: efficiency across both inputs
    # "not" flips the sentence, so within the joint game it is the most important word
    assert max(range(4), key=lambda i: abs(scores[i])) == 2


def test_audio_shap_works():
    rate = 8000
    quiet, loud = np.zeros(rate, np.int16), (np.sin(np.arange(rate) / 3) * 20000).astype(np.int16)
    clip = np.concatenate([quiet, loud])

    def loudness(audio):
        _, samples = audio
        return {"loud": float(np.abs(samples.astype(float)).mean() / 20000)}

    io = gr.Interface(loudness, "audio", "label", interpretation="shap", num_shap=40)
    scores = io.interpret([(rate, clip)])[0]["interpretation"]
    assert len(scores) == 8
    assert max(scores[:4]) == pytest.approx(0, abs=1e-9) and min(scores[4:]) > 0


def test_image_shap_gives_a_signed_map():
    image = np.zeros((48, 48, 3), np.uint8)
    image[:, :24] = (250, 30, 30)
    image[:, 24:] = (30, 30, 250)

    def redness(img):
        red = img[:, :, 0].astype(float).mean() / 255
        blue = img[:, :, 2].astype(float).mean() / 255
        return {"red": red / (red + blue + 1e-9), "blue": blue / (red + blue + 1e-9)}

    io = gr.Interface(redness, "image", "label", interpretation="shap", num_shap=8)
    heat = np.array(io.interpret([image])[0]["interpretation"])
    assert heat.shape == (48, 48) and np.abs(heat).max() == pytest.approx(1.0)
    assert heat[:, :24].mean() > 0 > heat[:, 24:].mean()


def test_shap_rejects_inputs_without_tokens_by_name_when_the_interface_is_built():
    with pytest.raises(ValueError, match=r"Input component Number 'age' does not support `shap` interpretation"):
        gr.Interface(lambda x: x, gr.Number(label="age"), "label", interpretation="shap")
