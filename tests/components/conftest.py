import pytest


@pytest.fixture(scope="module")
def gradio():
    """Gradio 3.50.2, the behavioural oracle (installed by the test extra, so never skipped)."""
    import gradio

    return gradio
