"""Times one batched call of linear_model.classify on n copies of the test image, in the page
(bench/run.py's baseline for interpretation): returns the median of 9 calls, in ms."""

import statistics
import time

from linear_model import classify, test_image

import pyinterface as gr


def time_batch(n):
    images = [test_image()] * int(n)
    times = []
    for _ in range(9):
        start = time.perf_counter()
        classify(images)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


demo = gr.Interface(time_batch, gr.Number(label="images"), gr.Number(label="ms"), title="Batch timer")

if __name__ == "__main__":
    demo.launch()
