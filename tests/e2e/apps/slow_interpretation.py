"""A deliberately slow model (a quarter of a second of busy work per call) for the Interpret
progress bar and Cancel; it also fails on one perturbation ("fragile" without "glue"), and
its second output counts the calls, so a test can see that a cancelled interpretation stops."""

import time

import pyinterface as gr

calls = []


def busy(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def weigh(sentence):
    calls.append(sentence)
    busy(0.25)
    words = sentence.split()
    if "fragile" in words and "glue" not in words:
        raise ValueError("the model breaks on 'fragile' without 'glue'")
    heavy = sum(len(word) for word in words) / max(len(sentence), 1)
    return {"heavy": heavy, "light": 1 - heavy}, len(calls)


demo = gr.Interface(
    weigh,
    gr.Textbox(label="sentence", value=" ".join(["a quick brown fox jumps over the lazy dog"] * 3)),
    [gr.Label(label="weight"), gr.Number(label="fn calls so far")],
    interpretation="default",
    title="Slow interpretation",
)

if __name__ == "__main__":
    demo.launch()
