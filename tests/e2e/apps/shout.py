"""A fn that raises gr.Error on empty input: the page shows the message and keeps working."""

import pyinterface as gr


def shout(text):
    if not text.strip():
        raise gr.Error("Type something first.")
    return text.upper() + "!"


demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="shouted"), title="Shout")

if __name__ == "__main__":
    demo.launch()
