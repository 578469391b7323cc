"""The Video component (and Gradio's ``PlayableVideo`` template): a video to upload or play.

The page has no ffmpeg, so videos are never converted: fn gets the uploaded file as it is,
and the page plays what the browser can (MP4/H.264, WebM, Ogg). Where Gradio 3 would convert
(``format`` differing from the upload), the visitor is told what to upload instead, as
Gradio's own Wasm build refuses to convert too. Files travel in :mod:`._filedata`'s form.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from ._codecs import CodecError, make_data_url, read_source, sniff_audio_format, write_named_temp
from ._file import FileComponent
from ._filedata import FileData, file_data, read_named
from ._validate import _check_choice, _sentence

__all__ = ["PlayableVideo", "Video"]

_VIDEO_SOURCES = ("upload", "webcam")
#: Containers recognised in bytes fn returns -> (MIME type, file name).
_CONTAINERS = {"MP4/M4A": ("video/mp4", "video.mp4"), "WebM/Matroska": ("video/webm", "video.webm"),
               "Ogg": ("video/ogg", "video.ogv")}
_SRT_TIMING = re.compile(r"^(\d\d:\d\d:\d\d),(\d\d\d) --> (\d\d:\d\d:\d\d),(\d\d\d)", re.MULTILINE)


class Video(FileComponent):
    """A video to upload (input) or play (output).

    fn receives the path of the uploaded video (kept in its own format, under its own name).
    It returns a path (str or ``pathlib.Path``), the video's bytes (MP4, WebM or Ogg), or
    ``(video, subtitles)`` with a .srt or .vtt subtitles path.

    Parameters (Gradio 3.50.2): ``format`` (the container fn must receive, e.g. "mp4";
    ``None`` keeps the upload's), ``source`` "upload" or "webcam" (recorded in the page as
    WebM), ``height``, ``width``, ``mirror_webcam`` (the preview is mirrored; the recording is
    not, as flipping needs ffmpeg), ``include_audio``, ``autoplay``.
    """

    component_type = "video"
    data_kind = "video"

    def __init__(
        self,
        value: Any = None,
        *,
        format: str | None = None,
        source: Literal["upload", "webcam"] = "upload",
        height: int | None = None,
        width: int | None = None,
        label: str | None = None,
        mirror_webcam: bool = True,
        include_audio: bool | None = None,
        autoplay: bool = False,
        **kwargs: Any,
    ) -> None:
        _check_choice("Video", "source", source, _VIDEO_SOURCES)
        self.format = format.lstrip(".").lower() if isinstance(format, str) else None
        self.source = source
        self.height, self.width = height, width
        self.mirror_webcam = mirror_webcam
        # Gradio 3.50.2: uploads keep their sound, webcam recordings have none unless asked.
        self.include_audio = include_audio if include_audio is not None else source == "upload"
        self.autoplay = autoplay
        super().__init__(value, label=label, **kwargs)

    def decode(self, value: Any) -> tuple[str, bytes]:
        """A video on the wire (its dict, a path or a data URL) -> (its name, its bytes)."""
        try:
            return read_named(value)
        except CodecError as exc:
            raise self.invalid(value, "a video (a path, a data URL or a {'name', 'data'} dict)", _sentence(exc)) from None

    def preprocess(self, x: Any) -> str | None:
        if x is None:
            return None
        if isinstance(x, (list, tuple)):  # Gradio 3: (video, subtitles); subtitles are ignored
            x = x[0] if x else None
            if x is None:
                return None
        name, content = self.decode(x)
        suffix = Path(name).suffix.lstrip(".").lower()
        if self.format and suffix != self.format:
            raise self.invalid(
                name, f"a .{self.format} video (this Video has format={self.format!r})",
                "Converting videos needs ffmpeg, which the page does not have: upload a "
                f".{self.format} file, or use format=None to take any video as it is.",
            )
        return write_named_temp(content, name)

    def _video(self, y: Any) -> FileData:
        if isinstance(y, (bytes, bytearray)):
            container = _CONTAINERS.get(sniff_audio_format(bytes(y)) or "")
            if container is None:
                raise self.invalid(y, "video bytes in MP4, WebM or Ogg", "Or write the video to a file and return its path.")
            mime, name = container
            return file_data(name, bytes(y), mime)
        if isinstance(y, (str, os.PathLike)):
            return file_data(*self.decode(y))
        raise self.invalid(y, "a path to a video file, its bytes, or a (video, subtitles) tuple")

    def _subtitles(self, path: Any) -> str:
        source = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
        suffix = Path(source).suffix.lower() if source else ""
        if suffix not in (".srt", ".vtt"):
            raise self.invalid(path, "a subtitles path ending in .srt or .vtt")
        try:
            text = read_source(source)[1].decode("utf-8-sig")  # type: ignore[arg-type]
        except (CodecError, UnicodeDecodeError) as exc:
            raise self.invalid(path, "UTF-8 subtitles", _sentence(exc)) from None
        if suffix == ".srt":  # browsers play WebVTT only: SRT differs in the header and the comma
            text = "WEBVTT\n\n" + _SRT_TIMING.sub(r"\1.\2 --> \3.\4", text.replace("\r\n", "\n"))
        return make_data_url("text/vtt", text.encode("utf-8"))

    def postprocess(self, y: Any) -> dict[str, Any] | None:
        if y is None or (isinstance(y, (list, tuple)) and all(item is None for item in y)):
            return None
        if isinstance(y, (list, tuple)):
            if len(y) != 2:
                raise self.invalid(y, "a (video, subtitles) pair")
            video: dict[str, Any] = dict(self._video(y[0]))
            if y[1] is not None:
                video["subtitles"] = self._subtitles(y[1])
            return video
        return dict(self._video(y))

    def as_python(self, y: Any) -> str | None:
        """The shown video as the path of a copy named as on the page."""
        if y is None:
            return None
        name, content = self.decode(y)
        return write_named_temp(content, name)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "format": self.format,
            "source": self.source,
            "height": self.height,
            "width": self.width,
            "mirror_webcam": self.mirror_webcam,
            "include_audio": self.include_audio,
            "autoplay": self.autoplay,
        }


class PlayableVideo(Video):
    """Gradio's template: ``Video(format="mp4")``, the format every browser plays."""

    def __init__(self, value: Any = None, *, format: str | None = "mp4", **kwargs: Any) -> None:
        super().__init__(value, format=format, **kwargs)
