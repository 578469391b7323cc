"""A sample app for the GitHub Pages workflow next to this file: replace it with your own."""

import pyinterface as gr


def reverse(text: str) -> str:
    return text[::-1]


demo = gr.Interface(
    reverse,
    gr.Textbox(label="text", value="Hello from GitHub Pages"),
    gr.Textbox(label="reversed"),
    title="Reverse a sentence",
    description="Python running in your browser, published by GitHub Actions.",
)

if __name__ == "__main__":
    demo.launch()
