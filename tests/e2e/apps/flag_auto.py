"""allow_flagging="auto" with a file input: every Submit flags the file; its zip holds the file."""

import pyinterface as gr


def size(document):
    with open(document.name, "rb") as handle:
        return f"{document.orig_name}: {len(handle.read())} bytes"


demo = gr.Interface(size, gr.File(label="document"), gr.Textbox(label="size"), allow_flagging="auto",
                    flagging_dir="reports/flags")

if __name__ == "__main__":
    demo.launch()
