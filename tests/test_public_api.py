import subprocess
import sys
import types

import pyinterface


def test_all_lists_exactly_the_public_names():
    public = {
        name
        for name, value in vars(pyinterface).items()
        if (not name.startswith("_") or name == "__version__")
        and not isinstance(value, types.ModuleType)  # submodules appear once imported anywhere
        and name != "annotations"
    }
    public.add("mix")  # the one submodule that is API (gr.mix.Parallel, as in Gradio 3)
    assert set(pyinterface.__all__) == public


def test_importing_pyinterface_does_not_import_numpy_or_pil():
    code = "import sys, pyinterface as gr; gr.Interface(str.upper, 'text', 'label'); print(sorted(m for m in ('numpy', 'PIL', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_shortcut_strings_cover_gradio_names():
    for name in ["text", "textbox", "number", "slider", "checkbox", "checkboxgroup", "radio", "dropdown", "image",
                 "webcam", "sketchpad", "audio", "microphone", "label", "highlight", "json", "html", "markdown",
                 "dataframe"]:
        assert isinstance(pyinterface.components.get_component(name), pyinterface.Component), name
    sketch = pyinterface.components.get_component("sketchpad")
    assert (sketch.image_mode, sketch.source, sketch.shape, sketch.invert_colors) == ("L", "canvas", (28, 28), True)
    assert pyinterface.components.get_component("microphone").source == "microphone"
    assert pyinterface.components.get_component("webcam").source == "webcam"
