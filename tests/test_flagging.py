"""Flagging: Interface's arguments and config, and the page's log.csv against Gradio 3.50.2.

The page writes flags itself (site/flag-log.mjs, run here under Node); the oracle is the
installed Gradio's CSVLogger flagging the same wire values. Random parts of names (the 40-hex
folders, tempfile's tmpXXXXXXXX) and the timestamp are compared by shape; everything else,
header, cells, quoting and the files' bytes, must be equal.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import pyinterface as gr
from pyinterface.errors import ConfigurationError

SITE = Path(__file__).resolve().parents[1] / "site"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PNG_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()
WAV_URL = "data:audio/wav;base64," + base64.b64encode(b"RIFF\x24\x00\x00\x00WAVEfmt ").decode()


# -- Interface arguments and config ---------------------------------------------------------------


def test_flagging_config_follows_gradio_s_callback_setup():
    assert gr.Interface(str.upper, "text", "text").config()["flagging"] == {"dir": "flagged", "components": [0, 1]}
    auto = gr.Interface(str.upper, "text", "text", allow_flagging="auto", flagging_dir="./data/flags/")
    assert auto.config()["flagging"] == {"dir": "data/flags", "components": [0]}
    assert gr.Interface(str.upper, "text", "text", allow_flagging="never").config()["flagging"] is None
    assert gr.Interface(print, "text", None).config()["flagging"] is None  # input-only: Gradio flags nothing
    assert gr.Interface(lambda: "x", None, "text").config()["flagging"] == {"dir": "flagged", "components": [0]}
    box = gr.Textbox()
    assert gr.Interface(str.upper, box, box).config()["flagging"]["components"] == [0]  # unified: inputs only


def test_the_default_callback_is_a_csv_logger_set_up_as_gradio_does():
    demo = gr.Interface(lambda a, b: a, ["text", "number"], "text", flagging_callback=gr.CSVLogger())
    assert isinstance(demo.flagging_callback, gr.CSVLogger) and isinstance(demo.flagging_callback, gr.FlaggingCallback)
    assert [c.label for c in demo.flagging_callback.components] == ["a", "b", "output"]
    assert demo.flagging_callback.flagging_dir == "flagged"
    with pytest.raises(RuntimeError, match="writes flags in the page"):
        demo.flagging_callback.flag(["x", 1, "x"])


def test_gradio_s_own_csv_logger_is_accepted(gradio):
    assert isinstance(gr.Interface(str.upper, "text", "text", flagging_callback=gradio.CSVLogger()).flagging_callback, gr.CSVLogger)


def test_a_custom_callback_is_refused_naming_the_js_callback():
    class Mine(gr.FlaggingCallback):
        def setup(self, components, flagging_dir):
            pass

        def flag(self, flag_data, flag_option="", username=None):
            return 0

    with pytest.raises(ConfigurationError, match=r"flagging_callback=Mine\(\.\.\.\) cannot run .*flaggingCallback"):
        gr.Interface(str.upper, "text", "text", flagging_callback=Mine())
    assert isinstance(gr.Interface(str.upper, "text", "text", allow_flagging="never", flagging_callback=Mine()).flagging_callback, Mine)


def test_hugging_face_dataset_saver_says_why_not_and_what_instead():
    with pytest.raises(ConfigurationError, match="write token would be shipped to every visitor.*flaggingCallback"):
        gr.HuggingFaceDatasetSaver("hf_x", "me/flags")


def test_auto_flagging_needs_a_submit_button_as_in_gradio():
    with pytest.raises(ConfigurationError, match='live Interface has no Submit button: use allow_flagging="manual"'):
        gr.Interface(str.upper, "text", "text", live=True, allow_flagging="auto")
    assert gr.Interface(lambda: "x", None, "text", live=True, allow_flagging="auto").config()["flagging"]["components"] == []


def test_a_bad_flagging_dir_is_named():
    with pytest.raises(ConfigurationError, match="flagging_dir"):
        gr.Interface(str.upper, "text", "text", flagging_dir="")


# -- log.csv against Gradio 3.50.2 ----------------------------------------------------------------


@pytest.fixture(scope="module")
def gradio():
    import gradio

    return gradio


def _node(script: str, payload: object) -> object:
    proc = subprocess.run(["node", "--input-type=module", "-e", script], cwd=SITE, input=json.dumps(payload),
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


PAGE_FLAGS = """
import { flagRow, logCsv } from "./flag-log.mjs";
let text = "";
for await (const chunk of process.stdin) text += chunk;
const { components, flags } = JSON.parse(text);
const rows = flags.map(({ values, option }) => flagRow(components, values, { dir: "flagged", option }));
const files = rows.flatMap((row) => row.files.map((file) => ({ path: file.path, text: file.text ?? null, source: file.source ?? null })));
process.stdout.write(JSON.stringify({ csv: logCsv(rows), files }));
"""


def _shape(text: str) -> str:
    """Random name parts and timestamps replaced by placeholders."""
    text = re.sub(r"[0-9a-f]{40}", "<HEX>", text)
    text = re.sub(r"tmp[a-z0-9_]{8}", "tmp<R>", text)
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?", "<TIME>", text)


def _data_url_bytes(url: str) -> bytes:
    return base64.b64decode(url.split(",", 1)[1])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_log_csv_matches_gradio_s_csv_logger(gradio, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # Gradio's paths are relative to the working folder
    document = tmp_path / "upload" / "notes v2.txt"
    document.parent.mkdir()
    document.write_bytes(b"hello")
    specs = [
        (gradio.Textbox(label="text"), "textbox"),
        (gradio.Number(label="n"), "number"),
        (gradio.Slider(label="Level = 1"), "slider"),
        (gradio.Checkbox(label="ok"), "checkbox"),
        (gradio.Dropdown(["a", "b"], label="pick"), "dropdown"),
        (gradio.CheckboxGroup(["x", "=y"], label="tags"), "checkboxgroup"),
        (gradio.Image(label="photo"), "image"),
        (gradio.Audio(label="sound"), "audio"),
        (gradio.File(label="doc"), "file"),
        (gradio.Label(label="verdict"), "label"),
        (gradio.HighlightedText(label="marks"), "highlightedtext"),
        (gradio.Textbox(label="empty"), "textbox"),
    ]
    flags = [
        (["hello", 3, 2.5, True, "b", ["x", "=y"], PNG_URL, WAV_URL, None,
          {"label": "cat", "confidences": [{"label": "cat", "confidence": 0.9}, {"label": "dog", "confidence": 1e-07}]},
          [["héllo ✓", "greeting"], [" world", None]], None], "X"),
        (['=HYPERLINK("x"), a,b\n"q"', -1.5e-05, 0, False, "a", [], None, None, None, None, None, ""], ""),
    ]
    page_values = [list(values) for values, _ in flags]
    page_values[0][8] = {"name": "notes v2.txt", "data": "data:text/plain;base64," + base64.b64encode(b"hello").decode(), "size": 5}
    gradio_values = [list(values) for values, _ in flags]
    gradio_values[0][7] = {"name": "sound.wav", "data": WAV_URL, "is_file": False, "orig_name": "sound.wav"}
    gradio_values[0][8] = {"name": str(document), "data": None, "is_file": True, "orig_name": document.name}

    logger = gradio.CSVLogger()
    logger.setup([component for component, _ in specs], "flagged")
    for values, (_, option) in zip(gradio_values, flags):
        logger.flag(values, flag_option=option)
    theirs = (tmp_path / "flagged" / "log.csv").read_bytes().decode("utf-8")  # keep its "\r\n"
    # Gradio copies an uploaded file to an absolute path; the page's paths are all relative.
    theirs = theirs.replace(str(tmp_path) + os.sep, "")

    components = [{"type": kind, "label": component.label} for component, kind in specs]
    ours = _node(PAGE_FLAGS, {"components": components, "flags": [{"values": v, "option": o} for v, (_, o) in zip(page_values, flags)]})
    assert _shape(ours["csv"]) == _shape(theirs)
    assert ours["csv"].splitlines()[0] == theirs.splitlines()[0]

    # The files: the same bytes under the same (shaped) paths.
    their_row = next(csv.reader(io.StringIO(theirs.splitlines(keepends=True)[1])))
    by_path = {file["path"]: file for file in ours["files"]}
    our_row = next(csv.reader(io.StringIO(ours["csv"].splitlines(keepends=True)[1])))
    for column in (6, 7, 8, 9, 10):
        ours_file = by_path[our_row[column]]
        expected = (tmp_path / their_row[column]).read_bytes()
        got = ours_file["text"].encode() if ours_file["text"] is not None else (
            _data_url_bytes(ours_file["source"]))
        assert got == expected, their_row[column]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_extensions_are_python_s():
    import mimetypes

    table = _node('import { EXTENSIONS } from "./flag-log.mjs"; process.stdout.write(JSON.stringify(EXTENSIONS));', None)
    for mime, extension in table.items():
        assert mimetypes.guess_extension(mime.replace("audio/wav", "audio/x-wav")) == f".{extension}", mime


def test_gradio_allow_flagging_is_used_in_cpython_but_not_by_the_export(tmp_path, monkeypatch, capfd):
    """The page's run of the app has no environment: were the export's run to read the variable,
    the exported UI (no Flag button) and the page's (Flag) would differ. The export says so."""
    from pyinterface.tooling._appscan import scan_app

    monkeypatch.setenv("GRADIO_ALLOW_FLAGGING", "never")
    assert gr.Interface(str.upper, "text", "text").allow_flagging == "never"  # as in Gradio, outside an export
    app = tmp_path / "app.py"
    app.write_text('import pyinterface as gr\ngr.Interface(str.upper, "text", "text").launch()\n')
    assert scan_app(app).config["allow_flagging"] == "manual"
    assert ("app.py:2: UserWarning: GRADIO_ALLOW_FLAGGING=never is not used: the page runs the app without "
            "environment variables, so it flags as Gradio's default, allow_flagging=\"manual\". Pass "
            "allow_flagging='never' to the Interface instead.") in capfd.readouterr().err
