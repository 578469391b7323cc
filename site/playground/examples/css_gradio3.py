"""Custom CSS as Gradio 3 users wrote it: page-level selectors (body, .gradio-container, :root)
that pyinterface maps onto the app's own root, inside its shadow root."""

import pyinterface as gr

CSS = """
body {background-color: red}
.gradio-container {max-width: 500px}
body .pyi-title {letter-spacing: 3px}
@media (min-width: 1px) { :root { --pyi-accent: rgb(0, 128, 0); } }
"""


def reverse(text):
    return text[::-1]


demo = gr.Interface(reverse, gr.Textbox(label="text"), gr.Textbox(label="reversed"), title="Styled", css=CSS)

if __name__ == "__main__":
    demo.launch()
