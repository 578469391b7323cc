"""A fn under Interface(timeout=2) (tests/e2e/test_faults.py): "wait" awaits past the limit and
is cancelled at its await; "loop" holds Python's thread, so Python is restarted; anything else answers."""

import asyncio

import pyinterface as gr

calls = []


async def run(what):
    calls.append(what)
    if what == "wait":
        await asyncio.sleep(30)
    if what == "loop":
        while True:
            pass
    return f"ok: {what} (call {len(calls)})"


demo = gr.Interface(run, gr.Textbox(label="what"), gr.Textbox(label="output"), timeout=2)

if __name__ == "__main__":
    demo.launch()
