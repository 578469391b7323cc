"""A page for the Content-Security-Policy tests (tests/e2e/test_csp.py): HighlightedText with
its legend colours, a Label's bars, a ColorPicker whose prerendered swatch has a style
attribute, css= that colours the page and the app, interpretation's word colours, and a
description whose HTML carries a style attribute, as Gradio apps write them."""

import pyinterface as gr

CSS = """
body {background-color: rgb(10, 20, 30)}
.gradio-container {border: 4px solid rgb(1, 2, 3)}
"""


def tag_words(text, colour):
    words = text.split()
    tagged = [(word + " ", "long" if len(word) > 4 else "short") for word in words]
    long_share = sum(len(w) > 4 for w in words) / max(1, len(words))
    return tagged, {"long": long_share, "short": 1 - long_share}


def interpret(text, colour):
    """Gradio 3's custom interpretation: (word, score) pairs for the text, nothing for the colour."""
    return [[(word, 0.8 if len(word) > 4 else -0.5) for word in text.split()], None]


demo = gr.Interface(
    tag_words,
    [gr.Textbox(label="text"), gr.ColorPicker(value="#ff0000", label="colour")],
    [gr.HighlightedText(label="tags", show_legend=True, color_map={"long": "#00ff00"}),
     gr.Label(label="share", value={"long": 0.25, "short": 0.75})],
    css=CSS,
    interpretation=interpret,
    title="CSP legend",
    description='Words <span class="tinted" style="color: rgb(200, 0, 100)">tagged</span> by length.',
)

if __name__ == "__main__":
    demo.launch()
