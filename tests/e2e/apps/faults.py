"""Every way a fn can stop Python or swamp the page, picked by the text typed (tests/e2e/test_faults.py):
each must end with a clean message and a page that still answers, without a reload."""

import os
import time

import pyinterface as gr

calls = []


def nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def busy(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def run(what):
    calls.append(what)
    if what == "exit":
        os._exit(1)
    if what == "nest":
        return repr(nested(1_000_000))
    if what == "loop":
        while True:
            pass
    if what == "bytes":
        return str(len(bytearray(2**31)))
    if what == "most bytes":
        return str(len(bytearray(2**31 - 1)))
    if what == "grow":
        hoard = []
        while True:
            hoard.append(bytearray(2**24))
    if what == "huge":
        return "x" * 150_000_000
    if what.startswith("sleep "):
        busy(float(what.split()[1]))
    return f"ok: {what} (call {len(calls)})"


demo = gr.Interface(run, gr.Textbox(label="what"), gr.Textbox(label="output"), title="Faults")

if __name__ == "__main__":
    demo.launch()
