"""State: a hidden value an Interface keeps for its visitor between runs (Gradio 3's chat pattern).

Where the value lives: in Python, in the Interface (its :class:`SessionStore`), never on the
page, so it can be any Python object, not only JSON. Gradio 3 keeps one value per browser
session on its server; here every visitor's tab runs its own worker with its own Interface,
so one store per Interface *is* one per session. The page sends ``null`` for a State input
("use the kept value") or :data:`RESET` after Clear ("start again from the initial value");
a State output sends ``null`` back. The initial value is deep-copied, as Gradio 3 does, so
runs never mutate it.

Example (the Interface chat pattern)::

    def chat(message, history=[]):
        history.append((message, message[::-1]))
        return history, history

    gr.Interface(chat, ["text", "state"], ["chatbot", "state"])
"""

from __future__ import annotations

import copy
import inspect
from typing import Any, Callable, Sequence

from ..errors import ConfigurationError
from .base import Component

__all__ = ["RESET", "SessionStore", "State", "Variable", "link_states"]

#: What the page sends for a State input after Clear: start again from the initial value.
RESET = {"__pyinterface_state__": "reset"}


class State(Component):
    """A hidden value kept between runs of an Interface (see the module docstring).

    ``value`` is the initial value (any object that can be deep-copied). In an Interface use
    one State as an input and one as an output: fn receives the kept value and returns the
    next one. With the shortcut ``"state"`` the initial value is fn's default for that
    parameter, as in Gradio 3.
    """

    component_type = "state"
    data_kind = "any"
    stateful = True

    def __init__(self, value: Any = None, **kwargs: Any) -> None:
        try:
            copied = copy.deepcopy(value)
        except TypeError as exc:  # Gradio 3.50.2's message
            raise TypeError(
                f"The initial value of `gr.State` must be able to be deepcopied. The initial value of type "
                f"{type(value)} cannot be deepcopied."
            ) from exc
        super().__init__(copied, **kwargs)

    def initial(self) -> Any:
        """A fresh copy of the initial value."""
        return copy.deepcopy(self.value)

    def get_config(self) -> dict[str, Any]:
        # The value stays in Python: it need not be JSON, and the page never shows it.
        return {**super().get_config(), "value": None, "visible": False}

    def postprocess(self, y: Any) -> None:
        return None

    def example_payload(self, value: Any) -> None:
        return None


class Variable(State):
    """Gradio 3's old name for :class:`State`."""


class SessionStore:
    """The kept values of an Interface's State components, for the one visitor its page serves."""

    def __init__(self) -> None:
        self._values: dict[int, Any] = {}

    def read(self, state: Component, wire: Any) -> Any:
        """The value fn receives. ``wire`` is what the caller sent for the State input: ``None``
        keeps the value, :data:`RESET` starts again, anything else (a Python caller passing the
        state explicitly) replaces it."""
        key = id(state)
        if (isinstance(wire, dict) and wire == RESET) or (wire is None and key not in self._values):
            self._values[key] = state.initial() if isinstance(state, State) else copy.deepcopy(state.value)
        elif wire is not None:
            self._values[key] = wire
        return self._values[key]

    def write(self, state: Component, value: Any) -> None:
        """Keep what fn returned for the State output."""
        self._values[id(state)] = value


def _default_of(fn: Callable[..., Any], index: int) -> Any:
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None
    if index >= len(parameters) or parameters[index].default is inspect.Parameter.empty:
        return None
    return parameters[index].default


def link_states(fn: Callable[..., Any], specs: Any, inputs: list[Component], outputs: list[Component]) -> None:
    """Gradio 3's Interface rule: one State input and one State output are the same State.

    ``specs`` is ``inputs=`` as the user wrote it: for the shortcut ``"state"`` the initial
    value is fn's default for that parameter. Replaces the output State in ``outputs``.
    """
    in_at = [i for i, c in enumerate(inputs) if c.stateful]
    out_at = [i for i, c in enumerate(outputs) if c.stateful]
    if not in_at and not out_at:
        return
    if len(in_at) != 1 or len(out_at) != 1:
        raise ConfigurationError(
            f"If using 'state', there must be exactly one state input and one state output; this Interface has "
            f"{len(in_at)} and {len(out_at)}. Add 'state' to both inputs and outputs: fn receives the kept value "
            "and returns the next one."
        )
    state = inputs[in_at[0]]
    written: Sequence[Any] = specs if isinstance(specs, (list, tuple)) else [specs]
    if isinstance(written[in_at[0]], str):
        state.value = copy.deepcopy(_default_of(fn, in_at[0]))
    outputs[out_at[0]] = state
