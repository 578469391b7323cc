"""Default image interpretation, 64x64 image, 64 segments, numpy linear classifier (bench/run.py)."""

from linear_model import classify

import pyinterface as gr

demo = gr.Interface(
    classify,
    gr.Image(shape=(64, 64)).set_interpret_parameters(segments=64),
    gr.Label(num_top_classes=3),
    interpretation="default",
    batch=True,
    max_batch_size=128,
    title="Linear classifier",
)

if __name__ == "__main__":
    demo.launch()
