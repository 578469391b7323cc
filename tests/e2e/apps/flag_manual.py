"""Manual flagging with two options: the e2e flags three runs and downloads log.csv."""

import pyinterface as gr


def shout(text, times):
    return (text.upper() + "!") * int(times)


demo = gr.Interface(
    shout,
    [gr.Textbox(label="text"), gr.Number(value=1, label="times")],
    gr.Textbox(label="shouted"),
    flagging_options=["wrong", "funny"],
    title="Flag me",
)

if __name__ == "__main__":
    demo.launch()
