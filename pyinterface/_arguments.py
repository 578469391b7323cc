"""Reading ``Interface``'s arguments the way Gradio 3 does, with errors that name the argument."""

from __future__ import annotations

import inspect
import os
from typing import Any, Callable

from .components import get_component
from .components.base import Component
from .errors import ConfigurationError

__all__ = [
    "INTERPRETATION_METHODS", "SERVER_ONLY_ARGUMENTS", "as_components", "normalize_flagging",
    "normalize_interpretation", "parameter_names", "read_css",
]

INTERPRETATION_METHODS = ("default", "shap", "shapley")
_FLAGGING_MODES = ("never", "manual", "auto")
#: Interface arguments of Gradio 3 that only configure its server; accepted and ignored here.
SERVER_ONLY_ARGUMENTS = frozenset(
    {"analytics_enabled", "allow_duplication", "_api_mode",
     "enable_queue", "layout", "verbose", "capture_session", "show_input", "show_output", "server_name",
     "server_port", "allow_screenshot", "show_tips", "encrypt"}
)


def as_components(spec: Any, parameter: str) -> list[Component]:
    if spec is None:
        return []
    items = list(spec) if isinstance(spec, (list, tuple)) else [spec]
    return [get_component(item, parameter=f"{parameter}[{i}]" if len(items) > 1 else parameter)
            for i, item in enumerate(items)]


def parameter_names(fn: Callable[..., Any]) -> list[str]:
    """The fn's positional parameter names, used as default input labels (as Gradio 3 does)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.name for p in signature.parameters.values() if p.kind in kinds]


def normalize_interpretation(interpretation: Any, n_inputs: int) -> list[str | None] | Callable[..., Any] | None:
    # Gradio 3.50.2 interface.py L284-294: a str is lower-cased and broadcast; a list or callable
    # is kept. Unlike Gradio, an unknown method fails here rather than when Interpret is clicked.
    if interpretation is None or callable(interpretation):
        return interpretation
    if isinstance(interpretation, str):
        methods: list[Any] = [interpretation.lower()] * n_inputs
    elif isinstance(interpretation, (list, tuple)):
        methods = [m.lower() if isinstance(m, str) else m for m in interpretation]
        if len(methods) != n_inputs:
            raise ConfigurationError(
                f"interpretation: the list has {len(methods)} entries but the Interface has {n_inputs} "
                f"input(s); give one method (or None) per input."
            )
    else:
        raise ConfigurationError(
            f"Invalid value for parameter: interpretation. Expected a method name, a list of them or "
            f"a callable, got {interpretation!r} ({type(interpretation).__name__})."
        )
    for method in methods:
        if method is not None and method not in INTERPRETATION_METHODS:
            raise ConfigurationError(
                f"Unknown interpretation method: {method!r}. Use one of {', '.join(map(repr, INTERPRETATION_METHODS))}, "
                "None, or a function."
            )
    if all(m is None for m in methods):
        return None
    return methods


def normalize_flagging(allow_flagging: Any, options: Any) -> tuple[str, list[tuple[str, str]]]:
    if allow_flagging is None:
        allow_flagging = os.getenv("GRADIO_ALLOW_FLAGGING", "manual")
        if allow_flagging != "manual" and _exporting():
            _warn_flagging_variable_unused(allow_flagging)
            allow_flagging = "manual"  # what the page's own run of the app will say
    if allow_flagging is True:
        allow_flagging = "manual"
    elif allow_flagging is False:
        allow_flagging = "never"
    if allow_flagging not in _FLAGGING_MODES:
        raise ConfigurationError(
            f"allow_flagging must be one of {', '.join(map(repr, _FLAGGING_MODES))} (or True/False), got {allow_flagging!r}."
        )
    if options is None:
        pairs = [("Flag", "")]
    else:
        pairs = [tuple(option) if isinstance(option, (list, tuple)) else (f"Flag as {option}", option) for option in options]
    return allow_flagging, pairs  # type: ignore[return-value]


def _exporting() -> bool:
    """Whether this is the export's run of an app (CPython, under load_app)."""
    from . import _launch
    from ._env import IN_PYODIDE

    return _launch.loading_app() and not IN_PYODIDE


def _warn_flagging_variable_unused(variable: str) -> None:
    """``GRADIO_ALLOW_FLAGGING`` would reach the export's run of the app but not the page's,
    which has no environment: the exported UI and the page's would differ. Neither uses it."""
    import warnings

    warnings.warn(
        f"GRADIO_ALLOW_FLAGGING={variable} is not used: the page runs the app without environment variables, "
        f'so it flags as Gradio\'s default, allow_flagging="manual". Pass allow_flagging={variable!r} to the '
        "Interface instead.",
        UserWarning,
        stacklevel=4,
    )


def read_css(css: str | None) -> str | None:
    # Gradio 3 (blocks.py L613): an existing path is read, anything else is CSS text.
    if css is not None and len(css) < 4096 and "{" not in css and os.path.isfile(css):
        with open(css, encoding="utf-8") as handle:
            return handle.read()
    return css
