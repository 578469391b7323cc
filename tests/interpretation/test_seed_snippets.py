"""The three interpretation snippets of Gradio 3's guide run unchanged with
``import pyinterface as gr``: gender (default), gender (custom function), and the image
classifier with "default" and "shap" (a local numpy model stands in for TensorFlow's
MobileNetV2 and the downloaded label list)."""

from __future__ import annotations

import re

import numpy as np
import pytest

import pyinterface as gr

SENTENCE = "She went to his house to get her keys."

# -- snippet 1: gender_sentence_default_interpretation -------------------------------------------

male_words, female_words = ["he", "his", "him"], ["she", "hers", "her"]


def gender_of_sentence(sentence):
    male_count = len([word for word in sentence.split() if word.lower() in male_words])
    female_count = len([word for word in sentence.split() if word.lower() in female_words])
    total = max(male_count + female_count, 1)
    return {"male": male_count / total, "female": female_count / total}


def test_gender_default():
    demo = gr.Interface(
        fn=gender_of_sentence,
        inputs=gr.Textbox(value="She went to his house to get her keys."),
        outputs="label",
        interpretation="default",
    )
    (result,) = demo.interpret([SENTENCE])
    assert result["original"] == SENTENCE
    scores = dict(result["interpretation"][::2])
    # "female" is the top class (2/3): removing "She" or "her" lowers it, removing "his" raises it
    assert scores["She"] == pytest.approx(2 / 3 - 1 / 2)
    assert scores["her"] == pytest.approx(2 / 3 - 1 / 2)
    assert scores["his"] == pytest.approx(2 / 3 - 1)
    assert all(scores[w] == 0 for w in ("went", "to", "house", "get", "keys."))


# -- snippet 2: gender_sentence_custom_interpretation --------------------------------------------


def interpret_gender(sentence):
    result = gender_of_sentence(sentence)
    is_male = result["male"] > result["female"]
    interpretation = []
    for word in re.split("( )", sentence):
        score = 0
        token = word.lower()
        if (is_male and token in male_words) or (not is_male and token in female_words):
            score = 1
        elif (is_male and token in female_words) or (not is_male and token in male_words):
            score = -1
        interpretation.append((word, score))
    # Output must be a list of lists containing the same number of elements as inputs
    # Each element corresponds to the interpretation scores for the given input
    return [interpretation]


def test_gender_custom():
    demo = gr.Interface(
        fn=gender_of_sentence,
        inputs=gr.Textbox(value="She went to his house to get her keys."),
        outputs="label",
        interpretation=interpret_gender,
    )
    (result,) = demo.interpret([SENTENCE])
    assert result["interpretation"] == interpret_gender(SENTENCE)[0]
    assert ("She", 1) in result["interpretation"] and ("his", -1) in result["interpretation"]
    # the page also sends the current outputs after the inputs; they are ignored
    assert demo.interpret([SENTENCE, gender_of_sentence(SENTENCE)]) == [result]


# -- snippet 3: image_classifier_interpretation (default and shap) -------------------------------


class LocalMobileNet:
    """Stands in for ``tf.keras.applications.MobileNetV2()``: a fixed linear map from 8×8
    average-pooled pixels to 1000 softmax classes. Class 0 ("tabby") is driven by red in the
    top-left quarter of the image, so an explanation has a known right answer."""

    def __init__(self):
        rng = np.random.default_rng(0)
        self.weights = rng.normal(scale=0.5, size=(8, 8, 3, 1000))
        self.weights[:4, :4, 0, 0] = 1.5  # red, top-left quarter -> "tabby"

    def predict(self, batch):
        pooled = batch.reshape(-1, 8, 28, 8, 28, 3).mean(axis=(2, 4))
        logits = np.einsum("nhwc,hwck->nk", pooled, self.weights)
        logits -= logits.max(axis=1, keepdims=True)
        return np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)


inception_net = LocalMobileNet()
labels = ["tabby"] + [f"class {i}" for i in range(1, 1000)]


def preprocess_input(x):  # tf.keras.applications.mobilenet_v2.preprocess_input
    return x / 127.5 - 1.0


def classify_image(inp):
    inp = inp.reshape((-1, 224, 224, 3))
    inp = preprocess_input(inp)
    prediction = inception_net.predict(inp).flatten()
    return {labels[i]: float(prediction[i]) for i in range(1000)}


def cat_picture():
    rng = np.random.default_rng(1)
    picture = rng.integers(60, 140, size=(300, 300, 3)).astype(np.uint8)
    picture[:150, :150] = (235, 40, 40)  # becomes the top-left quarter after resizing to 224
    return picture


@pytest.mark.parametrize("method", ["default", "shap"])
def test_image_classifier(method):
    image = gr.Image(shape=(224, 224))
    label = gr.Label(num_top_classes=3)
    options = {"num_shap": 5} if method == "shap" else {}
    demo = gr.Interface(fn=classify_image, inputs=image, outputs=label, interpretation=method, **options)
    picture = cat_picture()
    assert max(classify_image(np.asarray(image.preprocess(picture))).items(), key=lambda kv: kv[1])[0] == "tabby"
    heat = np.array(demo.interpret([picture])[0]["interpretation"])
    assert heat.shape == (224, 224)
    assert np.abs(heat).max() == pytest.approx(1.0)
    # the superpixels of the red quarter carry the evidence for "tabby"
    assert heat[20:90, 20:90].mean() > 0.5
    assert heat[130:, 130:].mean() < heat[20:90, 20:90].mean() / 4
