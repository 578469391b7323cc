"""A Gradio 3 Space for the tests, served by the 3.50.2 oracle of the test environment.

``python gradio3_space_app.py --port N``. Gradio 3.50.2's ``launch()`` refuses to run with this
environment's newer web stack, so its own ``App`` is served with uvicorn directly.
``/run/predict``: (image, caption) -> (inverted image, CAPTION); caption "fail" raises gr.Error.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import uvicorn  # noqa: E402
from gradio.routes import App  # noqa: E402


def invert(image, caption):
    if caption == "fail":
        raise gr.Error("Refusing to invert this one.")
    return 255 - image, caption.upper()


def build() -> gr.Interface:
    assert gr.__version__ == "3.50.2", gr.__version__
    return gr.Interface(invert, [gr.Image(type="numpy", label="Picture"), gr.Textbox(label="Caption")],
                        [gr.Image(label="Inverted"), gr.Textbox(label="Shouted")], title="An old Space")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    uvicorn.run(App.create_app(build()), host="127.0.0.1", port=parser.parse_args().port, log_level="warning")
