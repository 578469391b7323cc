"""The Gradio 3 guide's "Using Hugging Face Integrations" snippets, run unchanged under CPython.

The Hub is the loopback emulator (gpt2, gpt-neo-2.7B, gpt-j-6B and t5-small registered, t5-small
tagged translation and renamed as on the real Hub); ``eugenesiow/remove-bg`` is the real local
Space. ``launch()`` only records (``pyinterface._launch.recording``), as under export.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

import pyinterface
import pyinterface._launch
from tests.hub_emulator import continuation, translate

pytestmark = pytest.mark.usefixtures("hub")

SNIPPETS = {
    "load": """
        import pyinterface as gr
        demo = gr.load("huggingface/gpt2")
    """,
    "interface_load": """
        import pyinterface as gr
        demo = gr.Interface.load("huggingface/gpt2")
    """,
    "space": """
        import pyinterface as gr
        gr.Interface.load("spaces/eugenesiow/remove-bg", inputs="webcam", title="Remove your webcam background!").launch()
    """,
    "parallel": """
        import pyinterface as gr
        generator1 = gr.Interface.load("huggingface/gpt2")
        generator2 = gr.Interface.load("huggingface/EleutherAI/gpt-neo-2.7B")
        generator3 = gr.Interface.load("huggingface/EleutherAI/gpt-j-6B")
        gr.Parallel(generator1, generator2, generator3).launch()
    """,
    "series": """
        import pyinterface as gr
        generator = gr.Interface.load("huggingface/gpt2")
        translator = gr.Interface.load("huggingface/t5-small")
        gr.Series(generator, translator).launch()
    """,
}


@pytest.fixture()
def run_snippet(monkeypatch):
    monkeypatch.setattr(pyinterface._launch, "recording", True)
    monkeypatch.setattr(pyinterface._launch, "launched", [])

    def run(name: str) -> tuple[dict, list]:
        namespace: dict = {"__name__": "__main__"}
        exec(compile(textwrap.dedent(SNIPPETS[name]), f"<snippet {name}>", "exec"), namespace)
        return namespace, pyinterface._launch.launched

    return run


def test_gr_load_is_the_hub_loader():
    assert pyinterface.load is pyinterface.hub.load
    assert "load" in pyinterface.__all__


@pytest.mark.parametrize("name", ["load", "interface_load"])
def test_loading_gpt2(run_snippet, name):
    namespace, _ = run_snippet(name)
    demo = namespace["demo"]
    assert isinstance(demo, pyinterface.Interface)
    assert demo("It was the best of times") == f"It was the best of times {continuation('gpt2', 'It was the best of times')}"


def test_remove_bg_space_from_the_webcam(run_snippet, space):
    _, launched = run_snippet("space")
    (app,) = launched
    assert app.title == "Remove your webcam background!" and app.input_components[0].source == "webcam"
    frame = np.full((24, 32, 3), 255, np.uint8)
    frame[4:20, 4:12] = (40, 40, 160)
    cutout = app(frame)
    assert cutout.shape == (24, 32, 4)
    assert cutout[12, 31 - 8, 3] == 255 and cutout[0, 0, 3] == 0  # mirrored webcam frame, background cut out


def test_parallel_generators(run_snippet):
    _, launched = run_snippet("parallel")
    (app,) = launched
    assert isinstance(app, pyinterface.Parallel) and len(app.output_components) == 3
    prompt = "Once upon a time"
    assert app(prompt) == [f"{prompt} {continuation(model, prompt)}"
                           for model in ("gpt2", "EleutherAI/gpt-neo-2.7B", "EleutherAI/gpt-j-6B")]


def test_series_generator_then_translator(run_snippet):
    _, launched = run_snippet("series")
    (app,) = launched
    assert isinstance(app, pyinterface.Series)
    prompt = "My name is Sarah and I live in London"
    generated = f"{prompt} {continuation('gpt2', prompt)}"
    assert app(prompt) == translate(generated)
    assert app(prompt).startswith("Mein Name ist Sarah und ich lebe in London ")
