"""Calling one endpoint of a Gradio Space (reference: hub-wire-protocols.md §5.3, §5.5).

Gradio >= 4 ("call" protocol)::

    POST {host}{prefix}/upload              multipart "files"   -> ["/tmp/gradio/.../x.png"]   (file inputs)
    POST {host}{prefix}/call/{api_name}     {"data": [...]}     -> {"event_id": "..."}
    GET  {host}{prefix}/call/{api_name}/{event_id}              -> text/event-stream
         event: complete | error | generating | heartbeat
    GET  FileData.url                                           (file outputs)

The stream is read with the transport (fetch in the page), not ``EventSource``, so a private
Space still gets its ``Authorization`` header; the server closes it after the result.
Gradio 3 Spaces answer ``POST {host}/run/{api_name}`` directly, with files as data URLs.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from typing import Any

from ..components._codecs import is_data_url, make_data_url
from . import _media
from ._errors import HubRequestError, HubResponseError, SpaceError, Target
from ._settings import HubSettings
from ._space_components import FILE_TYPES, from_remote, to_remote
from ._transport import Flow, build_request, exchange

__all__ = ["SpaceEndpoint", "call_flow", "parse_sse"]

_FILE_META = {"_type": "gradio.FileData"}


@dataclass(frozen=True)
class SpaceEndpoint:
    space_id: str
    host: str  # e.g. "https://owner-name.hf.space", no trailing slash
    api_prefix: str  # "/gradio_api" (Gradio 5+), "" before
    api_name: str  # without the leading "/"
    fn_index: int
    input_kinds: tuple[str, ...]
    output_kinds: tuple[str, ...]
    gradio_version: str
    legacy: bool  # Gradio 3.x: POST /run/{api_name}


def parse_sse(text: str) -> list[tuple[str, str]]:
    """A ``text/event-stream`` body -> ``[(event, data), ...]`` (data lines joined by newlines)."""
    events: list[tuple[str, str]] = []
    event, data, seen = "message", [], False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line:
            if seen:
                events.append((event, "\n".join(data)))
            event, data, seen = "message", [], False
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "event":
            event, seen = value, True
        elif name == "data":
            data.append(value)
            seen = True
    if seen:
        events.append((event, "\n".join(data)))
    return events


def _result_from_stream(text: str, target: Target, url: str) -> list[Any]:
    last: list[Any] | None = None
    for event, data in parse_sse(text):
        if event in ("complete", "generating"):
            value = json.loads(data)
            if not isinstance(value, list):
                raise HubResponseError(f"{target.opening} sent a result that is not a list of outputs: {data[:200]}", url=url)
            last = value
            if event == "complete":
                return value
        elif event == "error":
            raise _space_error(data, target, url)
    if last is not None:
        return last
    raise HubResponseError(f"{target.opening} closed its result stream without sending a result.", url=url)


def _space_error(data: str, target: Target, url: str) -> SpaceError:
    """The SpaceError for an ``event: error`` whose data is ``{"error": ...}``, a string or null."""
    try:
        payload = json.loads(data) if data else None
    except ValueError:
        payload = data
    said = payload.get("error") or payload.get("message") if isinstance(payload, dict) else payload
    return _space_failed(said, target, url)


def _space_failed(said: object, target: Target, url: str) -> SpaceError:
    if isinstance(said, str) and len(said) > 1 and said[0] == said[-1] and said[0] in "'\"":
        said = said[1:-1]  # Gradio 3 sends str(gr.Error(...)), which is quoted
    if said:
        return SpaceError(f"{target.opening} reported an error: {said}", url=url, server_message=str(said))
    return SpaceError(
        f"{target.opening} failed while running the function and did not say why (its author can show the reason with "
        "launch(show_error=True) or by raising gr.Error). Check the inputs, or open the Space's page"
        + (f" {target.page}" if target.page else "") + " to see whether it works there.",
        url=url,
    )


def _file_name(kind: str, value: Any, mime: str) -> str:
    if isinstance(value, (str, os.PathLike)) and not is_data_url(os.fspath(value)):
        return os.path.basename(os.fspath(value))
    extension = mime.split("/")[-1].split("+")[0] or "bin"
    return f"{kind}.{extension}"


def _multipart(files: list[tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = f"----pyinterface{uuid.uuid4().hex}"
    parts = []
    for name, data, mime in files:
        safe = name.replace('"', "_").replace("\r", "_").replace("\n", "_")
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{safe}"\r\n'
            f"Content-Type: {mime}\r\n\r\n".encode() + data + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _upload(settings: HubSettings, endpoint: SpaceEndpoint, target: Target, kind: str, value: Any) -> Flow[Any]:
    read = _media.image_bytes if kind == "image" else _media.audio_bytes
    data, mime = read(value)
    name = _file_name(kind, value, mime)
    if endpoint.legacy:  # Gradio 3: files inline as data URLs
        url = make_data_url(mime, data)
        return url if kind == "image" else {"name": name, "data": url, "is_file": False}
    body, content_type = _multipart([(name, data, mime)])
    request = build_request(settings, "POST", f"{endpoint.host}{endpoint.api_prefix}/upload", data=body,
                            content_type=content_type, accept="application/json")
    response = yield from exchange(settings, request, target)
    paths = response.json()
    if not isinstance(paths, list) or not paths or not isinstance(paths[0], str):
        raise HubResponseError(f"{target.opening} answered an upload with {response.text()[:200]!r}, not a list of paths.",
                               url=response.url)
    return {"path": paths[0], "orig_name": name, "size": len(data), "mime_type": mime, "meta": _FILE_META}


def _download(settings: HubSettings, endpoint: SpaceEndpoint, target: Target, kind: str, value: Any) -> Flow[Any]:
    if isinstance(value, str) and is_data_url(value):
        return value
    if isinstance(value, dict) and isinstance(value.get("data"), str) and is_data_url(value["data"]):
        return value["data"]  # Gradio 3 inline file
    if isinstance(value, dict) and isinstance(value.get("url"), str) and value["url"]:
        url = value["url"]
    elif isinstance(value, dict) and isinstance(value.get("path") or value.get("name"), str):
        path = value.get("path") or value.get("name")
        url = f"{endpoint.host}{endpoint.api_prefix}/file={path}"
    else:
        raise HubResponseError(f"{target.opening} returned a {kind} output pyinterface cannot read: {str(value)[:200]}")
    if is_data_url(url):
        return url
    if url.startswith("/"):
        url = endpoint.host + url
    response = yield from exchange(settings, build_request(settings, "GET", url), target)
    try:
        return _media.answer_as_data_url(response.body, response.content_type, kind)
    except ValueError as exc:
        raise HubResponseError(f"{target.opening} returned a {kind} file pyinterface cannot show: {exc}.",
                               url=response.url) from None


def call_flow(settings: HubSettings, endpoint: SpaceEndpoint, target: Target, *values: Any) -> Flow[Any]:
    """Send ``values`` (one per remote input) to the endpoint; return one value per output."""
    data = []
    for kind, value in zip(endpoint.input_kinds, values):
        if kind in FILE_TYPES and value is not None:
            data.append((yield from _upload(settings, endpoint, target, kind, value)))
        else:
            data.append(to_remote(kind, value))
    if endpoint.legacy:
        request = build_request(settings, "POST", f"{endpoint.host}/run/{endpoint.api_name}",
                                json={"data": data, "fn_index": endpoint.fn_index})
        try:
            response = yield from exchange(settings, request, target)
        except HubRequestError as error:
            if error.status != 500:
                raise
            raise _space_failed(error.server_message, target, request.url) from None
        outputs = response.json().get("data")
        if not isinstance(outputs, list):
            raise HubResponseError(f"{target.opening} answered without a 'data' list: {response.text()[:200]}",
                                   url=response.url)
    else:
        url = f"{endpoint.host}{endpoint.api_prefix}/call/{endpoint.api_name}"
        response = yield from exchange(settings, build_request(settings, "POST", url, json={"data": data}), target)
        event_id = response.json().get("event_id") if isinstance(response.json(), dict) else None
        if not isinstance(event_id, str):
            raise HubResponseError(f"{target.opening} did not return an event id: {response.text()[:200]}", url=url)
        stream = build_request(settings, "GET", f"{url}/{event_id}", accept="text/event-stream")
        response = yield from exchange(settings, stream, target)
        outputs = _result_from_stream(response.text(), target, response.url)
    results = []
    for kind, value in zip(endpoint.output_kinds, outputs):
        if kind in FILE_TYPES and value is not None:
            value = yield from _download(settings, endpoint, target, kind, value)
        results.append(from_remote(kind, value))
    return results[0] if len(results) == 1 else tuple(results)
