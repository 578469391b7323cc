import json

import numpy as np
import pytest
from PIL import Image as PILImage

import pyinterface as gr
from pyinterface.errors import ComponentValueError

from ._oracle import gradio_defaults
from .test_media import pixels

RED = np.zeros((4, 6, 3), np.uint8)
RED[..., 0] = 255
GREY = np.linspace(0, 1, 20).reshape(4, 5)  # float pixels, converted as Gradio converts them


def gradio_items(gallery, value):
    """Gradio 3.50.2's output -> [(pixels, caption)] read from the files it wrote."""
    out = []
    for item in gallery.postprocess(value):
        entry, caption = (item[0], item[1]) if isinstance(item, list) else (item, None)
        out.append((np.array(PILImage.open(entry["name"])), caption))
    return out


def our_items(value):
    return [(pixels(item["image"]), item["caption"]) for item in gr.Gallery().postprocess(value)]


def test_images_and_captions_match_gradio(gradio, tmp_path):
    path = tmp_path / "red.png"
    PILImage.fromarray(RED).save(path)
    value = [RED, (GREY, "grey"), (PILImage.fromarray(RED), "pil"), str(path)]
    ours, theirs = our_items(value), gradio_items(gradio.Gallery(), value)
    assert [c for _, c in ours] == [c for _, c in theirs] == [None, "grey", "pil", None]
    for (mine, _), (gradios, _) in zip(ours, theirs):
        assert (mine == gradios).all()


def test_none_is_an_empty_gallery_as_in_gradio(gradio):
    assert gr.Gallery().postprocess(None) == gradio.Gallery().postprocess(None) == []


def test_calling_gives_arrays_with_captions():
    io = gr.Interface(lambda n: [(RED, f"#{i}") for i in range(n)], gr.Slider(1, 3, step=1), "gallery")
    shown = io(2)
    assert [c for _, c in shown] == ["#0", "#1"] and (shown[0][0] == RED).all()


def test_bad_items_name_their_position():
    with pytest.raises(ComponentValueError, match=r"Gallery 'out': item 2 of the list: Image: expected a numpy array"):
        gr.Gallery(label="out").postprocess([RED, 42])
    with pytest.raises(ComponentValueError, match="Item 1 has 3 parts"):
        gr.Gallery().postprocess([(RED, "a", "b")])
    with pytest.raises(ComponentValueError, match="a list of images"):
        gr.Gallery().postprocess(RED[0, 0, 0])


def test_as_an_input_fn_gets_png_paths_with_captions():
    wire = gr.Gallery().postprocess([(RED, "r")])
    ((path, caption),) = gr.Gallery().preprocess(wire)
    assert caption == "r" and (np.array(PILImage.open(path)) == RED).all()


def test_every_gradio_constructor_argument_is_accepted_without_warnings(gradio):
    component = gr.Gallery(**gradio_defaults(gradio.Gallery))
    config = json.loads(json.dumps(component.get_config(), allow_nan=False))
    assert config["columns"] == 2 and config["value"] == []
