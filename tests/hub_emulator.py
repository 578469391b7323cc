"""A Hugging Face Hub + inference emulator on loopback, speaking the recorded wire format.

It is a real HTTP server (stdlib ``ThreadingHTTPServer`` on 127.0.0.1, a free port) that
answers what huggingface.co and router.huggingface.co answer, as recorded in
``shared/reference/hub-wire-protocols.md``:

* ``GET  /api/models/{id}[?expand[]=...]``      model info (307 for renamed repos, 401 gated)
* ``GET  /api/spaces/{id}/host``                ``{"subdomain", "host"}`` (the real local Space)
* ``POST /hf-inference/models/{id}``            every task, JSON or raw-bytes bodies
* ``POST /hf-inference/models/{id}/pipeline/{feature-extraction|sentence-similarity}``
* ``POST /hf-inference/models/{id}/v1/chat/completions``
* ``OPTIONS *``                                 CORS preflight, no max-age (as recorded)
* ``GET  /files/{name}``                        static bytes (a "third host" for token tests)

Answers are deterministic but depend on the input (text generation continues the prompt,
translation maps words, image tasks look at the pixels, ASR measures the tone), so tests
can assert exact values. Error statuses come with the recorded bodies and headers, and a
per-model script can inject any answer (503 ``estimated_time``, 429 ``Retry-After``, ...);
a scripted :class:`Reply` with a ``gate`` is held until the test opens it.

CORS is as recorded: ``Access-Control-Expose-Headers`` lists ``x-compute-type, x-compute-time``
(inference) or the Hub's list (API), neither of which has ``Retry-After`` or ``RateLimit``, so
a page cannot read them. ``expose_retry_after = True`` adds both (what a proxy, or a Hub that
fixed this, would send). :class:`SilentHost` is a host that takes requests and never answers.
Every request is logged (``emulator.requests``) so tests can see headers, e.g. who got the
token. ``huggingface_hub.InferenceClient`` parses these answers (tests/hub/test_emulator_wire.py).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import math
import re
import socket
import struct
import threading
import time
import wave
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

VALID_TOKEN = "hf_emulator_inference_token"
READ_ONLY_TOKEN = "hf_emulator_read_only_token"
_USER = "emulator-user"
_HUB_EXPOSED = "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range"


@dataclass
class Reply:
    status: int
    body: Any = None  # dict/list -> JSON; str/bytes -> as is
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    #: If set, the answer waits until the test sets it (so a retry stays in flight while it looks).
    gate: threading.Event | None = None
    #: Seconds before each quarter of the body (sent after the headers): a slow but live answer.
    drip: float = 0.0


@dataclass
class ModelSpec:
    id: str
    pipeline_tag: str | None
    tags: list[str] = field(default_factory=list)
    mask_token: str | None = None
    widget_data: list[dict[str, Any]] = field(default_factory=list)
    #: inferenceProviderMapping; None -> served live by hf-inference for pipeline_tag.
    providers: dict[str, dict[str, Any]] | None = None
    gated: bool = False  # the Hub API answers 401 GatedRepo without a valid token
    needs_token: bool = False  # inference answers 401/403 without a token with inference permission
    zero_shot_form: str = "spec"  # or "legacy" ({sequence, labels, scores})
    embedding_depth: int = 1  # 1: sentence vector; 3: per-token vectors

    def mapping(self) -> dict[str, dict[str, Any]]:
        if self.providers is not None:
            return self.providers
        task = "conversational" if "conversational" in self.tags else self.pipeline_tag
        return {"hf-inference": {"status": "live", "providerId": self.id, "task": task, "isModelAuthor": False}}


@dataclass
class Logged:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)  # when it arrived (to measure a client's back-off)


# -- deterministic "models" ------------------------------------------------------------------------

_VOCAB = ["and", "then", "the", "quiet", "river", "carried", "a", "small", "boat", "home", "under", "bright",
          "stars", "while", "everyone", "slept", "softly", "singing"]
_GERMAN = {"my": "mein", "name": "Name", "is": "ist", "and": "und", "i": "ich", "live": "lebe", "in": "in",
           "the": "die", "it": "es", "was": "war", "best": "beste", "of": "der", "times": "Zeiten", "a": "ein",
           "hello": "hallo", "world": "Welt", "then": "dann", "quiet": "ruhige", "river": "Fluss", "home": "nach Hause",
           "small": "kleine", "boat": "Boot", "under": "unter", "bright": "hellen", "stars": "Sternen",
           "while": "während", "everyone": "alle", "slept": "schliefen", "carried": "trug", "softly": "leise",
           "singing": "singend"}
_POSITIVE = {"good", "great", "love", "happy", "best", "wonderful", "like", "excellent", "nice"}
_NEGATIVE = {"bad", "hate", "sad", "worst", "terrible", "awful", "boring"}
_COLOURS = {"red": (220, 30, 30), "green": (30, 180, 60), "blue": (30, 60, 220), "white": (250, 250, 250),
            "black": (10, 10, 10), "yellow": (240, 220, 40)}
_STOP_CAPITALS = {"My", "The", "I", "It", "A", "He", "She", "We", "They", "This", "What", "Who", "Where"}


def _digest(*parts: Any) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()[:8], "big")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


def continuation(model_id: str, prompt: str, count: int = 8) -> str:
    seed = _digest(model_id, prompt)
    return " ".join(_VOCAB[(seed >> (4 * i)) % len(_VOCAB)] for i in range(count))


def translate(text: str) -> str:
    out = re.sub(r"[\w']+", lambda m: _GERMAN.get(m.group(0).lower(), m.group(0)), text)
    return out[:1].upper() + out[1:]


def _softmax(values: list[float]) -> list[float]:
    peak = max(values)
    exps = [math.exp(v - peak) for v in values]
    return [e / sum(exps) for e in exps]


class BadInput(Exception):
    def __init__(self, status: int, body: Any, content_type: str | None = None) -> None:
        self.reply = Reply(status, body, content_type=content_type)


def _text(payload: Any) -> str:
    if not isinstance(payload, dict) or "inputs" not in payload:
        raise BadInput(422, "Failed to deserialize the JSON body into the target type: missing field `inputs`",
                       "text/plain")
    if not isinstance(payload["inputs"], str):
        raise BadInput(400, {"error": ["Error in `inputs`: str type expected"]})
    return payload["inputs"]


def _image_of(body: bytes, content_type: str, payload: Any) -> Any:
    from PIL import Image

    data = body
    if content_type.startswith("application/json"):
        inputs = payload.get("inputs") if isinstance(payload, dict) else None
        if isinstance(inputs, dict):
            inputs = inputs.get("image")
        if not isinstance(inputs, str):
            raise BadInput(400, {"error": "Incorrect format used for image. Should be an url linking to an image, "
                                          "a base64 string, a local path, or a PIL image."})
        data = base64.b64decode(inputs)
    try:
        return Image.open(io.BytesIO(data)).convert("RGB")
    except Exception:
        raise BadInput(400, {"error": "cannot identify image file"}) from None


def _colour_name(rgb: tuple[float, float, float]) -> str:
    return min(_COLOURS, key=lambda n: sum((a - b) ** 2 for a, b in zip(_COLOURS[n], rgb)))


def _colour_scores(image: Any, top_k: int = 5) -> list[dict[str, Any]]:
    pixels = list(image.resize((16, 16)).getdata())
    mean = tuple(sum(p[i] for p in pixels) / len(pixels) for i in range(3))
    closeness = [-math.dist(mean, rgb) / 40 for rgb in _COLOURS.values()]
    scores = sorted(zip(_COLOURS, _softmax(closeness)), key=lambda kv: -kv[1])[:top_k]
    return [{"label": name, "score": round(score, 4)} for name, score in scores]


def _foreground(image: Any) -> tuple[list[bool], int, int]:
    width, height = image.size
    corner = image.getpixel((0, 0))
    mask = [math.dist(p, corner) > 60 for p in image.getdata()]
    return mask, width, height


def _mask_png(mask: list[bool], width: int, height: int) -> str:
    from PIL import Image

    out = Image.new("L", (width, height))
    out.putdata([255 if m else 0 for m in mask])
    buffer = io.BytesIO()
    out.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _wav(rate: int, samples: list[int]) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buffer.getvalue()


def _crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def _crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def flac(rate: int, samples: list[int], block: int = 4096) -> bytes:
    """Mono 16-bit FLAC with VERBATIM subframes: valid FLAC, no compression (what
    text-to-speech answers by default, ``Content-Type: audio/flac``)."""
    info = struct.pack(">HH", block, block) + b"\0\0\0\0\0\0"
    packed = (rate << 44) | (0 << 41) | (15 << 36) | len(samples)  # rate:20, channels-1:3, bps-1:5, total:36
    info += packed.to_bytes(8, "big") + b"\0" * 16
    out = bytearray(b"fLaC" + bytes([0x80]) + len(info).to_bytes(3, "big") + info)
    for number, start in enumerate(range(0, len(samples), block)):
        chunk = samples[start:start + block]
        header = bytearray([0xFF, 0xF8, 0x70, 0x08]) + chr(number).encode("utf-8") + struct.pack(">H", len(chunk) - 1)
        header.append(_crc8(bytes(header)))
        frame = bytes(header) + b"\x02" + struct.pack(f">{len(chunk)}h", *chunk)
        out += frame + struct.pack(">H", _crc16(frame))
    return bytes(out)


def _decode_wav(body: bytes) -> tuple[int, list[int]]:
    try:
        with wave.open(io.BytesIO(body)) as source:
            rate, width, channels = source.getframerate(), source.getsampwidth(), source.getnchannels()
            frames = source.readframes(source.getnframes())
    except (wave.Error, EOFError):
        raise BadInput(400, {"error": "Malformed soundfile"}) from None
    if width != 2:
        raise BadInput(400, {"error": "Malformed soundfile"})
    samples = list(struct.unpack(f"<{len(frames) // 2}h", frames))[::channels]
    return rate, samples


def _tone(rate: int, samples: list[int]) -> tuple[float, float, float]:
    duration = len(samples) / rate if rate else 0.0
    crossings = sum(1 for a, b in zip(samples, samples[1:]) if (a < 0) != (b < 0))
    frequency = crossings / 2 / duration if duration else 0.0
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    return duration, frequency, rms


def _entities(text: str) -> list[dict[str, Any]]:
    found = []
    for match in re.finditer(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", text):
        word = match.group(0)
        if word in _STOP_CAPITALS:
            continue
        before = text[:match.start()].rstrip().split(" ")[-1].lower() if match.start() else ""
        group = "LOC" if before in ("in", "at", "from", "to") else "PER"
        found.append({"entity_group": group, "score": 0.9987, "word": word, "start": match.start(), "end": match.end()})
    return found


def _labels(payload: Any) -> list[str]:
    labels = (payload.get("parameters") or {}).get("candidate_labels") if isinstance(payload, dict) else None
    if isinstance(labels, str):
        labels = [x.strip() for x in labels.split(",") if x.strip()]
    if not labels:
        raise BadInput(400, {"error": ["Error in `parameters.candidate_labels`: field required"]})
    return [str(x) for x in labels]


def answer(spec: ModelSpec, task: str, body: bytes, content_type: str, accept: str) -> Reply:
    """The model's answer to one inference request (raises BadInput for bad requests)."""
    payload: Any = None
    if content_type.startswith("application/json"):
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            raise BadInput(400, {"error": "Body is not valid JSON"}) from None
    parameters = (payload.get("parameters") or {}) if isinstance(payload, dict) else {}
    if task == "text-generation":
        prompt = _text(payload)
        if payload.get("stream"):
            raise BadInput(400, {"error": "stream=true is not emulated"})
        more = continuation(spec.id, prompt, min(int(parameters.get("max_new_tokens") or 8), 20))
        full = parameters.get("return_full_text", True)
        return Reply(200, [{"generated_text": f"{prompt} {more}" if full else f" {more}"}])
    if task == "text2text-generation":
        return Reply(200, [{"generated_text": " ".join(reversed(_text(payload).split()))}])
    if task == "translation":
        return Reply(200, [{"translation_text": translate(_text(payload))}])
    if task == "summarization":
        first = re.split(r"(?<=[.!?])\s", _text(payload).strip())[0]
        return Reply(200, [{"summary_text": " ".join(first.split()[:12])}])
    if task == "text-classification":
        words = _words(_text(payload))
        lean = sum(w in _POSITIVE for w in words) - sum(w in _NEGATIVE for w in words)
        positive = round(1 / (1 + math.exp(-2 * lean - 0.1)), 4)
        pairs = sorted([("POSITIVE", positive), ("NEGATIVE", round(1 - positive, 4))], key=lambda kv: -kv[1])
        return Reply(200, [[{"label": label, "score": score} for label, score in pairs]])
    if task == "token-classification":
        return Reply(200, _entities(_text(payload)))
    if task == "fill-mask":
        text, mask = _text(payload), spec.mask_token or "[MASK]"
        if mask not in text:
            raise BadInput(400, {"error": f"No mask_token ({mask}) found on the input"})
        seed = _digest(spec.id, text)
        words = ["capital", "heart", "center", "city", "pride"]
        words = words[seed % 5:] + words[:seed % 5]
        return Reply(200, [{"score": round(0.6 / (i + 1), 4), "token": 2000 + len(w) * 7 + i, "token_str": w,
                            "sequence": text.replace(mask, w, 1)} for i, w in enumerate(words)])
    if task == "question-answering":
        inputs = payload.get("inputs") if isinstance(payload, dict) else None
        missing = [k for k in ("question", "context") if not isinstance((inputs or {}).get(k), str)]
        if missing:
            raise BadInput(400, {"error": [f"Error in `inputs.{k}`: field required" for k in missing]})
        asked = set(_words(inputs["question"]))
        spans = [m for m in re.finditer(r"[\w']+", inputs["context"]) if m.group(0).lower() not in asked]
        best = next((m for m in spans if m.group(0)[0].isupper() and m.start() > 0), spans[-1] if spans else None)
        if best is None:
            return Reply(200, {"score": 0.01, "start": 0, "end": 0, "answer": ""})
        return Reply(200, {"score": 0.9731, "start": best.start(), "end": best.end(), "answer": best.group(0)})
    if task == "zero-shot-classification":
        text, labels = _text(payload), _labels(payload)
        words = set(_words(text))
        raw = [sum(w in words for w in _words(label)) * 2 + (_digest(label, text) % 100) / 1000 for label in labels]
        if parameters.get("multi_label"):
            scores = [1 / (1 + math.exp(-(r - 1))) for r in raw]
        else:
            scores = _softmax(raw)
        ranked = sorted(zip(labels, (round(s, 4) for s in scores)), key=lambda kv: -kv[1])
        if spec.zero_shot_form == "legacy":
            return Reply(200, {"sequence": text, "labels": [k for k, _ in ranked], "scores": [v for _, v in ranked]})
        return Reply(200, [{"label": k, "score": v} for k, v in ranked])
    if task == "sentence-similarity":
        inputs = payload.get("inputs") if isinstance(payload, dict) else None
        if not isinstance(inputs, dict) or not isinstance(inputs.get("sentences"), list):
            raise BadInput(400, {"error": ["Error in `inputs.sentences`: field required"]})
        source = set(_words(inputs.get("source_sentence") or ""))
        scores = []
        for sentence in inputs["sentences"]:
            other = set(_words(sentence))
            scores.append(round(len(source & other) / len(source | other), 4) if source | other else 0.0)
        return Reply(200, scores)
    if task == "feature-extraction":
        inputs = payload.get("inputs") if isinstance(payload, dict) else None

        def vector(text: str) -> list[float]:
            seed = _digest(spec.id, text)
            return [round(((seed >> (5 * i)) % 2001) / 1000 - 1, 3) for i in range(8)]

        if isinstance(inputs, list):
            return Reply(200, [vector(t) for t in inputs])
        text = _text(payload)
        if spec.embedding_depth == 3:
            return Reply(200, [[vector(token) for token in ["<s>", *text.split(), "</s>"]]])
        return Reply(200, vector(text))
    if task in ("image-classification", "object-detection", "image-segmentation", "image-to-text"):
        image = _image_of(body, content_type, payload)
        if task == "image-classification":
            return Reply(200, _colour_scores(image, int(parameters.get("top_k") or 5)))
        mask, width, height = _foreground(image)
        if task == "image-to-text":
            colour = _colour_scores(image, 1)[0]["label"]
            return Reply(200, [{"generated_text": f"a {width} by {height} picture that is mostly {colour}"}])
        if task == "object-detection":
            points = [(i % width, i // width) for i, m in enumerate(mask) if m]
            if not points:
                return Reply(200, [])
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            box = {"xmin": min(xs), "ymin": min(ys), "xmax": max(xs), "ymax": max(ys)}
            crop = image.crop((box["xmin"], box["ymin"], box["xmax"] + 1, box["ymax"] + 1))
            return Reply(200, [{"score": 0.9712, "label": _colour_scores(crop, 1)[0]["label"], "box": box}])
        return Reply(200, [
            {"score": 0.9823, "label": "foreground", "mask": _mask_png(mask, width, height)},
            {"score": 0.9512, "label": "background", "mask": _mask_png([not m for m in mask], width, height)},
        ])
    if task in ("visual-question-answering", "document-question-answering"):
        image = _image_of(body, content_type, payload)
        colours = _colour_scores(image, 2)
        return Reply(200, [{"score": c["score"], "answer": c["label"]} for c in colours])
    if task == "text-to-image":
        from PIL import Image

        seed = _digest(spec.id, _text(payload))
        picture = Image.new("RGB", (64, 48), (seed % 256, (seed >> 8) % 256, (seed >> 16) % 256))
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG")  # recorded: JPEG, whatever Accept says
        return Reply(200, buffer.getvalue(), content_type="image/jpeg")
    if task in ("automatic-speech-recognition", "audio-classification"):
        if content_type.startswith("application/json"):
            inputs = payload.get("inputs") if isinstance(payload, dict) else None
            body = base64.b64decode(inputs) if isinstance(inputs, str) else b""
        duration, frequency, rms = _tone(*_decode_wav(body))
        if task == "automatic-speech-recognition":
            return Reply(200, {"text": f"a {round(frequency, -1):.0f} hertz tone lasting {duration:.1f} seconds"})
        silence = 1.0 if rms < 50 else 0.02
        scores = sorted([("silence", silence), ("tone", 0.9 if rms >= 50 and frequency < 4000 else 0.05),
                         ("noise", 0.03)], key=lambda kv: -kv[1])
        return Reply(200, [{"score": s, "label": name} for name, s in scores])
    if task in ("text-to-speech", "text-to-audio"):
        text = _text(payload)
        rate, frequency = 16000, 200 + _digest(spec.id, text) % 600
        count = int(rate * min(3.0, 0.05 * max(len(text), 1)))
        samples = [int(12000 * math.sin(2 * math.pi * frequency * n / rate)) for n in range(count)]
        if "audio/wav" in accept or "audio/x-wav" in accept:
            return Reply(200, _wav(rate, samples), content_type="audio/wav")
        return Reply(200, flac(rate, samples), content_type="audio/flac")  # the recorded default
    if task == "conversational":
        messages = payload.get("messages") if isinstance(payload, dict) else None
        if not isinstance(messages, list) or not messages:
            raise BadInput(422, {"error": "Input validation error: `messages` must not be empty",
                                 "error_type": "validation"})
        if payload.get("stream"):
            raise BadInput(400, {"error": "stream=true is not emulated"})
        last = next((m.get("content") for m in reversed(messages) if m.get("role") == "user"), "")
        content = f"You said: {last}. {continuation(spec.id, str(last), 6).capitalize()}."
        return Reply(200, {
            "object": "chat.completion", "id": "", "created": 1740000000, "model": spec.id,
            "system_fingerprint": "3.2.1-native",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "logprobs": None,
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(str(last).split()), "completion_tokens": len(content.split()),
                      "total_tokens": len(str(last).split()) + len(content.split())},
        })
    raise BadInput(400, {"error": f"Task {task} is not emulated"})


# -- the server ------------------------------------------------------------------------------------


class HubEmulator:
    """``with HubEmulator() as hub: ...``; ``hub.url`` is the Hub base, ``hub.inference_url`` the
    inference base (``{url}/hf-inference``), as HF_ENDPOINT / HF_INFERENCE_ENDPOINT take them."""

    def __init__(self) -> None:
        self.models: dict[str, ModelSpec] = {}
        self.renamed: dict[str, str] = {}
        self.rename_hosts: dict[str, str] = {}
        self.spaces: dict[str, str] = {}
        self.private_spaces: set[str] = set()
        self.files: dict[str, tuple[bytes, str]] = {}
        self.scripts: dict[str, list[Reply]] = {}
        self.requests: list[Logged] = []
        #: List Retry-After and RateLimit in Access-Control-Expose-Headers (the real Hub does not).
        self.expose_retry_after = False
        self._lock = threading.Lock()
        self._counter = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # registry ---------------------------------------------------------------------------------

    def add_model(self, spec: ModelSpec) -> ModelSpec:
        self.models[spec.id] = spec
        return spec

    def rename(self, old_id: str, new_id: str, *, host: str = "") -> None:
        """``/api/models/{old_id}`` answers 307 to ``new_id`` (recorded for t5-small); with
        ``host`` the redirect points at another server (for token-leak tests)."""
        self.renamed[old_id] = new_id
        self.rename_hosts[old_id] = host

    def add_space(self, space_id: str, host: str, *, private: bool = False) -> None:
        self.spaces[space_id] = host.rstrip("/")
        if private:
            self.private_spaces.add(space_id)

    def add_file(self, name: str, body: bytes, content_type: str) -> str:
        self.files[name] = (body, content_type)
        return f"{self.url}/files/{name}"

    def script(self, model_id: str, *replies: Reply) -> None:
        """The next inference calls to ``model_id`` get these replies, in order."""
        with self._lock:
            self.scripts.setdefault(model_id, []).extend(replies)

    def logged(self, path_part: str = "") -> list[Logged]:
        with self._lock:
            return [r for r in self.requests if path_part in r.path]

    # lifecycle --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start the emulator first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def inference_url(self) -> str:
        return f"{self.url}/hf-inference"

    def start(self) -> HubEmulator:
        emulator = self

        class Handler(_Handler):
            hub = emulator

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="hub-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> HubEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def next_request_id(self) -> str:
        with self._lock:
            self._counter += 1
            return f"Root=1-emulator-{self._counter:06d}"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):  # clients hanging up
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    hub: HubEmulator
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    # plumbing ---------------------------------------------------------------------------------

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _log(self, body: bytes) -> None:
        with self.hub._lock:
            self.hub.requests.append(Logged(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))

    def _cors(self, inference: bool) -> dict[str, str]:
        origin = self.headers.get("Origin")
        if inference:  # router: "*" with credentials, as recorded
            return {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true",
                    "Access-Control-Expose-Headers": "x-compute-type, x-compute-time" + self._exposed_waits(),
                    "Vary": "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}
        return {"Access-Control-Allow-Origin": origin or "https://huggingface.co", "Vary": "Origin",
                "Access-Control-Expose-Headers": _HUB_EXPOSED + self._exposed_waits()}

    def _exposed_waits(self) -> str:
        return ", Retry-After, RateLimit" if self.hub.expose_retry_after else ""

    def _send(self, reply: Reply, *, inference: bool) -> None:
        body = reply.body
        content_type = reply.content_type
        if isinstance(body, (dict, list)) or body is None and content_type is None:
            body, content_type = json.dumps(body).encode(), content_type or "application/json"
        elif isinstance(body, str):
            body, content_type = body.encode(), content_type or "text/plain; charset=utf-8"
        headers = {"Content-Type": content_type or "application/octet-stream", "Content-Length": str(len(body)),
                   "x-request-id": self.hub.next_request_id(), **self._cors(inference), **reply.headers}
        if inference:
            headers.setdefault("x-compute-type", "cpu")
            headers.setdefault("x-compute-time", "0.012")
            headers.setdefault("x-inference-provider", "hf-inference")
            headers.setdefault("x-proxied-host", "internal.api-inference.huggingface.co")
        if reply.status >= 400 and isinstance(reply.body, dict) and isinstance(reply.body.get("error"), str):
            headers.setdefault("X-Error-Message", reply.body["error"].encode("ascii", "replace").decode())
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "HEAD":
            return
        if not reply.drip:
            self.wfile.write(body)
            return
        self.wfile.flush()
        step = -(-len(body) // 4) or 1
        for start in range(0, len(body), step):  # a slow answer: four slices, drip seconds apart
            time.sleep(reply.drip)
            self.wfile.write(body[start:start + step])
            self.wfile.flush()

    def _token(self) -> str | None:
        value = self.headers.get("Authorization") or ""
        return value[7:].strip() if value.lower().startswith("bearer ") else None

    def _bad_token(self) -> Reply | None:
        token = self._token()
        if token is not None and token not in (VALID_TOKEN, READ_ONLY_TOKEN):
            return Reply(401, {"error": "Invalid credentials in Authorization header"})
        return None

    # verbs ----------------------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # CORS preflight, no Access-Control-Max-Age (as recorded)
        self._log(b"")
        inference = self.path.startswith("/hf-inference/")
        headers = self._cors(inference)
        headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS, HEAD"
        headers["Access-Control-Allow-Headers"] = self.headers.get("Access-Control-Request-Headers") or "authorization"
        self._send(Reply(204, b"", headers=headers, content_type="text/plain"), inference=inference)

    def do_GET(self) -> None:
        self._log(b"")
        path = urlsplit(self.path).path
        if path.startswith("/api/models/"):
            return self._send(self._model_info(unquote(path[len("/api/models/"):])), inference=False)
        if path.startswith("/api/spaces/"):
            return self._send(self._space(unquote(path[len("/api/spaces/"):])), inference=False)
        if path.startswith("/files/") and path[len("/files/"):] in self.hub.files:
            body, content_type = self.hub.files[path[len("/files/"):]]
            return self._send(Reply(200, body, content_type=content_type), inference=False)
        self._send(Reply(404, "Not Found"), inference=path.startswith("/hf-inference/"))

    def do_POST(self) -> None:
        body = self._body()
        self._log(body)
        path = urlsplit(self.path).path
        if not path.startswith("/hf-inference/models/"):
            return self._send(Reply(404, "Not Found"), inference=False)
        rest = unquote(path[len("/hf-inference/models/"):])
        route = ""
        for suffix in ("/v1/chat/completions", "/pipeline/feature-extraction", "/pipeline/sentence-similarity"):
            if rest.endswith(suffix):
                rest, route = rest[: -len(suffix)], suffix
        self._send(self._infer(rest, route, body), inference=True)

    # routes ---------------------------------------------------------------------------------------

    def _model_info(self, model_id: str) -> Reply:
        model_id = model_id.split("/revision/")[0]
        if model_id in self.hub.renamed:
            query = urlsplit(self.path).query
            location = f"{self.hub.rename_hosts.get(model_id, '')}/api/models/{self.hub.renamed[model_id]}"
            return Reply(307, {"message": "Redirecting"}, headers={"Location": location + (f"?{query}" if query else "")})
        spec = self.hub.models.get(model_id)
        if (bad := self._bad_token()) is not None:
            return bad
        if spec is None:
            return Reply(404, {"error": "Repository not found"}, headers={"X-Error-Code": "RepoNotFound"})
        if spec.gated and self._token() is None:
            return Reply(401, {"error": f"Access to model {spec.id} is restricted. You must have access to it and be "
                                        "authenticated to access it. Please log in."},
                         headers={"X-Error-Code": "GatedRepo"})
        full = {
            "_id": hashlib.sha256(spec.id.encode()).hexdigest()[:24], "id": spec.id, "modelId": spec.id, "author": spec.id.split("/")[0],
            "sha": hashlib.sha1(spec.id.encode()).hexdigest(), "private": False, "gated": "manual" if spec.gated else False,
            "disabled": False, "pipeline_tag": spec.pipeline_tag, "tags": spec.tags, "library_name": "transformers",
            "mask_token": spec.mask_token, "widgetData": spec.widget_data, "inference": "warm",
            "inferenceProviderMapping": spec.mapping(), "downloads": 1000, "likes": 10,
        }
        expands = parse_qs(urlsplit(self.path).query).get("expand[]") or parse_qs(urlsplit(self.path).query).get("expand")
        if expands:  # the answer then only has _id, id and the expanded fields
            return Reply(200, {"_id": full["_id"], "id": spec.id, **{e: full.get(e) for e in expands if e in full}})
        return Reply(200, {k: v for k, v in full.items() if v is not None})

    def _space(self, rest: str) -> Reply:
        what = "host" if rest.endswith("/host") else "info"
        space_id = rest[: -len("/host")] if what == "host" else rest
        if (bad := self._bad_token()) is not None:
            return bad
        host = self.hub.spaces.get(space_id)
        if host is None or (space_id in self.hub.private_spaces and self._token() is None):
            return Reply(401 if host else 404, {"error": "Repository not found"}, headers={"X-Error-Code": "RepoNotFound"})
        if what == "host":
            return Reply(200, {"subdomain": space_id.replace("/", "-").replace("_", "-").lower(), "host": host})
        return Reply(200, {"id": space_id, "host": host, "sdk": "gradio", "runtime": {"stage": "RUNNING"}})

    def _infer(self, model_id: str, route: str, body: bytes) -> Reply:
        spec = self.hub.models.get(model_id)
        if (bad := self._bad_token()) is not None:
            return bad
        with self.hub._lock:
            queued = self.hub.scripts.get(model_id)
            scripted = queued.pop(0) if queued else None
        if scripted is not None:
            if scripted.gate is not None and not scripted.gate.wait(120):
                return Reply(500, {"error": "the test never opened this reply's gate"})
            return scripted
        if spec is None:
            return Reply(404, {"error": f"Model {model_id} does not exist"})
        live = spec.mapping().get("hf-inference")
        if not live or live.get("status") != "live":
            return Reply(404, "Not Found", content_type="text/plain")
        if spec.needs_token:
            if self._token() is None:
                return Reply(401, {"error": "Invalid username or password."})
            if self._token() == READ_ONLY_TOKEN:
                return Reply(403, {"error": "This authentication method does not have sufficient permissions to call "
                                            f"Inference Providers on behalf of user {_USER}"})
        task = route.rsplit("/", 1)[-1] if route.startswith("/pipeline/") else (
            "conversational" if route else live.get("task") or spec.pipeline_tag or "")
        if route == "/v1/chat/completions" and live.get("task") != "conversational":
            return Reply(404, "Not Found", content_type="text/plain")
        try:
            return answer(spec, task, body, (self.headers.get("Content-Type") or "").lower(),
                          (self.headers.get("Accept") or "").lower())
        except BadInput as exc:
            return exc.reply


class SilentHost:
    """A loopback host that accepts every connection, reads what is sent and never answers: a
    hung server (or a black-holing proxy), which only a client-side timeout can end.

    ``with SilentHost() as host: ...``; ``host.url`` is its base, ``host.requests()`` the
    request lines received so far (so a test can see the request did arrive).
    """

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        #: Its base URL (valid after stop() too, for messages that name it).
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self._connections: list[socket.socket] = []
        self._received: list[bytes] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="silent-host", daemon=True)
        self._thread.start()

    def requests(self) -> list[str]:
        """The request lines received so far, e.g. ``"POST /hf-inference/models/gpt2 HTTP/1.1"``."""
        with self._lock:
            return [chunk.split(b"\r\n", 1)[0].decode("latin-1") for chunk in self._received if b"\r\n" in chunk]

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
                self._received.append(b"")
                index = len(self._received) - 1
            threading.Thread(target=self._read, args=(connection, index), daemon=True).start()

    def _read(self, connection: socket.socket, index: int) -> None:
        try:
            while chunk := connection.recv(65536):
                with self._lock:
                    self._received[index] += chunk
        except OSError:
            pass  # closed by stop()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)
        self._server.close()
        with self._lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)  # wakes its reader thread
                except OSError:
                    pass  # the client hung up already
                connection.close()

    def __enter__(self) -> SilentHost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
