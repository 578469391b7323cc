"""Display components: Markdown and HTML.

Their wire value is the raw text; the page renders Markdown with a markdown library and
sanitises HTML, so nothing here renders or escapes anything.
"""

from __future__ import annotations

import inspect
from typing import Any

from .base import Component

__all__ = ["HTML", "Markdown"]


def _text(component: Component, y: Any) -> str | None:
    if y is None:
        return None
    if isinstance(y, (bytes, bytearray)):
        raise component.invalid(y, "text (str)", "Decode the bytes first, e.g. data.decode('utf-8').")
    return str(y)


class Markdown(Component):
    """Markdown text, e.g. for titles and explanations (``latex_delimiters`` is kept in the
    config; the page does not typeset LaTeX yet).

    As in Gradio 3.50 the text is dedented with ``inspect.cleandoc``, so an indented
    triple-quoted string renders as written. ``line_breaks=True`` turns single newlines into
    line breaks. ``sanitize_html`` is accepted for Gradio code, but the page sanitises every
    Markdown and HTML value whatever it says: model outputs are untrusted text.
    """

    component_type = "markdown"
    data_kind = "text"

    def __init__(
        self,
        value: str = "",
        *,
        label: str | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        rtl: bool = False,
        latex_delimiters: list[dict[str, Any]] | None = None,
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        **kwargs: Any,
    ) -> None:
        self.rtl = rtl
        self.latex_delimiters = latex_delimiters if latex_delimiters is not None else [
            {"left": "$", "right": "$", "display": False}
        ]
        self.sanitize_html = sanitize_html
        self.line_breaks = line_breaks
        self.header_links = header_links
        super().__init__(value, label=label, visible=visible, elem_id=elem_id, elem_classes=elem_classes, **kwargs)

    def postprocess(self, y: Any) -> str | None:
        text = _text(self, y)
        return None if text is None else inspect.cleandoc(text)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "rtl": self.rtl,
            "latex_delimiters": self.latex_delimiters,
            "sanitize_html": self.sanitize_html,
            "line_breaks": self.line_breaks,
            "header_links": self.header_links,
        }


class HTML(Component):
    """Raw HTML, shown as is (the page sanitises it). fn returns a str."""

    component_type = "html"
    data_kind = "text"

    def __init__(
        self,
        value: str = "",
        *,
        label: str | None = None,
        show_label: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            value, label=label, show_label=show_label, visible=visible,
            elem_id=elem_id, elem_classes=elem_classes, **kwargs,
        )

    def postprocess(self, y: Any) -> str | None:
        return _text(self, y)
