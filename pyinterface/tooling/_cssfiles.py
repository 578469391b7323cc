"""Gradio 3's ``url('file=clouds.jpg')`` in an app's CSS: find the assets, check them, rewrite them.

Gradio served ``/file=<path>`` from the app's working directory. An export has no server, so
each asset is copied into the export and its reference rewritten to ``file=<path relative to
the app's folder>``; the page strips ``file=`` and resolves the rest against the manifest's
folder. The CSS is read with a real tokenizer (tinycss2), so quoted, unquoted and escaped URLs,
comments and strings that merely contain ``url(`` are all told apart as a browser would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

from ._paths import resolve_reference

__all__ = ["FILE_PREFIX", "rewrite_file_urls"]

#: What marks a Gradio file URL inside ``url(...)``.
FILE_PREFIX = "file="


def rewrite_file_urls(css: str, root: Path) -> tuple[str, list[str]]:
    """(``css`` with every ``file=`` URL rewritten, the assets it names relative to ``root``).

    Raises :class:`~pyinterface.tooling.export.ExportError` naming the URL when an asset is missing or
    leaves the app's folder, checked after URL-decoding (``%2e%2e/``, ``%2F``).
    """
    import tinycss2

    nodes = tinycss2.parse_component_value_list(css, skip_comments=False)
    assets: set[str] = set()
    for token, url in _file_urls(nodes):
        relative = resolve_reference(root, unquote(url.removeprefix(FILE_PREFIX)), f"the css url({url!r})")
        assets.add(relative)
        _set_url(token, FILE_PREFIX + quote(relative))
    return (tinycss2.serialize(nodes) if assets else css), sorted(assets)


def _file_urls(nodes: list) -> Iterator[tuple[object, str]]:
    """(token holding the URL, the URL) for each ``url(file=...)`` at any depth."""
    from tinycss2 import ast

    for node in nodes:
        if isinstance(node, ast.URLToken) and node.value.startswith(FILE_PREFIX):
            yield node, node.value
        elif isinstance(node, ast.FunctionBlock):
            arguments = [a for a in node.arguments if a.type not in ("whitespace", "comment")]
            if node.lower_name == "url" and len(arguments) == 1 and isinstance(arguments[0], ast.StringToken):
                if arguments[0].value.startswith(FILE_PREFIX):
                    yield arguments[0], arguments[0].value
            else:
                yield from _file_urls(node.arguments)
        elif getattr(node, "content", None) is not None and isinstance(node.content, list):
            yield from _file_urls(node.content)


def _set_url(token: object, url: str) -> None:
    """Replace a URL or string token's value; tinycss2 serializes ``representation``, so set both."""
    from tinycss2 import ast
    from tinycss2.serializer import serialize_string_value, serialize_url

    token.value = url  # type: ignore[attr-defined]
    if isinstance(token, ast.StringToken):
        token.representation = f'"{serialize_string_value(url)}"'
    else:
        token.representation = f"url({serialize_url(url)})"  # type: ignore[attr-defined]
