"""An app's UI as static HTML, for its exported page to show before any module runs.

:func:`prerender_app` turns an Interface config (``pyinterface/_config.py``) into a declarative
shadow root (``<template shadowrootmode="open">``) for ``<pyinterface-app>``: the browser
attaches it while it parses the page, so the first paint is the app itself, styled by the
``pyinterface.css`` it carries inline. It holds what ``site/element.mjs`` shows first, built
like ``site/app.mjs`` and ``site/progress.mjs`` build it (same elements, same classes): the
loading panel, the title and description, each component with its label and initial value,
the buttons, the examples and the article. When the page's modules run, the element swaps in
the live UI without a visible jump, and builds its stylesheet from the inline one.

What it leaves to the page: markdown is shown as escaped paragraphs until marked renders it;
the app's ``css=`` (its ``file=`` URLs are rewritten in JS, site/app-css.mjs) applies with the
live UI; hidden parts (the run status, the interpretation panel) come with the live UI.
Controls and buttons are ``disabled``: nothing can act on them before the modules run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from ._markup import js_json, js_string, tag, text
from ._prerender_components import prerender_component
from ._prerender_displays import prose
from ._prerender_field import choice_name

__all__ = ["PROGRESS_STEPS", "prerender_app"]

#: site/protocol.mjs STAGES with site/progress.mjs STAGE_NAMES: the loading panel's steps.
PROGRESS_STEPS = (
    ("load manifest", "App manifest"),
    ("load runtime", "Python runtime"),
    ("load packages", "Packages"),
    ("fetch app files", "App files"),
    ("run app", "Starting the app"),
)
#: site/examples.mjs TEXT_LIMIT: longer example values are cut, with an ellipsis.
_EXAMPLE_TEXT_LIMIT = 60


def prerender_app(config: Mapping[str, Any], *, stylesheet: str | None, files_base: str = "app/") -> str:
    """``<template shadowrootmode="open">`` holding ``config``'s UI (and ``stylesheet``, the text
    of pyinterface.css, inline). ``files_base`` leads from the page to the app's files (an
    example image's path is relative to them)."""
    style = ""
    if stylesheet is not None:
        if re.search(r"</style", stylesheet, flags=re.IGNORECASE):
            raise ValueError("pyinterface.css holds '</style', which would end its inline <style> early: remove it.")
        style = f"<style data-pyinterface-css>{stylesheet}</style>"
    # Interface(theme=): its rules inline too, so the first paint is themed (the page's CSP hashes
    # this <style> like the one above); the live UI adopts the same rules (site/theme.mjs).
    theme = config.get("theme")
    if theme:
        style += f"<style data-pyinterface-theme>{theme['css']}</style>"
    return f'<template shadowrootmode="open">{style}{_progress()}{_app(config, files_base)}</template>'


def _progress() -> str:
    """site/progress.mjs ProgressPanel as it first shows: step 1 active, the bar at 0."""
    name = PROGRESS_STEPS[0][1]
    steps = "".join(
        tag("li", {"data-stage": stage, "data-state": "active" if index == 0 else "pending"}, text(shown))
        for index, (stage, shown) in enumerate(PROGRESS_STEPS)
    )
    return tag(
        "div", {"class": "pyi-progress", "data-prerendered": True},
        tag("p", {"class": "pyi-progress-title"}, "Loading Python in your browser…"),
        tag("p", {"class": "pyi-progress-stage", "aria-live": "polite"},
            text(f"{name} (step 1 of {len(PROGRESS_STEPS)})")),
        tag("progress", {"class": "pyi-progress-bar", "max": 1, "value": 0, "aria-label": "Loading"}),
        tag("p", {"class": "pyi-progress-detail"}, "Fetching the app manifest"),
        tag("ol", {"class": "pyi-progress-steps"}, steps),
    )


def _app(config: Mapping[str, Any], files_base: str) -> str:
    """site/app.mjs AppView._build, less what it keeps hidden until a run."""
    by_id = {component["id"]: component for component in config.get("components") or []}
    layout = config.get("layout") or {}
    input_ids, output_ids = layout.get("inputs") or [], layout.get("outputs") or []
    inputs = [prerender_component(by_id[i]) for i in input_ids if i in by_id]
    outputs = [prerender_component(by_id[i]) for i in output_ids if i in by_id]
    input_only, output_only = not output_ids, not input_ids

    # Gradio 3.50: "Generate" for an output-only Interface; no Submit when live with inputs.
    submit = tag("button", {"type": "button", "class": "pyi-button pyi-primary", "disabled": True},
                 "Generate" if output_only else "Submit")
    clear = tag("button", {"type": "button", "class": "pyi-button", "disabled": True}, "Clear")
    buttons = tag("div", {"class": "pyi-actions"}, clear, submit if not config.get("live") or output_only else "")
    (outputs if output_only else inputs).append(buttons)
    if config.get("interpretation"):
        interpret = tag("button", {"type": "button", "class": "pyi-button", "disabled": True}, "Interpret")
        outputs.append(tag("div", {"class": "pyi-actions"}, interpret))
    flagging = config.get("flagging")
    if flagging and config.get("allow_flagging") == "manual":  # site/flagging.mjs: a Flag button per option
        flags = (tag("button", {"type": "button", "class": "pyi-button pyi-flag", "disabled": True}, text(label))
                 for label, _value in config.get("flagging_options") or [])
        outputs.append(tag("div", {"class": "pyi-actions pyi-flag-actions"}, *flags))

    panels = []
    if not output_only:
        panels.append(tag("div", {"class": "pyi-panel pyi-inputs"}, *inputs))
    if not input_only or output_only:
        panels.append(tag("div", {"class": "pyi-panel pyi-outputs"}, *outputs))
    parts = [
        tag("h1", {"class": "pyi-title"}, text(config["title"])) if config.get("title") else "",
        _prose_block("pyi-description", config.get("description")),
        tag("div", {"class": "pyi-panels"}, *panels),
        # site/flagged-view.mjs's "Flagged (N)": its count is in the visitor's browser, read once scripts run.
        tag("div", {"class": "pyi-flagging"}, tag("button", {"type": "button", "class": "pyi-button pyi-flagged-toggle",
                                                             "disabled": True}, "Flagged")) if flagging else "",
        _examples(config["examples"], by_id, files_base) if config.get("examples") else "",
        _prose_block("pyi-article", config.get("article")),
    ]
    # data-prerendered: the live UI (site/app.mjs) has none, so a script or test can tell them apart.
    return tag("div", {"class": "pyi-app", "data-mode": config.get("mode"), "data-prerendered": True}, *parts)


def _prose_block(class_name: str, markdown: Any) -> str:
    return tag("div", {"class": f"{class_name} pyi-prose"}, prose(js_string(markdown))) if markdown else ""


def _examples(examples: Mapping[str, Any], by_id: Mapping[int, Any], files_base: str) -> str:
    """site/examples.mjs renderExamples, on its first page."""
    samples = examples.get("samples") or []
    per_page = max(1, examples.get("samples_per_page") or 10)
    pages = max(1, -(-len(samples) // per_page))
    columns = [by_id.get(i) for i in examples.get("inputs") or []]
    header = tag("div", {"class": "pyi-example-header", "aria-hidden": "true"}, *(
        tag("span", {"class": "pyi-example-cell"}, text((c or {}).get("props", {}).get("label") or "")) for c in columns
    )) if len(columns) > 1 else ""
    rows = []
    for number, sample in enumerate(samples[:per_page], start=1):
        cells = [_example_cell(value, columns[i] if i < len(columns) else None, files_base)
                 for i, value in enumerate(sample)]
        named = any(shown.strip() for _, shown in cells)
        rows.append(tag("button", {"type": "button", "class": "pyi-example", "disabled": True,
                                   "aria-label": None if named else f"Example {number}"}, *(cell for cell, _ in cells)))
    pager = tag("div", {"class": "pyi-example-pager", "hidden": pages == 1},
                tag("button", {"type": "button", "class": "pyi-small", "disabled": True}, "Previous"),
                tag("span", {"class": "pyi-example-page"}, f"Page 1 of {pages}"),
                tag("button", {"type": "button", "class": "pyi-small", "disabled": True}, "Next"))
    return tag("section", {"class": "pyi-examples", "aria-labelledby": "pyi-pre-examples"},
               tag("h2", {"id": "pyi-pre-examples", "class": "pyi-examples-title"}, "Examples"),
               header, tag("div", {"class": "pyi-example-list"}, *rows), pager)


def _example_cell(value: Any, component: Mapping[str, Any] | None, files_base: str) -> tuple[str, str]:
    """One example value's preview (site/examples.mjs _preview) and its text."""
    kind = (component or {}).get("type")
    if value is None:
        return tag("span", {"class": "pyi-example-cell"}), ""
    if kind == "image" and isinstance(value, str):
        source = value if re.match(r"(data|blob):", value) else urljoin(files_base, value)
        name = "" if value.startswith("data:") else value.split("/")[-1]
        thumb = tag("img", {"class": "pyi-example-thumb", "alt": "", "src": source})
        named = tag("span", {"class": "pyi-sr-only"}, text(name)) if name else ""
        return tag("span", {"class": "pyi-example-cell"}, thumb, named), name
    if kind == "audio" and isinstance(value, str):
        shown = "audio" if value.startswith("data:") else value.split("/")[-1]
    elif kind == "dataframe" and isinstance(value, dict):
        shown = f"table {len(value.get('data') or [])}×{len(value.get('headers') or [])}"
    elif kind in ("radio", "dropdown", "checkboxgroup"):
        props = (component or {}).get("props") or {}
        shown = ", ".join(choice_name(props, v) for v in (value if isinstance(value, list) else [value]))
    elif isinstance(value, dict | list):
        shown = js_json(value)
    else:
        shown = js_string(value)
    if len(shown) > _EXAMPLE_TEXT_LIMIT:
        shown = shown[: _EXAMPLE_TEXT_LIMIT - 1] + "…"
    return tag("span", {"class": "pyi-example-cell"}, text(shown)), shown
