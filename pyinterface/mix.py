"""``Parallel`` and ``Series``: compare Interfaces side by side, or chain them.

Same semantics as Gradio 3's ``gradio.mix`` (spec §4), with one fix: the members are checked
when the Parallel/Series is built, so a mismatch names the two interfaces and what differs
instead of surfacing later as a raw ``TypeError``/``IndexError`` (spec §4.3).
"""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any, Sequence

from ._interface import Interface
from .components.base import Component
from .errors import ConfigurationError

__all__ = ["Parallel", "Series"]

#: Props that change how a component looks, not what value it hands to fn.
_COSMETIC_PROPS = frozenset(
    {"label", "info", "show_label", "interactive", "visible", "elem_id", "elem_classes", "value",
     "placeholder", "lines", "max_lines", "step", "mirror_webcam", "brush_radius", "brush_color",
     "color_map", "show_legend", "height", "width", "wrap"}
)

#: Which input kinds a stage's output kind can feed in a Series. Values cross stages in their
#: wire form, as in Gradio 3, so e.g. a number reaches a Textbox as text.
_SERIES_FEEDS: dict[str, frozenset[str]] = {
    "text": frozenset({"text", "choice", "json"}),
    "number": frozenset({"number", "text"}),
    "boolean": frozenset({"boolean", "text"}),
    "choice": frozenset({"choice", "text"}),
    "choices": frozenset({"choices"}),
    "image": frozenset({"image"}),
    "audio": frozenset({"audio"}),
    "label": frozenset({"label"}),
    "json": frozenset({"json"}),
    "dataframe": frozenset({"dataframe"}),
    "highlight": frozenset({"highlight"}),
    "file": frozenset({"file", "video"}),
    "video": frozenset({"video", "file"}),
    "color": frozenset({"color", "text"}),
    "chat": frozenset({"chat"}),
    "gallery": frozenset({"gallery"}),
}


def _input_signature(component: Component) -> tuple[str, str]:
    props = {k: v for k, v in component.get_config().items() if k not in _COSMETIC_PROPS}
    return component.component_type, json.dumps(props, sort_keys=True, default=str)


def _describe(components: Sequence[Component]) -> str:
    return "(" + ", ".join(c.name for c in components) + ")" if components else "(nothing)"


def _member_name(index: int, interface: Interface) -> str:
    return f"interface {index + 1} ({interface.__name__!r})"


def _check_members(kind: str, interfaces: Sequence[Any]) -> list[Interface]:
    if not interfaces:
        raise ConfigurationError(f"{kind} needs at least one Interface, got none.")
    for index, member in enumerate(interfaces):
        if not isinstance(member, Interface):
            raise TypeError(
                f"{kind}: argument {index + 1} must be an Interface (gr.Interface, gr.load(...), or another "
                f"Parallel/Series), got {member!r:.60} ({type(member).__name__})."
            )
        if any(c.stateful for c in member.input_components):
            raise ConfigurationError(
                f"{kind}: {_member_name(index, member)} uses State, whose value one Interface keeps between its "
                f"own runs; a {kind} cannot share it. Build the {kind} from Interfaces without State."
            )
    return list(interfaces)


def _model_id(interface: Interface) -> str | None:
    info = getattr(interface.fn, "model_info", None)  # set by gr.load("models/...")
    model = getattr(info, "id", None)
    return model if isinstance(model, str) else None


def _named_outputs(member: Interface) -> list[Component]:
    """A loaded model's outputs, labelled with its id: side by side, several models' "Output"
    boxes are otherwise indistinguishable (Gradio 3 shows them all as "Output"). The member's
    own components are copied, so the member keeps its labels."""
    model = _model_id(member)
    if model is None:
        return member.output_components
    named = []
    for component in member.output_components:
        component = copy.copy(component)
        if model not in (component.label or ""):
            component.label = f"{component.label} ({model})" if component.label else model
        named.append(component)
    return named


class Parallel(Interface):
    """Run several Interfaces on the same inputs and show all their outputs side by side.

    Every member must take the same inputs (same component types and settings); the Parallel
    uses the first member's input components and concatenates all members' outputs. Options
    (``title``, ``examples``, ...) are passed to ``Interface`` and are not merged from members.

    Example::

        gr.Parallel(generator1, generator2, examples=[["Once upon a time"]])
    """

    mode = "parallel"

    def __init__(self, *interfaces: Interface, **options: Any) -> None:
        members = _check_members("Parallel", interfaces)
        first = members[0]
        for index, member in enumerate(members[1:], start=1):
            ours = [_input_signature(c) for c in member.input_components]
            theirs = [_input_signature(c) for c in first.input_components]
            if ours != theirs:
                raise ConfigurationError(
                    f"Parallel: {_member_name(index, member)} takes inputs {_describe(member.input_components)} "
                    f"but {_member_name(0, first)} takes {_describe(first.input_components)}; every interface in "
                    "a Parallel must take the same inputs, in the same order."
                )
        outputs = [component for member in members for component in _named_outputs(member)]

        def parallel_fn(*args: Any) -> Any:
            results = self.run(list(args))
            return results[0] if len(results) == 1 else tuple(results)

        options.setdefault("outputs", outputs)
        options.setdefault("inputs", first.input_components)
        super().__init__(parallel_fn, **options)
        self.members = members
        self.__name__ = " | ".join(member.__name__ for member in members)

    def _is_async(self) -> bool:
        return any(member._is_async() for member in self.members)

    def run(self, values: Sequence[Any]) -> list[Any]:
        return [prediction for member in self.members for prediction in member.run(values)]

    async def arun(self, values: Sequence[Any]) -> list[Any]:
        groups = await asyncio.gather(*(member.arun(values) for member in self.members))
        return [prediction for group in groups for prediction in group]


class Series(Interface):
    """Chain Interfaces: each one's outputs become the next one's inputs.

    Between stages the values are postprocessed by the stage's output components and
    preprocessed by the next stage's input components, as in Gradio 3. The stages' arity and
    value kinds are checked up front.

    Example::

        gr.Series(generator, translator)("My name is Sarah and I live in London")
    """

    mode = "series"

    def __init__(self, *interfaces: Interface, **options: Any) -> None:
        members = _check_members("Series", interfaces)
        for index in range(len(members) - 1):
            self._check_link(index, members[index], members[index + 1])

        def connected_fn(*args: Any) -> Any:
            results = self.run(list(args))
            return results[0] if len(results) == 1 else tuple(results)

        options.setdefault("inputs", members[0].input_components)
        options.setdefault("outputs", _named_outputs(members[-1]))
        super().__init__(connected_fn, **options)
        self.members = members
        self.__name__ = " => ".join(member.__name__ for member in members)

    @staticmethod
    def _check_link(index: int, before: Interface, after: Interface) -> None:
        outputs, inputs = before.output_components, after.input_components
        if len(outputs) != len(inputs):
            raise ConfigurationError(
                f"Series: {_member_name(index, before)} has {len(outputs)} output(s) {_describe(outputs)} but "
                f"{_member_name(index + 1, after)} takes {len(inputs)} input(s) {_describe(inputs)}; each stage must "
                "return exactly what the next one takes."
            )
        for position, (out, inp) in enumerate(zip(outputs, inputs), start=1):
            feeds = _SERIES_FEEDS.get(out.data_kind)
            if feeds is not None and inp.data_kind != "any" and inp.data_kind not in feeds:
                raise ConfigurationError(
                    f"Series: output {position} of {_member_name(index, before)} is {out.name} ({out.data_kind}) "
                    f"but input {position} of {_member_name(index + 1, after)} is {inp.name} ({inp.data_kind}), "
                    f"which cannot take it; a {out.data_kind} output can feed: {', '.join(sorted(feeds))}."
                )

    def _is_async(self) -> bool:
        return any(member._is_async() for member in self.members)

    def run(self, values: Sequence[Any]) -> list[Any]:
        data = list(values)
        for index, member in enumerate(self.members):
            data = self._hand_on(index, member.run(self._take(index, data)))
        return data

    async def arun(self, values: Sequence[Any]) -> list[Any]:
        # The worker's path: it must convert between stages exactly as run() does (a number
        # stage feeding a text stage gives "6.0" either way; tests/test_mix.py checks both).
        data = list(values)
        for index, member in enumerate(self.members):
            data = self._hand_on(index, await member.arun(self._take(index, data)))
        return data

    def _take(self, index: int, data: list[Any]) -> list[Any]:
        """Stage ``index``'s fn values: a later stage preprocesses the previous stage's wire values
        (the first gets the Series' own inputs, already preprocessed by its input components)."""
        return self.members[index].preprocess(data) if index else data

    def _hand_on(self, index: int, predictions: list[Any]) -> list[Any]:
        """What stage ``index`` passes on: wire values (postprocessed), as Gradio 3 does between
        stages; the last stage's predictions go to the Series' output components as they are."""
        member = self.members[index]
        return member.postprocess(predictions) if index < len(self.members) - 1 else predictions
