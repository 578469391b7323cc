import json

import pytest

import pyinterface as gr
from pyinterface.errors import ComponentValueError

from ._oracle import gradio_defaults


INDENTED = """
    # Title

    Some **bold** text
      and an indented line
    """


class TestMarkdown:
    @pytest.mark.parametrize("value", [INDENTED, "plain", "", "  leading", "line\n\tTabbed"])
    def test_postprocess_dedents_as_gradio_does(self, gradio, value):
        assert gr.Markdown().postprocess(value) == gradio.Markdown().postprocess(value)

    def test_config_carries_raw_markdown_not_html(self):
        config = json.loads(json.dumps(gr.Markdown(INDENTED, line_breaks=True, sanitize_html=False).get_config()))
        assert config["value"] == "# Title\n\nSome **bold** text\n  and an indented line"
        assert "<" not in config["value"]
        assert config["line_breaks"] is True and config["sanitize_html"] is False
        assert config["latex_delimiters"] == [{"left": "$", "right": "$", "display": False}]
        assert config["rtl"] is False and config["header_links"] is False

    def test_values(self):
        assert gr.Markdown().postprocess(None) is None
        assert gr.Markdown().postprocess(3.5) == "3.5"
        assert gr.Markdown().preprocess("**x**") == "**x**"
        with pytest.raises(ComponentValueError, match=r"Markdown: expected text \(str\), got b'\*\*x\*\*' \(bytes\)\. Decode"):
            gr.Markdown().postprocess(b"**x**")

    def test_gradio_constructor_arguments(self):
        md = gr.Markdown("hi", rtl=True, latex_delimiters=[], visible=False, elem_id="m", elem_classes="c", label="Notes")
        config = md.get_config()
        assert config["rtl"] is True and config["latex_delimiters"] == []
        assert (config["visible"], config["elem_id"], config["elem_classes"], config["label"]) == (False, "m", ["c"], "Notes")
        assert (gr.Markdown.component_type, gr.Markdown.data_kind) == ("markdown", "text")


class TestHTML:
    def test_postprocess_passes_the_html_through_like_gradio(self, gradio):
        for value in ["<b>bold</b>", "  <p>\n  indented</p>", ""]:
            assert gr.HTML().postprocess(value) == gradio.HTML().postprocess(value) == value

    def test_values_and_config(self):
        assert gr.HTML().postprocess(None) is None
        assert gr.HTML().postprocess(7) == "7"
        with pytest.raises(ComponentValueError, match=r"HTML 'page': expected text \(str\)"):
            gr.HTML(label="page").postprocess(bytearray(b"<p>"))
        config = json.loads(json.dumps(gr.HTML("<i>x</i>", label="page", show_label=False).get_config()))
        assert config["value"] == "<i>x</i>" and config["show_label"] is False and config["label"] == "page"
        assert (gr.HTML.component_type, gr.HTML.data_kind) == ("html", "text")

    def test_default_value_is_empty_text(self):
        assert gr.HTML().get_config()["value"] == "" and gr.Markdown().get_config()["value"] == ""


@pytest.mark.parametrize("name", ['Markdown', 'HTML'])
def test_every_gradio_constructor_argument_is_accepted_without_warnings(gradio, name):
    component = getattr(gr, name)(**gradio_defaults(getattr(gradio, name)))  # -W error turns warnings into failures
    json.dumps(component.get_config(), allow_nan=False)
