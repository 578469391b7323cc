"""An interpretation whose every model call holds Python's thread for `seconds` (tests/e2e/test_faults.py):
a Cancel lands between calls, so the worker stays busy up to one call after it; its second output
counts the calls, so a test can see the cancelled interpretation stopped."""

import time

import pyinterface as gr

calls = []


def weigh(sentence, seconds):
    calls.append(sentence)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass
    words = sentence.split()
    return {"long words": sum(len(w) > 4 for w in words) / max(len(words), 1)}, len(calls)


demo = gr.Interface(
    weigh,
    [gr.Textbox(label="sentence", value="one two three four five six seven eight nine ten"), gr.Number(label="seconds", value=1)],
    [gr.Label(label="weight"), gr.Number(label="fn calls so far")],
    interpretation=["default", None],
)

if __name__ == "__main__":
    demo.launch()
