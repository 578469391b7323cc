import asyncio
import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import pyinterface as gr
from pyinterface.components.state import RESET
from pyinterface.errors import ComponentValueError, ConfigurationError

from ._oracle import gradio_defaults


def echo_chat(message, history=[]):  # noqa: B006 - Gradio's chat pattern: the default is the initial state
    history.append((message, message[::-1]))
    return history, history


@pytest.fixture()
def gradio_interface(gradio):
    """gradio.Interface, given an event loop to find: Blocks() calls asyncio.get_event_loop(),
    which would otherwise create a loop nobody closes (a ResourceWarning, an error here)."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield gradio.Interface
    asyncio.set_event_loop(None)
    loop.close()


class TestStateParity:
    def test_the_shortcut_takes_fns_default_and_one_state_serves_both_sides(self, gradio_interface):
        ours = gr.Interface(echo_chat, ["text", "state"], ["chatbot", "state"])
        theirs = gradio_interface(echo_chat, ["text", "state"], ["chatbot", "state"])
        assert ours.input_components[1] is ours.output_components[1]
        assert theirs.input_components[1] is theirs.output_components[1]
        assert ours.input_components[1].value == theirs.input_components[1].value == []

    def test_initial_value_is_deep_copied(self, gradio):
        initial = {"turns": []}
        ours, theirs = gr.State(initial), gradio.State(initial)
        assert ours.value == theirs.value == initial
        assert ours.value is not initial and theirs.value is not initial

    def test_a_value_that_cannot_be_copied_fails_with_gradios_message(self, gradio):
        import threading

        lock = threading.Lock()
        with pytest.raises(TypeError, match="must be able to be deepcopied"):
            gradio.State(lock)
        with pytest.raises(TypeError, match="must be able to be deepcopied"):
            gr.State(lock)

    def test_state_needs_one_input_and_one_output(self, gradio_interface):
        with pytest.raises(ValueError, match="exactly one state input and one state output"):
            gradio_interface(echo_chat, ["text", "state"], "chatbot")
        with pytest.raises(ConfigurationError, match=r"exactly one state input and one state output; .* 1 and 0"):
            gr.Interface(echo_chat, ["text", "state"], "chatbot")


class TestStateInAnInterface:
    def test_three_turns_keep_the_conversation_and_the_page_sees_no_state(self):
        io = gr.Interface(echo_chat, ["text", "state"], ["chatbot", "state"])
        for word in ["one", "two"]:
            io.process([word, None])
        chat, state = io.process(["three", None])
        assert chat == [["one", "eno"], ["two", "owt"], ["three", "eerht"]]
        assert state is None

    def test_reset_starts_again_from_a_fresh_copy_of_the_initial_value(self):
        io = gr.Interface(echo_chat, ["text", "state"], ["chatbot", "state"])
        io.process(["one", None])
        assert io.process(["two", copy.deepcopy(RESET)])[0] == [["two", "owt"]]
        assert io.input_components[1].value == []

    def test_state_holds_any_python_object_and_its_config_is_json(self):
        class Counter:
            n = 0

        def count(_, counter):
            counter.n += 1
            return counter.n, counter

        io = gr.Interface(count, ["text", gr.State(Counter())], ["number", "state"], examples=[["x"]])
        assert [io.process(["x", None])[0] for _ in range(3)] == [1, 2, 3]
        config = io.config()
        json.dumps(config, allow_nan=False)
        assert [c["type"] for c in config["components"]] == ["textbox", "state", "number", "state"]
        assert config["examples"]["inputs"] == [0] and config["examples"]["samples"] == [["x"]]

    def test_python_callers_may_pass_the_state_or_none_to_keep_it(self):
        io = gr.Interface(echo_chat, ["text", "state"], ["chatbot", "state"])
        assert io("a", None) == [[["a", "a"]], None]
        assert io("b", [("x", "y")]) == [[["x", "y"], ["b", "b"]], None]

    def test_parallel_and_series_refuse_state(self):
        chat = gr.Interface(echo_chat, ["text", "state"], ["chatbot", "state"])
        with pytest.raises(ConfigurationError, match="Parallel: interface 1 .* uses State"):
            gr.Parallel(chat, chat)


class TestChatbotParity:
    PAIRS = [["Hi **there**", "    Hello\n    again"], [None, "<b>bold</b>"], ["only user", None]]

    def test_text_messages_match_gradio(self, gradio):
        assert gr.Chatbot().postprocess(self.PAIRS) == gradio.Chatbot().postprocess(self.PAIRS)
        assert gr.Chatbot().postprocess(None) == gradio.Chatbot().postprocess(None) == []
        wire = gr.Chatbot().postprocess(self.PAIRS)
        assert gr.Chatbot().preprocess(wire) == gradio.Chatbot().preprocess(wire)

    def test_file_messages_carry_gradios_mime_type_and_alt_text(self, gradio, tmp_path):
        picture = tmp_path / "cat.png"
        picture.write_bytes(b"\x89PNG\r\n\x1a\n")
        pairs = [[(str(picture), "a cat"), (str(picture),)]]
        ours = gr.Chatbot().postprocess(pairs)
        theirs = gradio.Chatbot().postprocess(pairs)
        for mine, gradios in zip(ours[0], theirs[0]):
            assert (mine["mime_type"], mine["alt_text"]) == (gradios["mime_type"], gradios["alt_text"])
            assert mine["name"] == "cat.png" and mine["data"].startswith("data:image/png;base64,")
        back = gr.Chatbot().preprocess(ours)
        assert Path(back[0][0][0]).read_bytes() == picture.read_bytes() and back[0][0][1] == "a cat"
        assert len(back[0][1]) == 1

    def test_malformed_conversations_name_the_fix(self, gradio):
        with pytest.raises(TypeError):
            gradio.Chatbot().postprocess([["a", "b", "c"]])
        with pytest.raises(ComponentValueError, match=r"Chatbot 'chat': expected a \[user message, bot message\] pair.*use None"):
            gr.Chatbot(label="chat").postprocess([["a", "b", "c"]])
        with pytest.raises(ComponentValueError, match=r"expected a list of \[user message, bot message\] pairs"):
            gr.Chatbot().postprocess("hello")
        with pytest.raises(ComponentValueError, match=r"str\(value\)"):
            gr.Chatbot().postprocess([["a", 42]])

    def test_avatars_are_inlined_for_the_page(self, tmp_path):
        avatar = tmp_path / "bot.png"
        avatar.write_bytes(b"\x89PNG\r\n\x1a\n")
        config = gr.Chatbot(avatar_images=(None, avatar)).get_config()
        assert config["avatar_images"][0] is None and config["avatar_images"][1].startswith("data:image/png")


@pytest.mark.parametrize("name", ["State", "Chatbot"])
def test_every_gradio_constructor_argument_is_accepted_without_warnings(gradio, name):
    component = getattr(gr, name)(**gradio_defaults(getattr(gradio, name)))
    json.dumps(component.get_config(), allow_nan=False)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_page_resets_state_with_the_marker_python_reads():
    site = Path(__file__).resolve().parents[2] / "site"
    script = "import('./components/state.mjs').then((m) => console.log(JSON.stringify(m.STATE_RESET)))"
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=site, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert json.loads(out) == RESET
