"""Gradio 3.50.2 as the oracle for component parity tests (a test dependency, never the library's)."""

import inspect


def gradio_defaults(cls):
    """Every keyword argument of the Gradio 3.50.2 constructor, at Gradio's default."""
    parameters = inspect.signature(cls.__init__).parameters.values()
    return {p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty}
