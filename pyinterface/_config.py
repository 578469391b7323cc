"""The config contract: the plain JSON an Interface hands to the browser.

This module is the one place the schema is written down. The page renders *only* from this
document, so it must hold everything a visitor sees before Python runs again (it is also
computed at export time so the UI can paint before Pyodide boots). Bump ``CONFIG_VERSION``
when a field changes meaning; the browser refuses a version it does not know, naming both.

Schema (``InterfaceConfig``)::

    {
      "version": 1,
      "mode": "interface" | "parallel" | "series",
      "name": "greet",                      # fn name; "a | b" for Parallel, "a => b" for Series
      "stages": ["a", "b"],                 # member names for Parallel/Series, [] otherwise
      "title": str | null,                  # plain text, shown as the page heading and tab title
      "description": str | null,            # markdown, rendered (and sanitised) by the page
      "article": str | null,                # markdown, shown below the examples
      "thumbnail": str | null,
      "css": str | null,                    # custom CSS text (a css= path was read already)
      "theme": ThemeConfig | null,          # null: no theme=, pyinterface.css's own look
      "live": bool,                         # run on every input change; no Submit button
      "allow_flagging": "never" | "manual" | "auto",
      "flagging_options": [[label, value], ...],
      "flagging": FlaggingConfig | null,    # null: the page flags nothing (never, or input-only)
      "components": [ComponentConfig, ...], # inputs first, then outputs, ids 0..n-1 in order
      "layout": {"inputs": [id, ...], "outputs": [id, ...]},
      "examples": ExamplesConfig | null,
      "events": [EventConfig, ...],
      "interpretation": null | {"methods": [str | null, ...] | "custom", "num_shap": float},
      "timeout": float | null,              # seconds a run may take before the page cancels it
      "remote_image_hosts": [str, ...],     # origins HTML may load images from (site/sanitize.mjs)
    }

    ComponentConfig = {"id": int, "type": "textbox", "role": "input" | "output",
                       "data_kind": "text", "props": {...component.get_config()...}}
    ExamplesConfig  = {"inputs": [id, ...], "samples": [[wire value per input], ...],
                       "samples_per_page": int,   # inputs: all but State, as in Gradio 3
                       "cache": bool}   # cache_examples=True: a click shows the example's outputs without
                       # running fn: computed at export (the manifest's "cached_outputs",
                       # pyinterface/tooling/_cache_examples.py), else by fn on its first click
    FlaggingConfig  = {"dir": "flagged",   # flagging_dir, as log.csv's paths spell it
                       "components": [id, ...]}  # log.csv's columns before flag/username/timestamp:
                       # inputs + outputs for "manual", inputs for "auto" and unified Interfaces
    ThemeConfig     = {"name": "soft",    # the theme's name (Gradio's config "theme")
                       "css": ':host(:not([theme="dark"])) { --pyi-accent: #6366f1; ... } ...'}
                       # rules setting every --pyi-* property a theme sets, light and dark, to final
                       # CSS values (pyinterface/themes/_page.py; prerendered inline, adopted by
                       # site/theme.mjs)
    EventConfig     = {"name": "predict" | "interpret", "trigger": "submit" | "change" | "load",
                       "inputs": [id, ...], "outputs": [id, ...],
                       "batch": bool, "max_batch_size": int}

Wire values (what ``props.value`` and example samples hold) are described per component in
``pyinterface.components.base``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypedDict

from .flagging import flagged_roles
from .themes._page import PageTheme, page_theme

if TYPE_CHECKING:
    from ._interface import Interface

__all__ = ["CONFIG_VERSION", "ComponentConfig", "EventConfig", "ExamplesConfig", "FlaggingConfig", "InterfaceConfig",
           "build_config"]

CONFIG_VERSION = 1


class ComponentConfig(TypedDict):
    id: int
    type: str
    role: Literal["input", "output"]
    data_kind: str
    props: dict[str, Any]


class ExamplesConfig(TypedDict):
    inputs: list[int]
    samples: list[list[Any]]
    samples_per_page: int
    cache: bool


class FlaggingConfig(TypedDict):
    dir: str
    components: list[int]


class EventConfig(TypedDict):
    name: Literal["predict", "interpret"]
    trigger: Literal["submit", "change", "load"]
    inputs: list[int]
    outputs: list[int]
    batch: bool
    max_batch_size: int


class InterfaceConfig(TypedDict):
    version: int
    mode: Literal["interface", "parallel", "series"]
    name: str
    stages: list[str]
    title: str | None
    description: str | None
    article: str | None
    thumbnail: str | None
    css: str | None
    theme: PageTheme | None
    live: bool
    allow_flagging: str
    flagging_options: list[list[str]]
    flagging: FlaggingConfig | None
    components: list[ComponentConfig]
    layout: dict[str, list[int]]
    examples: ExamplesConfig | None
    events: list[EventConfig]
    interpretation: dict[str, Any] | None
    timeout: float | None
    remote_image_hosts: list[str]


def build_config(interface: Interface) -> InterfaceConfig:
    """Describe ``interface`` as plain JSON (see the module docstring for the schema)."""
    components: list[ComponentConfig] = []
    for role, group in (("input", interface.input_components), ("output", interface.output_components)):
        for component in group:
            components.append(
                {
                    "id": len(components),
                    "type": component.component_type,
                    "role": role,  # type: ignore[typeddict-item]
                    "data_kind": component.data_kind,
                    "props": component.get_config(),
                }
            )
    input_ids = [c["id"] for c in components if c["role"] == "input"]
    # Examples give no value for State (Gradio 3): its kept value is Python's, not the page's.
    example_ids = [i for i, c in zip(input_ids, interface.input_components) if not c.stateful]
    output_ids = [c["id"] for c in components if c["role"] == "output"]

    trigger: Literal["submit", "change", "load"] = "submit"
    if interface.live:
        trigger = "change" if input_ids else "load"
    events: list[EventConfig] = [
        {
            "name": "predict",
            "trigger": trigger,
            "inputs": input_ids,
            "outputs": output_ids,
            "batch": interface.batch,
            "max_batch_size": interface.max_batch_size,
        }
    ]
    interpretation = None
    if interface.interpretation is not None:
        methods: Any = "custom" if callable(interface.interpretation) else list(interface.interpretation)
        interpretation = {"methods": methods, "num_shap": interface.num_shap}
        events.append(
            {
                "name": "interpret",
                "trigger": "submit",
                "inputs": input_ids + output_ids,
                "outputs": input_ids,
                "batch": False,
                "max_batch_size": interface.max_batch_size,
            }
        )

    examples: ExamplesConfig | None = None
    if interface.example_samples:
        examples = {
            "inputs": example_ids,
            "samples": interface.example_samples,
            "samples_per_page": interface.examples_per_page,
            "cache": interface.cache_examples,
        }
    return {
        "version": CONFIG_VERSION,
        "mode": interface.mode,
        "name": interface.__name__,
        "stages": [member.__name__ for member in interface.members],
        "title": interface.title,
        "description": interface.description,
        "article": interface.article,
        "thumbnail": interface.thumbnail,
        "css": interface.css,
        "theme": page_theme(interface.theme) if interface.theme_given else None,
        "live": interface.live,
        "allow_flagging": interface.allow_flagging,
        "flagging_options": [list(option) for option in interface.flagging_options],
        "flagging": _flagging(interface, components),
        "components": components,
        "layout": {"inputs": input_ids, "outputs": output_ids},
        "examples": examples,
        "events": events,
        "interpretation": interpretation,
        "timeout": interface.timeout,
        "remote_image_hosts": list(interface.remote_image_hosts),
    }


def _flagging(interface: Interface, components: list[ComponentConfig]) -> FlaggingConfig | None:
    roles = flagged_roles(interface)
    if roles is None:
        return None
    return {"dir": interface.flagging_dir, "components": [c["id"] for c in components if c["role"] in roles]}
