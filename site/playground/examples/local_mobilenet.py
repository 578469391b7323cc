"""Stand-ins for what Gradio's image classifier snippet downloads: TensorFlow's MobileNetV2 and
the ImageNet label list. A fixed numpy model over 224×224 RGB images with 1000 classes, built
so its explanations have a known right answer: class 0 ("tabby") rises with red in the
top-left quarter of the image and falls with green in the bottom-right quarter."""

import numpy as np


class MobileNetV2:
    """``predict(batch)`` like Keras: (n, 224, 224, 3) in [-1, 1] -> (n, 1000) probabilities."""

    def __init__(self):
        rng = np.random.default_rng(0)
        self.weights = rng.normal(scale=0.05, size=(8, 8, 3, 1000))
        self.weights[:4, :4, 0, 0] = 0.5  # red, top-left quarter -> "tabby"
        self.weights[4:, 4:, 1, 0] = -0.25  # green, bottom-right quarter -> not "tabby"

    def predict(self, batch):
        pooled = batch.reshape(-1, 8, 28, 8, 28, 3).mean(axis=(2, 4))
        logits = np.einsum("nhwc,hwck->nk", pooled, self.weights)
        logits -= logits.max(axis=1, keepdims=True)
        return np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)


def preprocess_input(x):
    """tf.keras.applications.mobilenet_v2.preprocess_input: pixels to [-1, 1]."""
    return x / 127.5 - 1.0


LABELS = ["tabby"] + [f"class {i}" for i in range(1, 1000)]


def example_picture():
    """400×300 noise with a red block (top-left after the 224×224 centre crop: "tabby") and a
    green block (bottom-right: against "tabby"), so an explanation has a known right answer."""
    picture = np.random.default_rng(1).integers(60, 140, size=(300, 400, 3)).astype(np.uint8)
    picture[:150, 50:200] = (235, 40, 40)
    picture[225:, 275:350] = (40, 200, 60)
    return picture
