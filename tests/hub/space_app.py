"""A small real Space for the tests: a "remove background" stand-in, served by modern Gradio.

Run by the ``real_space`` fixture with the Python of ``build/.cache/gradio-modern-venv`` (the
test environment itself holds Gradio 3.50.2 as an oracle, so this one needs its own venv)::

    python space_app.py --port 7861

Endpoints (Gradio's own ``/config``, ``/gradio_api/upload`` and ``/gradio_api/call/...``):

* ``/remove_bg``: image -> the same image with its bright background made transparent
  (pixels whose darkest channel is >= 200); an image that is all background raises
  ``gr.Error`` with a message;
* ``/describe``: text -> "N words: TEXT";
* ``/crash``: raises a plain ValueError (Gradio hides its message unless show_error=True).
"""

from __future__ import annotations

import argparse

import gradio as gr
import numpy as np

THRESHOLD = 200


def remove_bg(image: np.ndarray | None) -> np.ndarray:
    if image is None:
        raise gr.Error("Upload an image first.")
    rgb = image[..., :3]
    background = rgb.min(axis=2) >= THRESHOLD
    if background.all():
        raise gr.Error(f"No foreground found: every pixel is brighter than {THRESHOLD}.")
    alpha = np.where(background, 0, 255).astype(np.uint8)
    return np.dstack([rgb, alpha])


def describe(text: str) -> str:
    return f"{len(text.split())} words: {text.upper()}"


def crash(text: str) -> str:
    raise ValueError(f"secret internal detail about {text!r}")


def build() -> gr.Blocks:
    with gr.Blocks(title="Remove background") as demo:
        with gr.Row():
            photo = gr.Image(type="numpy", label="Photo", sources=["upload", "webcam"])
            foreground = gr.Image(type="numpy", label="Foreground", image_mode="RGBA")
        gr.Button("Remove background").click(remove_bg, photo, foreground, api_name="remove_bg")
        text = gr.Textbox(label="Text")
        description = gr.Textbox(label="Description")
        gr.Button("Describe").click(describe, text, description, api_name="describe")
        gr.Button("Crash", visible=False).click(crash, text, description, api_name="crash")
    return demo


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    build().launch(server_name="127.0.0.1", server_port=args.port, quiet=True)
