"""Gradio 3's documented `file=` pattern: a background image from the app's folder
(the test writes clouds.jpg beside this file before exporting it)."""

import pyinterface as gr


def echo(text):
    return text


demo = gr.Interface(echo, gr.Textbox(label="text"), gr.Textbox(label="echo"), title="Clouds",
                    css="body {background-image: url('file=clouds.jpg')}")

if __name__ == "__main__":
    demo.launch()
