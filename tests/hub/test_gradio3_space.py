"""A Gradio 3 Space (the 3.50.2 oracle, served on loopback) loads and answers over ``/run/{api}``.

Gradio 3 Spaces have no ``/call`` route: files travel inline as data URLs and the answer comes
straight back from ``POST /run/predict``. The oracle's own ``App`` is served by uvicorn in a
subprocess (its ``launch()`` refuses to run with this environment's newer web stack).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from pyinterface.components import Image, Textbox
from pyinterface.hub import SpaceError, load

from .conftest import free_port, wait_for_config

APP = Path(__file__).resolve().with_name("gradio3_space_app.py")


@pytest.fixture(scope="module")
def gradio3_space(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("gradio3-space")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GRADIO_"))}
    env.update({"GRADIO_ANALYTICS_ENABLED": "False", "GRADIO_TEMP_DIR": str(folder / "tmp")})
    log = folder / "space.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, str(APP), "--port", str(port)], env=env, cwd=folder, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_config(url, proc, log)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_a_gradio3_space_is_called_over_run_predict(hub, gradio3_space):
    hub.add_space("old/space", gradio3_space)
    io = load("spaces/old/space")
    assert io.fn.space_endpoint.legacy and io.fn.space_endpoint.api_name == "predict"
    assert [type(c) for c in io.input_components + io.output_components] == [Image, Textbox, Image, Textbox]
    assert [c.label for c in io.input_components] == ["Picture", "Caption"]
    assert io.title == "An old Space"
    picture = np.zeros((4, 5, 3), np.uint8)
    picture[1, 2] = (10, 20, 30)
    inverted, shouted = io(picture, "hello")
    assert shouted == "HELLO"
    assert inverted.shape == (4, 5, 3) and tuple(inverted[1, 2]) == (245, 235, 225) and tuple(inverted[0, 0]) == (255,) * 3


def test_a_gradio3_error_is_reported(hub, gradio3_space):
    hub.add_space("old/space", gradio3_space)
    with pytest.raises(SpaceError, match="Refusing to invert this one"):
        load("spaces/old/space")(np.zeros((2, 2, 3), np.uint8), "fail")
