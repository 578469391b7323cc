"""cache_examples=True: two examples cached at export, one cached by the page on its first click.

fn counts its runs, so a test sees whether a click ran it: the export ran it under CPython for
"hello" and "world"; "browser" imports `js`, which only the page has, so the export leaves that
example to the page.
"""

import numpy as np

import pyinterface as gr

runs = 0


def paint(word, shade):
    global runs
    runs += 1
    if word == "browser":
        import js  # noqa: F401 - only the page's Python has it
    return f"{word.upper()}, run {runs}", np.full((8, 8, 3), shade, dtype=np.uint8)


demo = gr.Interface(
    paint,
    [gr.Textbox(label="word"), gr.Slider(0, 255, step=1, label="shade")],
    [gr.Textbox(label="said"), gr.Image(label="swatch")],
    examples=[["hello", 40], ["browser", 200], ["world", 90]],
    cache_examples=True,
    title="Cached examples",
)

if __name__ == "__main__":
    demo.launch()
