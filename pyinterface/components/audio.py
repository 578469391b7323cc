"""The Audio component: 16-bit PCM WAV in and out.

Audio travels as ``data:`` URLs (or as paths relative to the current folder, for examples
and Python callers); the WAV format itself lives in :mod:`._codecs`. numpy is imported only
inside the methods that need it.
"""

from __future__ import annotations

import numbers
import os
from typing import TYPE_CHECKING, Any, Literal

from ._codecs import CodecError, audio_to_int16, decode_wav, encode_wav, make_data_url, read_source, write_temp
from ._validate import _check_choice, _sentence
from ._file import FileComponent

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Audio"]

_AUDIO_SOURCES = ("upload", "microphone")
_AUDIO_TYPES = ("numpy", "filepath")


class Audio(FileComponent):
    """Audio to upload or record (input) or to play (output), as 16-bit PCM WAV.

    The fn receives ``(sample_rate, samples)`` with int16 samples shaped (n,) or
    (n, channels) (``type="numpy"``), or the path of a temporary .wav (``"filepath"``). It may
    return such a tuple (int16, int32, or floats, normalised to their peak as in Gradio 3) or a
    path to a .wav file. Other formats must be converted to WAV first: the page does this for
    uploads and recordings, as decoding uses only the stdlib ``wave`` module.

    Interpretation reads samples with :meth:`decode` and sends perturbed ones back with
    :meth:`postprocess`.
    """

    component_type = "audio"
    data_kind = "audio"

    def __init__(
        self,
        value: Any = None,
        *,
        source: Literal["upload", "microphone"] | None = None,
        type: Literal["numpy", "filepath"] = "numpy",
        label: str | None = None,
        streaming: bool = False,
        format: Literal["wav", "mp3"] = "wav",
        autoplay: bool = False,
        **kwargs: Any,
    ) -> None:
        # Gradio 3.50: no source means the microphone when streaming, an upload box otherwise.
        source = source or ("microphone" if streaming else "upload")
        _check_choice("Audio", "source", source, _AUDIO_SOURCES)
        _check_choice("Audio", "type", type, _AUDIO_TYPES)
        if streaming and source == "upload":
            raise ValueError("Audio: streaming=True needs source='microphone' (as in Gradio 3).")
        self.source = source
        self.type = type
        self.streaming = streaming
        self.format = format  # kept for the page; files written here are always WAV
        self.autoplay = autoplay
        super().__init__(value, label=label, **kwargs)

    def decode(self, x: Any) -> tuple[int, np.ndarray]:
        """Any accepted audio value (data URL, .wav path, WAV bytes, (rate, samples) tuple) ->
        (sample_rate, int16 samples)."""
        if isinstance(x, (tuple, list)):
            return self._check_tuple(x)
        try:
            if isinstance(x, (str, os.PathLike)):
                return decode_wav(read_source(os.fspath(x))[1])
            if isinstance(x, (bytes, bytearray)):
                return decode_wav(bytes(x))
        except CodecError as exc:
            raise self.invalid(x, "WAV audio as a data URL or a .wav path", _sentence(exc)) from None
        raise self.invalid(x, "audio (a WAV data URL, a .wav path or a (sample_rate, samples) tuple)")

    def _check_tuple(self, x: tuple[Any, ...] | list[Any]) -> tuple[int, np.ndarray]:
        import numpy as np

        expected = "a (sample_rate, samples) tuple"
        if len(x) != 2:
            raise self.invalid(x, expected)
        rate, data = x
        if isinstance(rate, bool) or not isinstance(rate, numbers.Integral) or rate <= 0:
            fix = "The sample rate comes first." if isinstance(data, numbers.Integral) else None
            raise self.invalid(x, expected + " with a positive int sample rate", fix)
        try:
            samples = np.asarray(data)
        except ValueError:  # ragged nested lists
            raise self.invalid(data, "samples shaped (n,) or (n, channels)") from None
        if samples.ndim not in (1, 2) or (samples.ndim == 2 and not 0 < samples.shape[1] <= 16):
            fix = f"These samples have shape {samples.shape}."
            if samples.ndim == 2 and samples.shape[0] <= 16:
                fix += " For (channels, n) data pass samples.T."
            raise self.invalid(samples, "samples shaped (n,) or (n, channels)", fix)
        try:
            return int(rate), audio_to_int16(samples)
        except CodecError as exc:
            raise self.invalid(samples, "audio samples", _sentence(exc)) from None

    def preprocess(self, x: Any) -> Any:
        if x is None:
            return None
        rate, samples = self.decode(x)
        if self.type == "filepath":
            return write_temp(encode_wav(rate, samples), ".wav")
        return rate, samples

    def postprocess(self, y: Any) -> str | None:
        if y is None:
            return None
        if isinstance(y, (tuple, list)):
            rate, samples = self._check_tuple(y)
            return make_data_url("audio/wav", encode_wav(rate, samples))
        if isinstance(y, (str, os.PathLike, bytes, bytearray)):
            try:
                data = bytes(y) if isinstance(y, (bytes, bytearray)) else read_source(os.fspath(y))[1]
                decode_wav(data)  # check it is WAV that plays and that as_python can decode
            except CodecError as exc:
                raise self.invalid(y, "a path to a .wav file or a WAV data URL", _sentence(exc)) from None
            return make_data_url("audio/wav", data)
        raise self.invalid(y, "a (sample_rate, samples) tuple or a path to a .wav file")

    def as_python(self, y: Any) -> tuple[int, np.ndarray] | None:
        """The audio as ``(sample_rate, int16 samples)``, whatever ``type`` is."""
        return None if y is None else self.decode(y)

    def pyodide_packages(self) -> tuple[str, ...]:
        return ("numpy",)  # WAV decoding is the stdlib's `wave`; samples are numpy arrays

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "source": self.source,
            "type": self.type,
            "format": self.format,
            "autoplay": self.autoplay,
            "streaming": self.streaming,
        }
