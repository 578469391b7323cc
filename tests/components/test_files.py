import base64
import json
import os
from pathlib import Path

import pytest

import pyinterface as gr
from pyinterface.components.files import NamedFile
from pyinterface.errors import ComponentValueError, ConfigurationError

from ._oracle import gradio_defaults

CSV = b"a,b\n1,2\n"


def url(data: bytes, mime: str = "text/csv") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def upload(name: str, data: bytes, mime: str = "text/csv") -> dict:
    """What the page sends (and what Gradio 3's page sent, minus is_file)."""
    return {"name": name, "data": url(data, mime), "size": len(data), "is_file": False}


def gradio_view(value):
    """A Gradio or pyinterface fn value -> (base name, bytes) for comparison."""
    if isinstance(value, bytes):
        return None, value
    return Path(value.name).name, Path(value.name).read_bytes()


class TestFileParity:
    @pytest.mark.parametrize("type", ["file", "binary"])
    def test_single_upload_reaches_fn_as_gradio_hands_it(self, gradio, type):
        payload = upload("report.csv", CSV)
        ours = gr.File(type=type).preprocess(payload)
        theirs = gradio.File(type=type).preprocess(dict(payload))
        assert gradio_view(ours) == gradio_view(theirs)
        if type == "file":
            assert isinstance(ours, NamedFile) and ours.orig_name == theirs.orig_name == "report.csv"

    @pytest.mark.parametrize("type", ["file", "binary"])
    def test_multiple_uploads_are_a_list_as_in_gradio(self, gradio, type):
        payload = [upload("a.csv", CSV), upload("b.txt", b"hello", "text/plain")]
        ours = gr.File(file_count="multiple", type=type).preprocess(payload)
        theirs = gradio.File(file_count="multiple", type=type).preprocess([dict(p) for p in payload])
        assert [gradio_view(v) for v in ours] == [gradio_view(v) for v in theirs]

    def test_single_file_given_a_list_takes_the_first_as_gradio(self, gradio):
        payload = [upload("a.csv", CSV), upload("b.csv", b"x")]
        assert gradio_view(gr.File().preprocess(payload)) == gradio_view(gradio.File().preprocess(payload))

    def test_postprocess_describes_the_same_file_as_gradio(self, gradio, tmp_path):
        path = tmp_path / "out.csv"
        path.write_bytes(CSV)
        ours = gr.File().postprocess(str(path))
        theirs = gradio.File().postprocess(str(path))
        assert ours["name"] == theirs["orig_name"] == "out.csv"
        assert ours["size"] == theirs["size"] == len(CSV)
        assert ours["data"] == url(CSV)
        many = gr.File(file_count="multiple").postprocess([path, str(path)])
        assert [m["name"] for m in many] == [t["orig_name"] for t in gradio.File().postprocess([str(path)] * 2)]

    def test_shortcuts_match_gradio_templates(self, gradio):
        assert gr.components.get_component("files").file_count == gradio.Files().file_count == "multiple"
        assert gr.components.get_component("file").file_count == gradio.File().file_count == "single"


class TestFile:
    def test_fn_may_open_the_named_file_or_read_its_path(self):
        received = gr.File().preprocess(upload("notes.txt", b"hi", "text/plain"))
        with open(received, "rb") as handle:
            assert handle.read() == b"hi"
        assert os.path.basename(received.name) == "notes.txt"

    def test_python_callers_pass_paths(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("in.csv").write_bytes(CSV)
        assert gr.File(type="binary").preprocess("in.csv") == CSV
        assert gr.File(type="binary", file_count="multiple").preprocess("in.csv") == [CSV]

    def test_an_upload_name_cannot_escape_the_temp_folder(self):
        received = gr.File().preprocess({"name": "../../etc/passwd", "data": url(b"x")})
        assert Path(received.name).name == "passwd" and "pyinterface" in received.name

    def test_file_types_refuse_other_files_naming_the_fix(self):
        image_only = gr.File(file_types=["image", ".csv"], label="data")
        assert image_only.preprocess(upload("pic.png", b"x", "image/png"))
        assert image_only.preprocess(upload("t.CSV", CSV))
        with pytest.raises(ComponentValueError, match=r"File 'data': expected a file of type image, \.csv.*widen file_types"):
            image_only.preprocess(upload("notes.txt", b"x"))

    def test_fn_may_return_what_it_received(self):
        file = gr.File()
        received = file.preprocess(upload("r.csv", CSV))
        assert file.postprocess(received)["data"] == url(CSV)

    def test_bad_values_name_the_problem_and_the_fix(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ComponentValueError, match=r"File not found: 'gone\.csv'"):
            gr.File().postprocess("gone.csv")
        with pytest.raises(ComponentValueError, match="Write bytes to a file and return its path"):
            gr.File().postprocess(b"raw")
        with pytest.raises(ComponentValueError, match="needs a 'data' field"):
            gr.File().preprocess({"name": "x.csv"})
        with pytest.raises(ValueError, match="file_count must be one of"):
            gr.File(file_count="many")
        with pytest.raises(TypeError, match="file_types must be a list"):
            gr.File(file_types=".csv")

    def test_examples_stay_paths_and_are_checked_now(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("ex.csv").write_bytes(CSV)
        io = gr.Interface(lambda f: f.orig_name, "file", "text", examples=[["ex.csv"]])
        assert io.config()["examples"]["samples"] == [["ex.csv"]]
        assert io("ex.csv") == "ex.csv"
        with pytest.raises(ConfigurationError, match=r"examples\[0\]: File 'f': .*File not found: 'missing\.csv'"):
            gr.Interface(lambda f: f, "file", "text", examples=[["missing.csv"]])

    def test_calling_the_interface_gives_paths_of_copies(self, tmp_path):
        source = tmp_path / "made.txt"
        source.write_text("made")
        io = gr.Interface(lambda: str(source), None, "file")
        result = io()
        assert Path(result).name == "made.txt" and Path(result).read_text() == "made" and result != str(source)


class TestVideoParity:
    def test_upload_reaches_fn_as_a_path_with_the_name_and_bytes_gradio_gives(self, gradio):
        data = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32
        payload = upload("clip.mp4", data, "video/mp4")
        ours = gr.Video().preprocess(payload)
        theirs = gradio.Video().preprocess(dict(payload))
        assert isinstance(ours, str) and isinstance(theirs, str)
        assert Path(ours).name == Path(theirs).name == "clip.mp4"
        assert Path(ours).read_bytes() == Path(theirs).read_bytes() == data

    def test_playable_video_is_format_mp4_as_gradio(self, gradio):
        assert gr.components.get_component("playable_video").format == gradio.PlayableVideo().format == "mp4"
        assert gr.Video(source="webcam").include_audio is gradio.Video(source="webcam").include_audio is False


class TestVideo:
    MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 16
    WEBM = b"\x1aE\xdf\xa3" + b"\x00" * 16

    def test_output_takes_a_path_or_bytes(self, tmp_path):
        path = tmp_path / "v.webm"
        path.write_bytes(self.WEBM)
        from_path = gr.Video().postprocess(path)
        assert from_path["name"] == "v.webm" and from_path["data"].startswith("data:video/webm;base64,")
        from_bytes = gr.Video().postprocess(self.MP4)
        assert from_bytes["name"] == "video.mp4" and from_bytes["data"] == url(self.MP4, "video/mp4")

    def test_unknown_bytes_name_the_formats(self):
        with pytest.raises(ComponentValueError, match="MP4, WebM or Ogg"):
            gr.Video().postprocess(b"not a video")

    def test_format_the_page_cannot_convert_tells_what_to_upload(self):
        with pytest.raises(ComponentValueError, match=r"expected a \.mp4 video.*upload a \.mp4 file, or use format=None"):
            gr.Video(format="mp4").preprocess(upload("clip.webm", self.WEBM, "video/webm"))

    def test_srt_subtitles_become_webvtt(self, tmp_path):
        video, subs = tmp_path / "v.mp4", tmp_path / "s.srt"
        video.write_bytes(self.MP4)
        subs.write_text("1\n00:00:01,000 --> 00:00:02,500\nHello\n")
        out = gr.Video().postprocess((video, subs))
        vtt = base64.b64decode(out["subtitles"].split(",", 1)[1]).decode()
        assert vtt.startswith("WEBVTT") and "00:00:01.000 --> 00:00:02.500" in vtt
        with pytest.raises(ComponentValueError, match=r"\.srt or \.vtt"):
            gr.Video().postprocess((video, tmp_path / "s.txt"))

    def test_calling_gives_a_path_and_the_config_is_json(self, tmp_path):
        video = tmp_path / "v.mp4"
        video.write_bytes(self.MP4)
        io = gr.Interface(lambda v: v, "video", "video")
        assert Path(io(str(video))).read_bytes() == self.MP4
        json.dumps(io.config(), allow_nan=False)


@pytest.mark.parametrize("name", ["File", "Video"])
def test_every_gradio_constructor_argument_is_accepted_without_warnings(gradio, name):
    component = getattr(gr, name)(**gradio_defaults(getattr(gradio, name)))
    json.dumps(component.get_config(), allow_nan=False)


def test_multiple_file_examples_are_checked_one_by_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_bytes(CSV)
    Path("b.csv").write_bytes(CSV)
    io = gr.Interface(lambda files: len(files), "files", "number", examples=[[["a.csv", "b.csv"]]])
    assert io.config()["examples"]["samples"] == [[["a.csv", "b.csv"]]]
    assert io(["a.csv", "b.csv"]) == 2
