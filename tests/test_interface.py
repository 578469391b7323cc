import asyncio
import functools

import pytest

import pyinterface as gr
from pyinterface.errors import ComponentValueError, ConfigurationError


def test_number_doubling_is_callable_like_a_function():
    assert gr.Interface(lambda x: x * 2, "number", "number")(3) == 6


def test_labels_default_to_parameter_names_and_output():
    def greet(name, times):
        return name * int(times)

    io = gr.Interface(greet, ["text", "number"], "text")
    assert [c.label for c in io.input_components] == ["name", "times"]
    assert io.output_components[0].label == "output"
    assert io("ab", 2) == "abab"


def test_several_outputs_are_labelled_by_index_and_returned_as_a_list():
    io = gr.Interface(lambda x: (x, x + x), "text", ["text", "text"])
    assert [c.label for c in io.output_components] == ["output 0", "output 1"]
    assert io("a") == ["a", "aa"]


def test_explicit_labels_are_kept_and_outputs_are_not_interactive():
    out = gr.Textbox(label="Shout")
    io = gr.Interface(str.upper, gr.Textbox(label="Say"), out)
    assert io.input_components[0].label == "Say"
    assert out.label == "Shout" and out.interactive is False
    assert gr.Interface(str.upper, "text", gr.Textbox(interactive=True)).output_components[0].interactive is True


def test_bound_methods_and_partials_label_from_their_remaining_parameters():
    class Greeter:
        def hello(self, who):
            return f"Hello {who}!"

    assert gr.Interface(Greeter().hello, "text", "text").input_components[0].label == "who"

    def greet(greeting, name):
        return f"{greeting} {name.capitalize()}!"

    io = gr.Interface(functools.partial(greet, "Hello"), "text", "text")
    assert io.input_components[0].label == "name"
    assert io("abubakar") == "Hello Abubakar!"


def test_input_only_and_output_only_interfaces():
    seen = []
    input_only = gr.Interface(seen.append, "text", None)
    assert input_only("x") is None and seen == ["x"]
    output_only = gr.Interface(lambda: "generated", None, "text")
    assert output_only() == "generated"
    with pytest.raises(ValueError, match="at least one of `inputs` or `outputs`"):
        gr.Interface(lambda: None, None, [])


def test_inputs_and_outputs_are_required_like_gradio():
    with pytest.raises(TypeError):
        gr.Interface(lambda x: x)  # type: ignore[call-arg]


def test_bad_component_specs_name_the_parameter():
    with pytest.raises(ValueError, match=r"inputs: unknown component 'textbx'\. Did you mean 'textbox'\?"):
        gr.Interface(lambda x: x, "textbx", "text")
    with pytest.raises(TypeError, match=r"outputs\[1\] must be a component.*got 42 \(int\)"):
        gr.Interface(lambda x: x, "text", ["text", 42])
    with pytest.raises(TypeError, match="fn must be callable"):
        gr.Interface("not a function", "text", "text")
    with pytest.raises(TypeError, match="gr.Parallel"):
        gr.Interface([str.upper, str.lower], "text", "text")


def test_wrong_arity_of_a_call_names_the_inputs():
    io = gr.Interface(lambda a, b: a + b, ["number", "number"], "number")
    with pytest.raises(TypeError, match=r"takes 2 input\(s\) \(Number 'a', Number 'b'\) but 1 were given"):
        io(1)


def test_wrong_number_of_returned_values_names_the_outputs():
    io = gr.Interface(lambda x: x, "text", ["text", "number"])
    with pytest.raises(ValueError, match=r"returned one str, but the Interface has 2 output components"):
        io("a")


def test_bad_input_value_names_the_component():
    io = gr.Interface(lambda x: x, gr.Number(label="Age"), "number")
    with pytest.raises(ComponentValueError, match="Number 'Age'"):
        io("old")


def test_fn_exceptions_propagate_with_a_note_naming_the_fn():
    def explode(x):
        raise KeyError("boom")

    with pytest.raises(KeyError) as info:
        gr.Interface(explode, "text", "text")("x")
    assert "raised by fn 'explode'" in "".join(info.value.__notes__)


def test_batch_functions_can_be_called_with_single_values():
    calls = []

    def trim(words, lengths):
        calls.append((list(words), list(lengths)))
        return [[w[: int(n)] for w, n in zip(words, lengths)]]

    io = gr.Interface(trim, ["text", "number"], "text", batch=True, max_batch_size=8)
    assert io("hello", 3) == "hel"
    assert calls == [(["hello"], [3.0])]


def test_batch_function_returning_the_wrong_shape_explains_the_contract():
    io = gr.Interface(lambda xs: [x.upper() for x in xs], "text", "text", batch=True)
    with pytest.raises(ValueError, match=r"batch=True.*return \[results\]"):
        io("a")


def test_async_functions_work_sync_and_awaited():
    async def shout(x):
        await asyncio.sleep(0)
        return x.upper()

    io = gr.Interface(shout, "text", "text")
    assert io("hi") == "HI"
    assert asyncio.run(io.acall("hey")) == "HEY"

    async def inside_a_loop():
        with pytest.raises(RuntimeError, match="await interface.acall"):
            io("x")
        return await io.acall("ok")

    assert asyncio.run(inside_a_loop()) == "OK"


def test_sync_functions_also_have_the_awaitable_call():
    assert asyncio.run(gr.Interface(str.upper, "text", "text").acall("a")) == "A"


def test_generator_functions_return_their_last_value():
    def count(n):
        for i in range(int(n)):
            yield str(i)

    assert gr.Interface(count, "number", "text")(3) == "2"


def test_examples_forms():
    nested = gr.Interface(lambda a, b: a, ["text", "number"], "text", examples=[["x", 1], ["y", "2"]])
    assert nested.example_samples == [["x", 1.0], ["y", 2.0]]
    flat = gr.Interface(str.upper, "text", "text", examples=["a", "b"], examples_per_page=2)
    assert flat.example_samples == [["a"], ["b"]] and flat.examples_per_page == 2
    assert flat.examples == ["a", "b"]


def test_examples_of_the_wrong_shape_are_rejected_naming_the_sample():
    with pytest.raises(ConfigurationError, match=r"examples\[1\] has 1 value\(s\) but the Interface has 2 input\(s\)"):
        gr.Interface(lambda a, b: a, ["text", "number"], "text", examples=[["x", 1], ["y"]])
    with pytest.raises(ConfigurationError, match=r"examples\[0\] is 'x', but this Interface has 2 inputs"):
        gr.Interface(lambda a, b: a, ["text", "number"], "text", examples=["x"])
    with pytest.raises(ConfigurationError, match=r"examples\[0\]: Number 'b': expected a number"):
        gr.Interface(lambda a, b: a, ["text", "number"], "text", examples=[["x", "lots"]])
    with pytest.raises(ConfigurationError, match="neither a list of samples nor an existing directory"):
        gr.Interface(str.upper, "text", "text", examples="/no/such/dir")


def test_examples_from_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text("1")
    (tmp_path / "b.txt").write_text("2")
    one = gr.Interface(str.upper, "text", "text", examples=str(tmp_path))
    assert one.example_samples == [[str(tmp_path / "a.txt")], [str(tmp_path / "b.txt")]]

    logged = tmp_path / "logged"
    logged.mkdir()
    (logged / "log.csv").write_text("text,n,flag\nhello,3,x\nbye,4,y\n")
    two = gr.Interface(lambda t, n: t, ["text", "number"], "text", examples=str(logged))
    assert two.example_samples == [["hello", 3.0], ["bye", 4.0]]

    (tmp_path / "nolog").mkdir()
    with pytest.raises(ConfigurationError, match="needs a log.csv"):
        gr.Interface(lambda t, n: t, ["text", "number"], "text", examples=str(tmp_path / "nolog"))


def test_interpretation_is_normalised_as_gradio_3():
    two = ["text", "number"]
    assert gr.Interface(lambda a, b: 1, two, "number", interpretation="Default").interpretation == ["default", "default"]
    assert gr.Interface(lambda a, b: 1, two, "number", interpretation=["shapley", None]).interpretation == ["shapley", None]
    assert gr.Interface(lambda a: 1, "text", "number", interpretation=[None]).interpretation is None

    def custom(a, b):
        return [[], []]

    assert gr.Interface(lambda a, b: 1, two, "number", interpretation=custom).interpretation is custom
    with pytest.raises(ValueError, match="Unknown interpretation method: 'foo'"):
        gr.Interface(lambda a: 1, "text", "number", interpretation="foo")
    with pytest.raises(ValueError, match="Invalid value for parameter: interpretation"):
        gr.Interface(lambda a: 1, "text", "number", interpretation=3)
    with pytest.raises(ValueError, match="one method \\(or None\\) per input"):
        gr.Interface(lambda a, b: 1, two, "number", interpretation=["default"])


def test_flagging_and_css(tmp_path, monkeypatch):
    monkeypatch.delenv("GRADIO_ALLOW_FLAGGING", raising=False)
    io = gr.Interface(str.upper, "text", "text")
    assert io.allow_flagging == "manual" and io.flagging_options == [("Flag", "")]
    assert gr.Interface(str.upper, "text", "text", allow_flagging=False).allow_flagging == "never"
    assert gr.Interface(str.upper, "text", "text", flagging_options=["bad"]).flagging_options == [("Flag as bad", "bad")]
    with pytest.raises(ValueError, match="allow_flagging must be one of"):
        gr.Interface(str.upper, "text", "text", allow_flagging="sometimes")
    css_file = tmp_path / "style.css"
    css_file.write_text("body { color: red }")
    assert gr.Interface(str.upper, "text", "text", css=str(css_file)).css == "body { color: red }"
    assert gr.Interface(str.upper, "text", "text", css=".x { margin: 0 }").css == ".x { margin: 0 }"


def test_gradio_server_arguments_are_accepted_and_typos_are_not():
    gr.Interface(str.upper, "text", "text", analytics_enabled=False, flagging_dir="x")
    with pytest.raises(TypeError, match="titel"):
        gr.Interface(str.upper, "text", "text", titel="oops")


def test_repr_names_the_fn_and_components():
    def greet(name):
        return name

    first, underline, *rest = repr(gr.Interface(greet, "text", "label")).splitlines()
    assert "greet" in first and len(underline) == len(first)
    assert any("textbox" in line for line in rest) and any("label" in line for line in rest)


def test_queue_returns_the_interface_so_gradio_chains_run():
    io = gr.Interface(str.upper, "text", "text")
    assert io.queue(concurrency_count=3) is io


def test_pyodide_packages_come_from_components_members_and_interpretation():
    assert gr.Interface(str.upper, "text", "label", interpretation="default").pyodide_packages() == []
    assert gr.Interface(lambda x: x, "image", "text").pyodide_packages() == ["numpy", "pillow"]
    assert gr.Interface(lambda x: x, "audio", "text").pyodide_packages() == ["numpy"]
    assert gr.Interface(lambda x: x, "text", "dataframe").pyodide_packages() == ["pandas"]
    assert gr.Interface(lambda x: x, "number", "number", interpretation="default").pyodide_packages() == ["numpy"]
    assert gr.Interface(lambda x: x, "text", "label", interpretation="shap").pyodide_packages() == ["numpy"]
    text = gr.Interface(str.upper, "text", "text")
    assert gr.Parallel(text, gr.Interface(lambda x: None, "text", "image")).pyodide_packages() == ["numpy", "pillow"]


def test_gradio_2_state_chat_keeps_its_history_between_calls():
    import warnings

    def chat(message, history):
        history.append(message)
        return " / ".join(history), history

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        io = gr.Interface(chat, [gr.inputs.Textbox(), gr.inputs.State(default=[])], [gr.outputs.Textbox(), gr.outputs.State()])
        gr.Interface(lambda f: f, gr.inputs.File(file_count="multiple"), gr.outputs.Video())  # builds
    assert io.output_components[1] is io.input_components[1]
    assert io("a", None)[0] == "a"
    assert io("b", None)[0] == "a / b"
