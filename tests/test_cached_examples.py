"""``cache_examples=True``: the export runs fn on every example under CPython and ships the outputs.

Checked with real exports and the real worker (CPython): the shipped outputs are what a Submit
of the example gives; a failing example is named in one line and left to the page; the export's
time limit stops a hanging example without failing the export; media outputs are files beside
the app, not base64 in the manifest; ``launch()``/``serve`` ship them too (they export).
"""

from __future__ import annotations

import io
import json
import re
import textwrap
import time
import urllib.request
import warnings
from pathlib import Path
from typing import Any

import pytest

import pyinterface as gr
from pyinterface.components._codecs import parse_data_url
from pyinterface.tooling._appscan import scan_app
from pyinterface.tooling._cache_examples import CACHE_FOLDER
from pyinterface.tooling.export import ExportError, export_app
from pyinterface.tooling.serve import serve_app

from . import test_worker
from .test_worker import Harness

harness = test_worker.harness  # the worker's own test fixture: a CPython Worker driven by messages

SUBMIT_APP = """
import numpy as np
import pyinterface as gr

def describe(word, times, picture):
    tint = np.asarray(picture).mean(axis=(0, 1)).round().astype(int).tolist()
    return f"{word * int(times)} (tint {tint})", np.flipud(picture)

demo = gr.Interface(
    describe, ["text", gr.Slider(1, 3, step=1), "image"], ["text", "image"],
    examples=[["ab", 2, "red.png"], ["c", 3, "red.png"]], cache_examples=True,
)
"""

FAILING_APP = """
import pyinterface as gr

def shout(text):
    if text == "page":
        import js  # only the browser has it
    if text == "boom":
        raise ValueError("no boom here")
    return text.upper()

demo = gr.Interface(shout, "text", "text", examples=["hi", "page", "boom", "yo"], cache_examples=True)
"""

SLOW_APP = """
import time
import pyinterface as gr

def wait(text):
    if text == "slow":
        time.sleep(600)
    return text.upper()

demo = gr.Interface(wait, "text", "text", examples=["fast", "slow", "later"], cache_examples=True)
"""

MEDIA_APP = """
import numpy as np
import pyinterface as gr

def render(word):
    pixels = np.full((4, 6, 3), 200, dtype=np.uint8)
    return (
        pixels,
        (8000, np.zeros(80, dtype=np.int16)),
        "notes.txt",
        [(pixels, "data:a caption, not a file"), pixels],
        "data:text/plain,this is text, not media",
    )

demo = gr.Interface(
    render, "text", ["image", "audio", "file", "gallery", "text"],
    examples=["x"], cache_examples=True,
)
"""


def write_app(folder: Path, source: str, files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    app = folder / "app.py"
    app.write_text(textwrap.dedent(source), encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    return app


def red_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), (220, 20, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def manifest_of(out: Path) -> dict[str, Any]:
    return json.loads((out / "app" / "manifest.json").read_text(encoding="utf-8"))


def test_cached_outputs_equal_what_a_submit_of_the_example_gives(harness: Harness) -> None:
    folder = harness.app("submit", SUBMIT_APP)
    (folder / "red.png").write_bytes(red_png())
    scan = scan_app(folder / "app.py")
    samples = scan.config["examples"]["samples"]
    assert scan.config["examples"]["cache"] is True
    assert scan.cached is not None and scan.cached.failures == [] and scan.cached.stopped_at is None

    harness.run_app("submit")
    for sample, cached in zip(samples, scan.cached.outputs, strict=True):
        reply = harness.event("submit", sample)  # the page's Submit after a click on the example
        assert reply["type"] == "result", reply
        assert cached == reply["data"]
    assert scan.cached.outputs[0][0] == "abab (tint [220, 20, 20])"


def test_a_failing_example_is_named_in_one_line_and_the_export_still_succeeds(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", FAILING_APP)
    said: list[str] = []
    export_app(app, tmp_path / "out", log=said.append)

    assert manifest_of(tmp_path / "out")["cached_outputs"] == [["HI"], None, None, ["YO"]]
    page = [line for line in said if "example 2" in line]
    boom = [line for line in said if "example 3" in line]
    assert page == [(
        "warning: app.py: example 2 [\"page\"] not cached at export: fn raised ModuleNotFoundError: No module "
        "named 'js' at app.py:6. The page runs it on the first click instead, once Python is ready."
    )]
    assert len(boom) == 1 and "ValueError: no boom here at app.py:8" in boom[0]
    assert any(re.fullmatch(r"app\.py: cached 2 of 4 examples at export in \d+\.\d\d s", line) for line in said), said


def test_the_time_limit_stops_a_hanging_example_and_keeps_the_others(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", SLOW_APP)
    limit = 4.0
    started = time.monotonic()
    scan = scan_app(app, timeout=limit)
    elapsed = time.monotonic() - started

    assert elapsed < limit + 3, f"the scan took {elapsed:.1f} s with a limit of {limit} s"
    assert scan.config["name"] == "wait"  # the app itself was built in time: the export goes on
    cached = scan.cached
    assert cached is not None and cached.outputs == [["FAST"], None, None]
    assert cached.stopped_at == 1 and cached.stopped_where == "app.py:7"
    (warning, summary) = cached.report("app.py", scan.config["examples"]["samples"])
    assert warning == (
        "warning: app.py: the export's time limit of 4 s ran out while caching example 2 (fn was at app.py:7); "
        "examples 2, 3 will be cached in the page on the first click. Raise the limit with --timeout SECONDS "
        "to cache them at export."
    )
    assert summary == "app.py: cached 1 of 3 examples at export before the time limit stopped it"


def test_media_outputs_are_shipped_as_files_beside_the_app(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", MEDIA_APP, {"notes.txt": b"some notes"})
    out = tmp_path / "out"
    export_app(app, out, log=lambda message: None)
    scan = scan_app(app)  # the same outputs, as the wire carries them (data URLs)
    (wire,) = scan.cached.outputs
    manifest = manifest_of(out)
    (shipped,) = manifest["cached_outputs"]
    image, audio, file, gallery, text = shipped

    def shipped_bytes(path: str) -> bytes:
        assert path.startswith(f"{CACHE_FOLDER}/"), path
        return (out / "app" / path).read_bytes()

    assert shipped_bytes(image) == parse_data_url(wire[0])[1] and image.endswith(".png")
    assert shipped_bytes(audio) == parse_data_url(wire[1])[1] and audio.endswith(".wav")
    assert file["name"] == "notes.txt" and shipped_bytes(file["data"]) == b"some notes" and file["data"].endswith(".txt")
    assert [shipped_bytes(item["image"]) == parse_data_url(w["image"])[1] for item, w in zip(gallery, wire[3])] == [True, True]
    assert gallery[0]["caption"] == "data:a caption, not a file"  # text stays text
    assert text == "data:text/plain,this is text, not media"
    assert "base64" not in json.dumps(manifest["cached_outputs"])
    assert CACHE_FOLDER not in "".join(manifest["files"])  # the page shows them; Python never reads them


def test_an_app_without_cache_examples_ships_no_cache(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", FAILING_APP.replace("cache_examples=True", "cache_examples=False"))
    export_app(app, tmp_path / "out", log=lambda message: None)
    manifest = manifest_of(tmp_path / "out")
    assert "cached_outputs" not in manifest and manifest["config"]["examples"]["cache"] is False
    assert not (tmp_path / "out" / "app" / CACHE_FOLDER).exists()
    assert scan_app(app).cached is None


def test_an_app_folder_of_the_same_name_is_refused(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", FAILING_APP)
    (tmp_path / "app" / CACHE_FOLDER).mkdir()
    (tmp_path / "app" / CACHE_FOLDER / "mine.txt").write_text("mine")
    with pytest.raises(ExportError, match="cached_examples/mine.txt.*rename that folder"):
        export_app(app, tmp_path / "out", include=[f"{CACHE_FOLDER}/*"], log=lambda message: None)


def test_serve_and_launch_ship_the_cached_outputs(tmp_path: Path) -> None:
    """``pyinterface serve`` and ``python app.py`` (launch() calls serve_app) export, so they cache."""
    app = write_app(tmp_path / "app", FAILING_APP)
    server = serve_app(app, port=0, block=False)
    try:
        with urllib.request.urlopen(server.url + "app/manifest.json", timeout=10) as response:
            assert json.loads(response.read())["cached_outputs"] == [["HI"], None, None, ["YO"]]
    finally:
        server.close()


def test_state_turns_caching_off_with_gradios_warning() -> None:
    def chat(message: str, history: list[str]) -> tuple[str, list[str]]:
        return message, [*history, message]

    with pytest.warns(UserWarning, match="^Cache examples cannot be used with state inputs and outputs. "
                                         "Setting cache_examples to False.$"):
        demo = gr.Interface(chat, ["text", "state"], ["text", "state"], examples=[["hi"]], cache_examples=True)
    assert demo.cache_examples is False and demo.config()["examples"]["cache"] is False
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gr.Interface(chat, ["text", "state"], ["text", "state"], examples=[["hi"]]).cache_examples is False


def test_the_export_summary_lists_the_cached_media(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pyinterface.tooling.cli import _size, main

    app = write_app(tmp_path / "app", MEDIA_APP, {"notes.txt": b"some notes"})
    assert main(["export", str(app), "--out", str(tmp_path / "out")]) == 0
    shipped = sorted(p for p in (tmp_path / "out" / "app" / CACHE_FOLDER).rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in shipped)
    line = f"  {CACHE_FOLDER}/: {len(shipped)} media outputs of cached examples, "
    assert line + _size(size) in capsys.readouterr().out and len(shipped) == 5, shipped
