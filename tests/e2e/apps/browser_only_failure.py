"""Imports fine under CPython (so it exports) but raises when the page runs it in Pyodide."""

import sys

import pyinterface as gr


def check_platform():
    if sys.platform == "emscripten":
        raise RuntimeError("this app refuses to start in the browser")


check_platform()

demo = gr.Interface(lambda text: text, gr.Textbox(label="text"), gr.Textbox(label="echo"), title="Fails in the browser")

if __name__ == "__main__":
    demo.launch()
