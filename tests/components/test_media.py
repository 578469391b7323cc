import base64
import gc
import io
import json
import subprocess
import sys
import warnings
import wave
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

import pyinterface as gr
from pyinterface.components import _codecs
from pyinterface.components.image import resize_and_crop
from pyinterface.errors import ComponentValueError

from ._oracle import gradio_defaults


def png_url(array: np.ndarray) -> str:
    buffer = io.BytesIO()
    PILImage.fromarray(array).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def pixels(url: str) -> np.ndarray:
    assert url.startswith("data:image/png;base64,")
    return np.array(PILImage.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def wav_bytes(samples: np.ndarray, rate: int = 8000, width: int = 2) -> bytes:
    """Written with the stdlib only, independently of pyinterface's encoder."""
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return buffer.getvalue()


def wav_url(data: bytes) -> str:
    return "data:audio/wav;base64," + base64.b64encode(data).decode()


RGB = np.arange(6 * 10 * 3, dtype=np.uint8).reshape(6, 10, 3)


def test_importing_the_media_modules_loads_neither_numpy_nor_pil():
    code = (
        "import sys, pyinterface.components.image as i, pyinterface.components.audio as a; i.Image(); a.Audio(); "
        "print([n for n in ('numpy', 'PIL') if n in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


class TestImageCodec:
    def test_postprocess_array_is_a_png_data_url_of_the_same_pixels(self):
        assert (pixels(gr.Image().postprocess(RGB)) == RGB).all()

    @pytest.mark.parametrize(
        "array",
        [
            np.linspace(0, 1, 60).reshape(6, 10),  # float grayscale
            np.linspace(-0.5, 1, 180).reshape(6, 10, 3),  # float with negatives (clipped)
            np.linspace(0, 1, 240, dtype=np.float32).reshape(6, 10, 4),  # RGBA
            (np.arange(60, dtype=np.uint16) * 1000).reshape(6, 10),  # 16-bit, shifted down
            np.arange(60, dtype=np.int64).reshape(6, 10),  # ints that fit a byte
        ],
        ids=["float-L", "float-neg", "float32-RGBA", "uint16", "int64"],
    )
    def test_array_conversion_matches_gradio(self, gradio, array):
        from gradio import processing_utils

        ours = pixels(gr.Image().postprocess(array))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Gradio 3 uses np.bool8
            theirs = pixels(processing_utils.encode_array_to_base64(array))
        assert ours.dtype == theirs.dtype == np.uint8
        assert (ours == theirs).all()

    def test_bool_arrays_are_black_and_white_where_gradio_fails(self):
        mask = np.eye(3, dtype=bool)
        assert (pixels(gr.Image().postprocess(mask)) == mask * 255).all()

    def test_out_of_range_floats_and_ints_name_the_component_and_the_fix(self):
        with pytest.raises(ComponentValueError, match=r"(?s)Image 'pic': .*divide by 255"):
            gr.Image(label="pic").postprocess(np.full((2, 2), 255.0))
        with pytest.raises(ComponentValueError, match=r"(?s)0\.\.255.*astype\(np.uint8\)"):
            gr.Image().postprocess(np.full((2, 2), 300))
        with pytest.raises(ComponentValueError, match="NaN"):
            gr.Image().postprocess(np.full((2, 2), np.nan))

    @pytest.mark.parametrize("shape", [(4,), (2, 2, 5), (0, 3, 3), (2, 2, 3, 1)])
    def test_wrong_array_shapes_are_rejected_with_the_shape(self, shape):
        with pytest.raises(ComponentValueError, match=r"(?s)HxW, HxWx3.*shape \(" + str(shape[0])):
            gr.Image().postprocess(np.zeros(shape, dtype=np.uint8))

    def test_single_channel_arrays_are_grayscale(self):
        assert pixels(gr.Image().postprocess(np.full((3, 4, 1), 7, np.uint8))).shape == (3, 4)

    def test_postprocess_rejects_other_types(self):
        with pytest.raises(ComponentValueError, match=r"Image: expected a numpy array, a PIL image or a path"):
            gr.Image().postprocess([[1, 2], [3, 4]])

    def test_postprocess_pil_image_and_path(self, tmp_path, monkeypatch):
        pil = PILImage.fromarray(RGB)
        assert (pixels(gr.Image().postprocess(pil)) == RGB).all()
        monkeypatch.chdir(tmp_path)
        pil.save("pic.png")
        pil.save("pic.bmp")
        assert (pixels(gr.Image().postprocess("pic.png")) == RGB).all()
        assert (pixels(gr.Image().postprocess(Path("pic.bmp"))) == RGB).all()  # re-encoded as PNG

    def test_postprocess_missing_file_names_the_path(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ComponentValueError, match=r"File not found: 'nope\.png'"):
            gr.Image().postprocess("nope.png")

    def test_postprocess_refuses_urls_with_a_fix(self):
        with pytest.raises(ComponentValueError, match="not downloaded"):
            gr.Image().postprocess("https://example.com/cat.png")


class TestImagePreprocess:
    def test_data_url_to_numpy_pil_and_filepath(self):
        url = png_url(RGB)
        array = gr.Image().preprocess(url)
        assert isinstance(array, np.ndarray) and array.dtype == np.uint8 and (array == RGB).all()
        pil = gr.Image(type="pil").preprocess(url)
        assert isinstance(pil, PILImage.Image) and pil.size == (10, 6)
        path = gr.Image(type="filepath").preprocess(url)
        assert path.endswith(".png") and (np.array(PILImage.open(path)) == RGB).all()

    def test_any_image_mime_is_accepted(self):
        buffer = io.BytesIO()
        PILImage.fromarray(RGB).save(buffer, "JPEG")
        url = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
        assert gr.Image().preprocess(url).shape == (6, 10, 3)

    def test_python_callers_may_pass_arrays_pil_images_and_paths(self, tmp_path, monkeypatch):
        image = gr.Image(image_mode="L")
        assert image.preprocess(RGB).shape == (6, 10)
        assert image.preprocess(PILImage.fromarray(RGB)).shape == (6, 10)
        monkeypatch.chdir(tmp_path)
        PILImage.fromarray(RGB).save("in.png")
        assert image.preprocess("in.png").shape == (6, 10)

    def test_bad_inputs_name_the_problem(self, tmp_path, monkeypatch):
        image = gr.Image(label="photo")
        with pytest.raises(ComponentValueError, match=r"Image 'photo': .*base64 payload is corrupt"):
            image.preprocess("data:image/png;base64,%%%not base64%%%")
        with pytest.raises(ComponentValueError, match="could not be decoded as an image"):
            image.preprocess("data:image/png;base64," + base64.b64encode(b"hello").decode())
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ComponentValueError, match=r"File not found: 'missing\.png'"):
            image.preprocess("missing.png")
        with pytest.raises(ComponentValueError, match=r"expected an image \(data URL, file path"):
            image.preprocess(42)

    @pytest.mark.parametrize(
        "kwargs",
        [
            {},
            {"image_mode": "L"},
            {"shape": (4, 4)},
            {"shape": (8, None)},
            {"shape": (3, 5), "image_mode": "L", "invert_colors": True},
            {"invert_colors": True},
            {"source": "webcam"},
            {"source": "canvas", "image_mode": "L", "shape": (28, 28), "invert_colors": True},  # sketchpad
        ],
    )
    def test_preprocess_matches_gradio(self, gradio, kwargs):
        rng = np.random.default_rng(0)
        url = png_url(rng.integers(0, 256, (13, 21, 3), dtype=np.uint8))
        ours = gr.Image(**kwargs).preprocess(url)
        theirs = gradio.Image(**kwargs).preprocess(url)
        assert ours.shape == theirs.shape
        assert (ours == theirs).all()

    def test_resize_and_crop_matches_gradio_pixels(self, gradio):
        from gradio import processing_utils

        rng = np.random.default_rng(1)
        image = PILImage.fromarray(rng.integers(0, 256, (37, 64, 3), dtype=np.uint8))
        for size in [(16, 16), (64, 10), (None, 20), (30, None)]:
            ours = np.array(resize_and_crop(image, size))
            theirs = np.array(processing_utils.resize_and_crop(image, size))
            assert (ours == theirs).all(), size

    def test_invert_keeps_alpha_where_gradio_fails(self):
        rgba = np.zeros((2, 2, 4), np.uint8)
        rgba[..., 3] = 200
        out = gr.Image(image_mode="RGBA", invert_colors=True).preprocess(png_url(rgba))
        assert (out[..., :3] == 255).all() and (out[..., 3] == 200).all()

    def test_sketch_tool_on_upload_gives_image_and_mask(self):
        image = gr.Image(tool="sketch")
        mask = np.zeros((6, 10, 4), np.uint8)
        mask[2, 3] = (0, 0, 0, 255)  # an opaque stroke becomes white
        out = image.preprocess({"image": png_url(RGB), "mask": png_url(mask)})
        assert (out["image"] == RGB).all()
        assert out["mask"].shape == (6, 10, 3) and (out["mask"][2, 3] == 255).all() and out["mask"].sum() == 3 * 255
        blank = image.preprocess(png_url(RGB))
        assert blank["mask"].shape == (6, 10, 3) and not blank["mask"].any()
        with pytest.raises(ComponentValueError, match="'image' and 'mask' keys"):
            image.preprocess({"mask": png_url(mask)})


class TestImageOtherMethods:
    def test_as_python_gives_pixels_never_a_path(self):
        url = gr.Image().postprocess(RGB)
        for kind in ("numpy", "filepath"):
            assert (gr.Image(type=kind).as_python(url) == RGB).all()
        assert isinstance(gr.Image(type="pil").as_python(url), PILImage.Image)
        assert gr.Image().as_python(None) is None
        palette = PILImage.fromarray(RGB).convert("P")
        assert gr.Image().as_python(gr.Image().postprocess(palette)).shape == (6, 10, 3)

    def test_example_payload_keeps_paths_and_checks_them(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        PILImage.fromarray(RGB).save("cat.png")
        Path("notes.txt").write_text("not an image")
        assert gr.Image().example_payload("cat.png") == "cat.png"
        with pytest.raises(ComponentValueError, match=r"File not found: 'dog\.png'"):
            gr.Image().example_payload("dog.png")
        with pytest.raises(ComponentValueError, match="could not be decoded"):
            gr.Image().example_payload("notes.txt")
        assert (pixels(gr.Image().example_payload(RGB)) == RGB).all()

    def test_config_is_json_and_value_is_a_data_url(self):
        config = json.loads(json.dumps(gr.Image(RGB, shape=(28, 28), source="canvas", label="x").get_config()))
        assert config["shape"] == [28, 28] and config["source"] == "canvas" and config["tool"] == "sketch"
        assert (pixels(config["value"]) == RGB).all()
        for key in ("image_mode", "type", "invert_colors", "mirror_webcam", "brush_radius", "brush_color"):
            assert key in config

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"type": "array"}, "type must be one of 'numpy', 'pil', 'filepath'"),
            ({"source": "camera"}, "source must be one of 'upload', 'webcam', 'canvas'"),
            ({"image_mode": "rgb"}, "image_mode must be one of"),
            ({"tool": "brush"}, "tool must be one of"),
            ({"shape": (28,)}, r"shape must be \(width, height\)"),
            ({"streaming": True}, "streaming=True needs source='webcam'"),
        ],
    )
    def test_bad_constructor_arguments(self, kwargs, message):
        with pytest.raises(ValueError, match=message):
            gr.Image(**kwargs)

    def test_kinds(self):
        assert (gr.Image.component_type, gr.Image.data_kind) == ("image", "image")


class TestAudio:
    SINE = (np.sin(np.linspace(0, 60, 4000)) * 20000).astype(np.int16)

    def test_wav_data_url_to_rate_and_int16(self):
        rate, samples = gr.Audio().preprocess(wav_url(wav_bytes(self.SINE, 16000)))
        assert rate == 16000 and samples.dtype == np.int16 and (samples == self.SINE).all()

    def test_stereo_and_other_sample_widths(self):
        stereo = np.stack([self.SINE, -self.SINE], axis=1)
        rate, samples = gr.Audio().preprocess(wav_url(wav_bytes(stereo)))
        assert samples.shape == (4000, 2) and (samples == stereo).all()
        eight_bit = (self.SINE.astype(np.int32) // 256 + 128).astype(np.uint8)
        assert (gr.Audio().preprocess(wav_url(wav_bytes(eight_bit, width=1)))[1] == (self.SINE.astype(np.int32) // 256) * 256).all()
        wide = self.SINE.astype(np.int32) << 16
        assert (gr.Audio().preprocess(wav_url(wav_bytes(wide, width=4)))[1] == self.SINE).all()
        packed = b"".join(int(s << 8).to_bytes(3, "little", signed=True) for s in self.SINE[:50])
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(3)
            w.setframerate(8000)
            w.writeframes(packed)
        assert (gr.Audio().preprocess(wav_url(buffer.getvalue()))[1] == self.SINE[:50]).all()

    @pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
    def test_decoding_matches_gradio(self, gradio, tmp_path):
        from gradio import processing_utils

        stereo = np.stack([self.SINE, self.SINE // 3], axis=1)
        for name, samples in (("mono.wav", self.SINE), ("stereo.wav", stereo)):
            (tmp_path / name).write_bytes(wav_bytes(samples, 22050))
            ours = gr.Audio().preprocess(str(tmp_path / name))
            theirs = processing_utils.audio_from_file(str(tmp_path / name))
            assert ours[0] == theirs[0] and ours[1].dtype == theirs[1].dtype and (ours[1] == theirs[1]).all()
        gc.collect()  # pydub leaves the file open; collect it while its warning is ignored

    @pytest.mark.parametrize(
        "samples",
        [
            np.sin(np.linspace(0, 20, 500)).astype(np.float32) * 0.3,
            np.sin(np.linspace(0, 20, 500)) * 0.9,
            (np.sin(np.linspace(0, 20, 500)) * 2e9).astype(np.int32),
            np.arange(500, dtype=np.uint16) * 100,
            (np.arange(500) % 256).astype(np.uint8),
            np.stack([np.linspace(-1, 1, 500), np.linspace(1, -1, 500)], axis=1),
        ],
        ids=["float32", "float64", "int32", "uint16", "uint8", "stereo-float"],
    )
    def test_sample_conversion_matches_gradio(self, gradio, samples):
        from gradio import processing_utils

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Gradio warns on every conversion; we do not
            theirs = processing_utils.convert_to_16_bit_wav(samples)
        rate, ours = gr.Audio().as_python(gr.Audio().postprocess((8000, samples)))
        assert rate == 8000 and ours.dtype == np.int16 and (ours == theirs).all()

    def test_postprocess_writes_16_bit_wav(self):
        url = gr.Audio().postprocess((44100, self.SINE))
        assert url.startswith("data:audio/wav;base64,")
        with wave.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))) as w:
            assert (w.getframerate(), w.getsampwidth(), w.getnchannels(), w.getnframes()) == (44100, 2, 1, 4000)

    def test_silent_float_audio_is_zeros_not_nan(self):
        assert not gr.Audio().as_python(gr.Audio().postprocess((8000, np.zeros(10))))[1].any()

    def test_postprocess_path_and_non_wav(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("tone.wav").write_bytes(wav_bytes(self.SINE))
        Path("tone.mp3").write_bytes(b"ID3\x03\x00" + b"\x00" * 100)
        assert (gr.Audio().as_python(gr.Audio().postprocess("tone.wav"))[1] == self.SINE).all()
        with pytest.raises(ComponentValueError, match=r"Audio 'out': .*got MP3 audio; convert it to 16-bit PCM WAV"):
            gr.Audio(label="out").postprocess("tone.mp3")
        with pytest.raises(ComponentValueError, match=r"File not found: 'gone\.wav'"):
            gr.Audio().postprocess("gone.wav")

    def test_bad_inputs(self):
        audio = gr.Audio(label="voice")
        webm = "data:audio/webm;base64," + base64.b64encode(b"\x1aE\xdf\xa3" + b"\x00" * 40).decode()
        with pytest.raises(ComponentValueError, match=r"Audio 'voice': .*WebM/Matroska audio.*convert it to 16-bit PCM WAV"):
            audio.preprocess(webm)
        with pytest.raises(ComponentValueError, match="base64 payload is corrupt"):
            audio.preprocess("data:audio/wav;base64,***")
        float_wav = bytearray(wav_bytes(self.SINE))
        float_wav[20:22] = (3).to_bytes(2, "little")  # format 3 = IEEE float, which `wave` cannot read
        with pytest.raises(ComponentValueError, match="only PCM WAV is supported"):
            audio.preprocess(wav_url(bytes(float_wav)))
        with pytest.raises(ComponentValueError, match=r"expected audio \(a WAV data URL"):
            audio.preprocess(3.5)

    def test_tuples_from_python_callers(self):
        rate, samples = gr.Audio().preprocess((8000, np.linspace(-0.5, 0.5, 100)))
        assert rate == 8000 and samples.dtype == np.int16 and samples.max() == 32767
        with pytest.raises(ComponentValueError, match="sample rate comes first"):
            gr.Audio().preprocess((self.SINE, 8000))
        with pytest.raises(ComponentValueError, match=r"(?s)shaped \(n,\) or \(n, channels\).*pass samples\.T"):
            gr.Audio().postprocess((8000, np.zeros((2, 1000))))
        with pytest.raises(ComponentValueError, match=r"shape \(2, 2, 2\)"):
            gr.Audio().postprocess((8000, np.zeros((2, 2, 2))))
        with pytest.raises(ComponentValueError, match=r"(?s)dtype int64 cannot be converted.*float"):
            gr.Audio().postprocess((8000, np.arange(10)))
        with pytest.raises(ComponentValueError, match="NaN"):
            gr.Audio().postprocess((8000, np.array([0.1, np.nan])))

    def test_filepath_type_writes_a_wav_but_as_python_gives_the_tuple(self):
        audio = gr.Audio(type="filepath")
        path = audio.preprocess(wav_url(wav_bytes(self.SINE)))
        assert path.endswith(".wav") and Path(path).is_file()
        with wave.open(path) as w:
            assert w.getnframes() == 4000
        rate, samples = audio.as_python(audio.postprocess(path))
        assert rate == 8000 and (samples == self.SINE).all()

    def test_example_payload(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("a.wav").write_bytes(wav_bytes(self.SINE))
        Path("b.wav").write_bytes(b"not audio at all")
        assert gr.Audio().example_payload("a.wav") == "a.wav"
        with pytest.raises(ComponentValueError, match=r"'missing\.wav'"):
            gr.Audio().example_payload("missing.wav")
        with pytest.raises(ComponentValueError, match="not a WAV file"):
            gr.Audio().example_payload("b.wav")

    def test_config_and_constructor(self):
        config = json.loads(json.dumps(gr.Audio((8000, self.SINE), autoplay=True).get_config()))
        assert config["source"] == "upload" and config["autoplay"] is True and config["type"] == "numpy"
        assert config["value"].startswith("data:audio/wav;base64,")
        assert gr.Audio(streaming=True).source == "microphone"  # Gradio 3.50's default
        with pytest.raises(ValueError, match="source must be one of 'upload', 'microphone'"):
            gr.Audio(source="webcam")
        with pytest.raises(ValueError, match="type must be one of 'numpy', 'filepath'"):
            gr.Audio(type="pil")
        with pytest.raises(ValueError, match="streaming=True needs source='microphone'"):
            gr.Audio(source="upload", streaming=True)
        assert (gr.Audio.component_type, gr.Audio.data_kind) == ("audio", "audio")


class TestCodecs:
    def test_data_urls(self):
        assert _codecs.parse_data_url("data:text/plain,hello%20there") == ("text/plain", b"hello there")
        assert _codecs.parse_data_url("data:image/png;base64,aGk") == ("image/png", b"hi")  # padding restored
        with pytest.raises(_codecs.CodecError, match="no ','"):
            _codecs.parse_data_url("data:image/png;base64")

    def test_sniffing(self):
        assert _codecs.sniff_audio_format(wav_bytes(np.zeros(4, np.int16))) == "WAV"
        assert _codecs.sniff_audio_format(b"OggS\x00\x02") == "Ogg"
        assert _codecs.sniff_audio_format(b"\x00\x00\x00\x20ftypM4A ") == "MP4/M4A"
        assert _codecs.sniff_audio_format(b"????") is None


@pytest.mark.parametrize("name", ['Image', 'Audio'])
def test_every_gradio_constructor_argument_is_accepted_without_warnings(gradio, name):
    component = getattr(gr, name)(**gradio_defaults(getattr(gradio, name)))  # -W error turns warnings into failures
    json.dumps(component.get_config(), allow_nan=False)
