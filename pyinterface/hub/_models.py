"""``load("models/{id}")``: ask the Hub what the model does, build the matching Interface.

1. ``GET {hub}/api/models/{id}`` with the ``pipeline_tag``, ``tags``,
   ``inferenceProviderMapping``, ``mask_token`` and ``widgetData`` expands (a renamed repo
   answers 307 to its new id, which is followed);
2. pick the row of the pipeline table (:mod:`._tasks`): chat models (``conversational``)
   go to chat completions, everything else by ``pipeline_tag``;
3. the Interface's fn POSTs to ``{inference}/models/{id}[/pipeline/{task} | /v1/chat/completions]``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from ..errors import Error
from ._errors import HubResponseError, Target, UnsupportedPipelineError
from ._function import HubFunction
from ._settings import HubSettings
from ._tasks import CHAT_TASK, TASKS, ModelInfo, Task, supported_tasks
from ._transport import Flow, build_request, exchange

__all__ = ["build_model_interface", "choose_task", "model_info_flow", "parse_model_info"]

_MODEL_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")
_EXPANDS = ("pipeline_tag", "tags", "inferenceProviderMapping", "mask_token", "widgetData")


def check_model_id(model_id: str) -> str:
    if not isinstance(model_id, str) or not _MODEL_ID.match(model_id) or ".." in model_id:
        raise ValueError(
            f"load: {model_id!r} is not a Hugging Face model id; expected 'name' or 'owner/name' "
            "(e.g. 'huggingface/gpt2' or 'models/EleutherAI/gpt-neo-2.7B')."
        )
    return model_id


def _target(settings: HubSettings, model_id: str, what: str = "model") -> Target:
    return Target(what, model_id, page=settings.model_page(model_id), hub=settings.hub_endpoint)


def parse_model_info(payload: Any, requested_id: str) -> ModelInfo:
    """The Hub's model JSON -> :class:`ModelInfo` (mapping as an object or a list, both recorded)."""
    if not isinstance(payload, dict):
        raise ValueError(f"expected a JSON object describing the model, got {str(payload)[:100]}")
    mapping = payload.get("inferenceProviderMapping") or {}
    if isinstance(mapping, list):
        mapping = {m.get("provider"): m for m in mapping if isinstance(m, dict)}
    widget = payload.get("widgetData") or []
    return ModelInfo(
        id=str(payload.get("id") or payload.get("modelId") or requested_id),
        pipeline_tag=payload.get("pipeline_tag"),
        tags=tuple(t for t in payload.get("tags") or [] if isinstance(t, str)),
        mask_token=payload.get("mask_token") if isinstance(payload.get("mask_token"), str) else None,
        widget_data=tuple(w for w in widget if isinstance(w, dict)),
        hf_inference=mapping.get("hf-inference") if isinstance(mapping.get("hf-inference"), dict) else None,
        providers=tuple(str(p) for p in mapping if p),
    )


def model_info_flow(settings: HubSettings, model_id: str) -> Flow[ModelInfo]:
    query = "&".join(f"expand%5B%5D={e}" for e in _EXPANDS)
    url = f"{settings.hub_endpoint}/api/models/{quote(model_id, safe='/')}?{query}"
    request = build_request(settings, "GET", url, accept="application/json")
    response = yield from exchange(settings, request, _target(settings, model_id))
    try:
        return parse_model_info(response.json(), model_id)
    except ValueError as exc:
        raise HubResponseError(
            f"{settings.hub_endpoint} answered the model lookup for {model_id!r} with something that is not model "
            f"information ({exc}). Is HF_ENDPOINT pointing at a Hugging Face Hub?", url=url,
        ) from None


def choose_task(info: ModelInfo) -> Task:
    """The pipeline-table row for ``info``; UnsupportedPipelineError lists what is supported."""
    mapped_task = (info.hf_inference or {}).get("task")
    if mapped_task == CHAT_TASK or ("conversational" in info.tags and info.pipeline_tag in (
            "text-generation", "image-text-to-text", None)):
        return TASKS[CHAT_TASK]
    tag = info.pipeline_tag or mapped_task
    if tag in TASKS:
        return TASKS[tag]
    said = f"its task is {tag!r}" if tag else "the Hub does not say which task it does (no pipeline_tag)"
    raise UnsupportedPipelineError(
        f"Cannot build an Interface for model {info.id!r}: {said}. Supported tasks: {', '.join(supported_tasks())} "
        "(and chat models tagged 'conversational'). Pass fn, inputs and outputs to gr.Interface yourself instead."
    )


def _call_flow(settings: HubSettings, info: ModelInfo, task: Task, *values: Any) -> Flow[Any]:
    target = _target(settings, info.id)
    try:
        payload = task.request(info, *values)
    except (ValueError, TypeError, OSError) as exc:
        raise Error(f"{info.id} ({task.name}): {exc}.") from None
    url = f"{settings.inference_endpoint}/models/{quote(info.id, safe='/')}{payload.route}"
    request = build_request(settings, "POST", url, json=payload.json, data=payload.data,
                            content_type=payload.content_type, accept=payload.accept)
    response = yield from exchange(settings, request, target, inference=True)
    try:
        return task.parse(response, info, *values)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise HubResponseError(
            f"{target.opening} answered in a form pyinterface cannot read for the {task.name} task: {exc}.",
            status=response.status, url=response.url,
        ) from None


def build_model_interface(settings: HubSettings, info: ModelInfo, *, name: str, alias: str | None,
                          kwargs: dict[str, Any]) -> Any:
    """The Interface for a model; ``kwargs`` (inputs, outputs, title, examples...) win."""
    from .._interface import Interface

    task = choose_task(info)
    fn = HubFunction(alias or name, lambda *values: _call_flow(settings, info, task, *values),
                     description=f"model {info.id} ({task.name})")
    fn.model_info = info  # type: ignore[attr-defined]
    fn.task = task.name  # type: ignore[attr-defined]
    fn.settings = settings  # type: ignore[attr-defined]
    options: dict[str, Any] = {"title": name}
    if "inputs" not in kwargs:
        options["inputs"] = task.inputs(info)
        examples = task.examples(info)
        if examples:
            options["examples"] = examples
    if "outputs" not in kwargs:
        options["outputs"] = task.outputs(info)
    options.update(kwargs)
    return Interface(fn, **options)
