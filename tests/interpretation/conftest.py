"""Shared helpers: Gradio 3.50.2 as the oracle (test dependency only, never imported by the
library) and small deterministic models."""

from __future__ import annotations

import asyncio
import warnings

import pytest


@pytest.fixture(scope="session")
def gradio():
    """gradio 3.50.2, imported with its import-time warnings silenced (pytest makes them errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import gradio

    assert gradio.__version__ == "3.50.2"
    return gradio


@pytest.fixture(scope="session")
def gradio_interpret(gradio):
    """Run ``gradio.Interface(fn, inputs, outputs, interpretation=...).interpret(values)``."""

    def run(fn, inputs, outputs, values, interpretation="default"):
        # Gradio asks for the current event loop while building Blocks; give it one that is
        # closed afterwards, or an unclosed loop would warn when garbage-collected later.
        loop = asyncio.new_event_loop()
        try:
            asyncio.set_event_loop(loop)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                interface = gradio.Interface(fn, inputs(gradio), outputs(gradio), interpretation=interpretation)
                return loop.run_until_complete(interface.interpret(list(values)))
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    return run


# The Pyodide fixtures (``run_pyodide`` and what it needs), for test_in_pyodide.py.
from tests.pyodide.conftest import node, pyinterface_wheel, pyodide_runtime, run_pyodide  # noqa: E402, F401
