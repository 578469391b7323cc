"""The fn of a loaded model or Space: one flow, callable blocking or awaitable.

``Interface`` calls ``fn(*values)`` for ``io("...")`` (blocking: urllib, or pyodide-http's
synchronous XMLHttpRequest in the browser worker) and ``await fn.acall(*values)`` when it
runs events asynchronously (fetch in the page), so the same loaded Interface serves both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._transport import Flow, arun, run

__all__ = ["HubFunction"]


class HubFunction:
    """``flow_for(*values)`` builds the request flow; calling runs it."""

    def __init__(self, name: str, flow_for: Callable[..., Flow[Any]], *, description: str) -> None:
        self.__name__ = name
        self._flow_for = flow_for
        #: e.g. "model gpt2 (text-generation)"; shown by repr and in error notes.
        self.description = description

    def __call__(self, *values: Any) -> Any:
        return run(self._flow_for(*values))

    async def acall(self, *values: Any) -> Any:
        return await arun(self._flow_for(*values))

    def __repr__(self) -> str:
        return f"<HubFunction {self.description}>"
