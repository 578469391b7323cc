"""``gr.load("spaces/...")`` against a real Space: modern Gradio serving tests/hub/space_app.py.

The emulator's ``/api/spaces/eugenesiow/remove-bg/host`` points at the local server; from
there everything is the real Gradio protocol (``/config``, ``/gradio_api/upload``,
``/gradio_api/call/...`` with its event stream, ``/gradio_api/file=...``).
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

import pyinterface as gr
from tests.hub_emulator import VALID_TOKEN
from tests.hub_emulator import translate as german
from pyinterface.components import Image, Textbox
from pyinterface.errors import ConfigurationError
from pyinterface.hub import HubAuthError, SpaceError, load

from .conftest import SPACE_ID

pytestmark = pytest.mark.usefixtures("space")


def photo(width=8, height=6, block=(slice(2, 4), slice(2, 5))):
    """White background with a dark red block (rows 2-3, columns 2-4 by default)."""
    image = np.full((height, width, 3), 255, np.uint8)
    image[block] = (150, 20, 20)
    return image


def test_the_space_is_rebuilt_from_its_config(space, hub):
    io = load(f"spaces/{SPACE_ID}")
    assert [type(c) for c in io.input_components] == [Image]
    assert [type(c) for c in io.output_components] == [Image]
    assert [c.label for c in io.input_components + io.output_components] == ["Photo", "Foreground"]
    assert io.title == "Remove background" and io.__name__ == SPACE_ID
    endpoint = io.fn.space_endpoint
    assert (endpoint.host, endpoint.api_prefix, endpoint.api_name) == (space, "/gradio_api", "remove_bg")
    assert io.fn.settings.may_receive_token(f"{space}/gradio_api/call/remove_bg")  # the Hub vouched for it
    assert [r.path for r in hub.requests] == [f"/api/spaces/{SPACE_ID}/host"]


def test_calling_uploads_the_image_and_reads_the_result_stream(space):
    io = load(f"spaces/{SPACE_ID}")
    result = io(photo())
    assert result.shape == (6, 8, 4)
    expected_alpha = np.zeros((6, 8), np.uint8)
    expected_alpha[2:4, 2:5] = 255
    assert np.array_equal(result[..., 3], expected_alpha)  # alpha survives Gradio's WebP exactly
    large = io(photo(32, 24, (slice(4, 20), slice(8, 24))))
    assert np.abs(large[12, 16, :3].astype(int) - (150, 20, 20)).max() < 12  # colours approximately (lossy WebP)


def test_overrides_are_honoured(space):
    io = gr.Interface.load(f"spaces/{SPACE_ID}", inputs="webcam", title="Remove your webcam background!")
    assert io.title == "Remove your webcam background!"
    assert io.input_components[0].source == "webcam"
    result = io(photo())  # the webcam image is mirrored before it is sent, as Gradio does
    assert np.array_equal(np.nonzero(result[2, :, 3])[0], [3, 4, 5])
    with pytest.raises(ConfigurationError, match=r"has 1 inputs \(image\) but inputs= gives 2"):
        load(f"spaces/{SPACE_ID}", inputs=["image", "image"])


def test_a_gr_error_in_the_space_is_shown_in_plain_words(space):
    io = load(f"spaces/{SPACE_ID}")
    with pytest.raises(SpaceError, match="reported an error: No foreground found: every pixel is brighter than 200"):
        io(np.full((4, 4, 3), 255, np.uint8))
    crash = load(f"spaces/{SPACE_ID}", api_name="crash")
    with pytest.raises(SpaceError, match="did not say why") as caught:
        crash("x")
    assert "secret internal detail" not in str(caught.value)


def test_other_endpoints_by_api_name(space):
    describe = load(f"spaces/{SPACE_ID}", api_name="/describe")
    assert [type(c) for c in describe.input_components] == [Textbox] and describe.api_name == "describe"
    assert describe("hello there world") == "3 words: HELLO THERE WORLD"
    assert asyncio.run(describe.acall("async too")) == "2 words: ASYNC TOO"
    with pytest.raises(ValueError, match=r"no endpoint api_name='/nope'; its endpoints are '/remove_bg', '/describe'"):
        load(f"spaces/{SPACE_ID}", api_name="/nope")


def test_spaces_work_in_series_and_parallel(space, hub):
    describe = load(f"spaces/{SPACE_ID}", api_name="describe")
    translate = load("huggingface/t5-small")
    assert gr.Series(describe, translate)("hello world") == german("2 words: HELLO WORLD") == "2 words: hallo Welt"
    assert gr.Parallel(describe, translate)("hello world") == ["2 words: HELLO WORLD", "Hallo Welt"]


def test_a_private_space_needs_a_token_for_the_host_lookup(space, hub):
    hub.add_space("owner/private-space", space, private=True)
    with pytest.raises(HubAuthError, match="private or gated"):
        load("spaces/owner/private-space")
    io = load("spaces/owner/private-space", hf_token=VALID_TOKEN, api_name="describe")
    assert io("one") == "1 words: ONE"
    assert hub.logged("private-space")[-1].headers["authorization"] == f"Bearer {VALID_TOKEN}"
