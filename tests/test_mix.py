import asyncio
import sys

import pytest

import pyinterface as gr
from pyinterface.errors import ConfigurationError


def _text(fn, **kwargs):
    return gr.Interface(fn, "textbox", "textbox", **kwargs)


def test_series_pipes_outputs_into_inputs():
    assert gr.Series(_text(lambda x: x + " World"), _text(lambda x: x + "!"))("Hello") == "Hello World!"


def test_parallel_shares_inputs_and_concatenates_outputs():
    io = gr.Parallel(_text(lambda x: x + " World 1!"), _text(lambda x: x + " World 2!"))
    assert io("Hello") == ["Hello World 1!", "Hello World 2!"]
    assert len(io.output_components) == 2
    assert io.input_components is not None and len(io.input_components) == 1


def test_parallel_flattens_members_with_several_outputs():
    first = gr.Interface(lambda x: (x, x + x), "textbox", ["textbox", "textbox"])
    second = _text(lambda x: x + " World 2!")
    assert gr.Parallel(first, second)("Hello") == ["Hello", "HelloHello", "Hello World 2!"]


def test_names_join_members_and_options_override():
    def greet(x):
        return x

    def shout(x):
        return x.upper()

    parallel = gr.Parallel(_text(greet), _text(shout), title="Compare", examples=[["hi"]])
    assert parallel.__name__ == "greet | shout"
    assert parallel.title == "Compare" and parallel.example_samples == [["hi"]]
    assert gr.Series(_text(greet), _text(shout)).__name__ == "greet => shout"
    assert gr.Series(_text(greet), _text(shout)).title is None


def test_the_same_interface_twice_is_fine():
    io = _text(lambda x: x + "!")
    assert gr.Parallel(io, io)("a") == ["a!", "a!"]
    assert gr.Series(io, io)("a") == "a!!"


def test_number_feeds_a_textbox_through_the_wire_form_like_gradio():
    double = gr.Interface(lambda x: x * 2, "number", "number")
    assert gr.Series(double, _text(str.upper))(3) == "6.0"


def test_parallel_rejects_different_inputs_naming_both_interfaces():
    def one(x):
        return x

    def two(x, y):
        return x

    with pytest.raises(ConfigurationError, match=r"interface 2 \('two'\) takes inputs \(Textbox 'x', Textbox 'y'\) but interface 1 \('one'\) takes \(Textbox 'x'\)"):
        gr.Parallel(_text(one), gr.Interface(two, ["textbox", "textbox"], "textbox"))
    with pytest.raises(ConfigurationError, match="same inputs"):
        gr.Parallel(_text(one), gr.Interface(one, "number", "textbox"))
    with pytest.raises(ConfigurationError, match="same inputs"):
        gr.Parallel(gr.Interface(one, gr.Radio(["a", "b"]), "text"), gr.Interface(one, gr.Radio(["a", "c"]), "text"))


def test_parallel_ignores_cosmetic_differences():
    a = gr.Interface(lambda x: x, gr.Textbox(label="a", lines=3), "text")
    b = gr.Interface(lambda x: x, gr.Textbox(label="b", placeholder="..."), "text")
    assert gr.Parallel(a, b)("z") == ["z", "z"]


def test_series_rejects_arity_mismatch_naming_both_interfaces():
    def split(x):
        return x, x

    def gen(x):
        return x

    with pytest.raises(ConfigurationError, match=r"interface 1 \('gen'\) has 1 output\(s\) \(Textbox 'output'\) but interface 2 \('split'\) takes 2 input\(s\)"):
        gr.Series(_text(gen), gr.Interface(split, ["textbox", "textbox"], "textbox"))


def test_series_rejects_incompatible_kinds():
    to_label = gr.Interface(lambda x: {"a": 1.0}, "textbox", "label")
    with pytest.raises(ConfigurationError, match=r"output 1 of interface 1 .* is Label 'output' \(label\) but input 1 of interface 2 .* is Textbox 'x' \(text\)"):
        gr.Series(to_label, _text(lambda x: x))
    to_image = gr.Interface(lambda x: None, "textbox", "image")
    with pytest.raises(ConfigurationError, match="an image output can feed|a image output can feed"):
        gr.Series(to_image, gr.Interface(lambda x: x, "number", "number"))


def test_members_must_be_interfaces():
    with pytest.raises(TypeError, match=r"Series: argument 2 must be an Interface.*got 'nope' \(str\)"):
        gr.Series(_text(str.upper), "nope")
    with pytest.raises(ConfigurationError, match="at least one Interface"):
        gr.Parallel()


def test_async_members_run_in_mix():
    async def slow(x):
        await asyncio.sleep(0)
        return x + "?"

    mixed = gr.Parallel(_text(slow), _text(lambda x: x + "!"))
    assert mixed("a") == ["a?", "a!"]
    assert asyncio.run(gr.Series(_text(slow), _text(slow)).acall("a")) == "a??"


def test_nested_mix_members():
    inner = gr.Series(_text(lambda x: x + "1"), _text(lambda x: x + "2"))
    assert gr.Parallel(inner, _text(lambda x: x + "3"))("x") == ["x12", "x3"]


def test_mix_config_names_mode_and_stages():
    def a(x):
        return x

    def b(x):
        return x

    config = gr.Series(_text(a), _text(b)).config()
    assert config["mode"] == "series" and config["stages"] == ["a", "b"] and config["name"] == "a => b"
    assert gr.Parallel(_text(a), _text(b)).config()["mode"] == "parallel"
    assert gr.mix.Parallel is gr.Parallel


@pytest.fixture()
def hub(monkeypatch: pytest.MonkeyPatch):
    """The loopback Hub emulator with its models (tests/hub_space.py), as the page's Hub."""
    from pyinterface.hub import _settings
    from tests.hub_space import make_emulator

    emulator = make_emulator()
    monkeypatch.setenv("HF_ENDPOINT", emulator.url)
    monkeypatch.setenv("HF_INFERENCE_ENDPOINT", emulator.inference_url)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr(_settings, "_session_token", None)
    yield emulator
    emulator.stop()


def test_parallel_of_loaded_models_labels_each_output_with_its_model_id(hub):
    ids = ["gpt2", "EleutherAI/gpt-neo-2.7B", "EleutherAI/gpt-j-6B"]
    members = [gr.load(f"models/{model}") for model in ids]
    parallel = gr.Parallel(*members)
    labels = [c["props"]["label"] for c in parallel.config()["components"] if c["role"] == "output"]
    assert labels == [f"Output ({model})" for model in ids]
    assert [m.output_components[0].label for m in members] == ["Output"] * 3  # the members keep theirs
    assert len(parallel("Once upon a time")) == 3


def test_series_ending_in_a_loaded_model_labels_its_output_with_the_model_id(hub):
    series = gr.Series(gr.load("models/gpt2"), gr.load("models/emulator/flan"))
    assert [c.label for c in series.output_components] == ["Generated Text (emulator/flan)"]
    assert gr.Series(_text(str.upper), _text(str.lower)).output_components[0].label == "output"


# -- a type-changing Series runs the same on every path ----------------------------------------
# number -> number -> text: the Number output's postprocess (rounding) and the Textbox input's
# preprocess (to str) must run between the stages on every path. Gradio 3.50.2 gives these values.

TYPE_CHANGING_SERIES = """
import pyinterface as gr

double = gr.Interface(lambda x: x * 2, gr.Number(label="x"), gr.Number(label="doubled"))
rounded = gr.Interface(lambda x: x * 2.2, gr.Number(label="x"), gr.Number(label="rounded", precision=0))
shout = gr.Interface(lambda text: text + "!", gr.Textbox(label="text"), gr.Textbox(label="shouted"))
demo = gr.Series(double, shout)
rounded_demo = gr.Series(rounded, shout)
"""


def _series_module() -> dict:
    namespace: dict = {}
    exec(TYPE_CHANGING_SERIES, namespace)  # noqa: S102 - the same source the worker test runs
    return namespace


@pytest.mark.parametrize(("name", "expected"), [("demo", "6.0!"), ("rounded_demo", "7!")])
def test_a_type_changing_series_gives_the_same_value_sync_and_async(name, expected):
    series = _series_module()[name]
    assert series(3) == expected
    assert series.process([3]) == [expected]
    assert asyncio.run(series.acall(3)) == expected
    assert asyncio.run(series.aprocess([3])) == [expected]


def test_a_type_changing_series_gives_the_same_value_through_the_worker(tmp_path, monkeypatch):
    from pyinterface._protocol import validate_message
    from pyinterface._worker import Worker

    monkeypatch.chdir(tmp_path)  # run-app changes the folder, sys.path and sys.argv, as in the page
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "app.py").write_text(TYPE_CHANGING_SERIES, encoding="utf-8")
    sent: list = []
    worker = Worker(sent.append)
    asyncio.run(worker.handle_message(
        {"type": "run-app", "id": 1, "app": "series", "path": str(tmp_path / "series"), "entry": "app.py"}))
    assert validate_message(sent[-1])["type"] == "config", sent[-1]
    asyncio.run(worker.handle_message({"type": "event", "id": 2, "app": "series", "event": "predict", "data": [3]}))
    assert validate_message(sent[-1]) == {"type": "result", "id": 2, "data": ["6.0!"]}
