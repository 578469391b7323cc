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
    public |= {"mix", "inputs", "outputs", "themes"}  # submodules that are API (gr.mix.Parallel, gr.themes.Soft)
    public |= {"load"}  # provided on first use by the module's __getattr__
    assert set(pyinterface.__all__) == public and callable(pyinterface.load)


def test_importing_pyinterface_does_not_import_numpy_or_pil():
    code = "import sys, pyinterface as gr; gr.Interface(str.upper, 'text', 'label'); print(sorted(m for m in ('numpy', 'PIL', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _imported_by(code: str, prefixes: tuple[str, ...]) -> list[str]:
    code = f"import sys; {code}; print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    return eval(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def test_the_library_and_the_worker_never_import_the_tooling_or_http_at_start_up():
    """Three rooms: the library and the worker side run in the page; pyinterface.tooling
    (export, serve, vendoring) never does. Nor does the Hub client (and urllib's HTTP stack)
    until an app uses gr.load: the worker listens for its back-offs through _hub_shared."""
    app = "import pyinterface as gr; gr.Interface(str.upper, 'text', 'text').config()"
    heavy = ("pyinterface.tooling", "urllib.request", "http.client", "email", "pyinterface.hub")
    assert _imported_by(app, heavy) == []
    assert _imported_by(f"import pyinterface._worker; {app}", heavy) == []


def test_load_is_the_hub_s_loaded_on_first_use():
    import pyinterface.hub

    assert pyinterface.load is pyinterface.hub.load
    from pyinterface import load

    assert load is pyinterface.hub.load


def test_no_library_module_imports_the_tooling():
    """The library reaches the tooling at one door only: Interface.launch() under CPython."""
    import ast
    from pathlib import Path

    root = Path(pyinterface.__file__).parent
    doors = []
    for path in sorted(root.rglob("*.py")):
        if "tooling" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and "tooling" in (node.module or "").split("."):
                doors.append(f"{path.relative_to(root)}:{node.lineno}")
            elif isinstance(node, ast.Import) and any("tooling" in a.name.split(".") for a in node.names):
                doors.append(f"{path.relative_to(root)}:{node.lineno}")
    assert [door.split(":")[0] for door in doors] == ["__main__.py", "_launch.py"], doors


def test_shortcut_strings_cover_gradio_names():
    for name in ["text", "textbox", "number", "slider", "checkbox", "checkboxgroup", "radio", "dropdown", "image",
                 "webcam", "sketchpad", "audio", "microphone", "label", "highlight", "json", "html", "markdown",
                 "dataframe"]:
        assert isinstance(pyinterface.components.get_component(name), pyinterface.Component), name
    sketch = pyinterface.components.get_component("sketchpad")
    assert (sketch.image_mode, sketch.source, sketch.shape, sketch.invert_colors) == ("L", "canvas", (28, 28), True)
    assert pyinterface.components.get_component("microphone").source == "microphone"
    assert pyinterface.components.get_component("webcam").source == "webcam"


def test_gradio_2_style_inputs_and_outputs_namespaces_build_the_same_components():
    import warnings

    import pyinterface as gr

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            gr.inputs.Image(shape=(224, 224))
        except DeprecationWarning as warning:
            assert "gr.inputs is deprecated" in str(warning)
        else:
            raise AssertionError("gr.inputs warns as Gradio 3 did")
    image = gr.inputs.Image(shape=(224, 224))
    label = gr.outputs.Label(num_top_classes=3)
    assert isinstance(image, gr.Image) and image.shape == (224, 224)
    assert isinstance(label, gr.Label) and label.num_top_classes == 3
    box = gr.inputs.Textbox(lines=2, placeholder="Type", default="hi", label="Text")
    assert (box.lines, box.placeholder, box.value, box.label) == (2, "Type", "hi", "Text")
    assert gr.inputs.Slider(0, 10, default=3).value == 3
    assert gr.inputs.Radio(["a", "b"], default="b").value == "b"
    io = gr.Interface(lambda s: {"pos": 0.9, "neg": 0.1}, gr.inputs.Textbox(), gr.outputs.Label(num_top_classes=1))
    assert io("x") == {"label": "pos", "confidences": [{"label": "pos", "confidence": 0.9}]}
