"""File, Video, ColorPicker and Audio in; Textbox, File, Video, Gallery and ColorPicker out."""

import os

import numpy as np

import pyinterface as gr


def describe(document, clip, colour, sound):
    summary = f"{document.orig_name}: {os.path.getsize(document.name)} bytes; video {os.path.basename(clip)}"
    if sound is not None:
        rate, samples = sound
        summary += f"; sound {len(samples)} samples at {rate} Hz"
    report = os.path.join(os.path.dirname(document.name), "report.txt")
    with open(report, "w", encoding="utf-8") as handle:
        handle.write(summary)
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], np.uint8)
    swatch = np.zeros((16, 16, 3), np.uint8) + rgb
    return summary, report, clip, [(swatch, f"colour {colour}"), (swatch // 2, "darker")], colour


demo = gr.Interface(
    describe,
    [gr.File(label="document"), gr.Video(label="clip"), gr.ColorPicker(value="#3366cc", label="colour"),
     gr.Audio(label="sound")],
    [gr.Textbox(label="summary"), gr.File(label="report"), gr.Video(label="replay"),
     gr.Gallery(label="swatches", columns=2), gr.ColorPicker(label="picked")],
    title="Media components",
)

if __name__ == "__main__":
    demo.launch()
