"""The component contract every input and output widget follows.

A component translates one value between three forms:

* the **wire** value: plain JSON that the page renders and sends back (str, number, bool,
  list, dict; images and audio as ``data:`` URLs or as paths relative to the app folder;
  other files as ``{"name", "data", "size"}`` with such a ``data``, see ``_filedata``; State
  as ``null``, its value staying in Python, see ``state``);
* the **fn** value: what the user's function receives (``preprocess``) and returns
  (``postprocess``), e.g. a numpy array for ``Image(type="numpy")``;
* the **python** value: what calling an Interface like a function returns (``as_python``).
  Unlike Gradio 3 this is never a temp-file path: a Label gives its dict, an Image an array.

Checklist for a subclass (like Click's ``ParamType``):

1. set ``component_type`` (the key the browser's renderer registry looks up) and
   ``data_kind`` (what kind of value flows out of/into it; Series uses it to check stages fit);
2. take Gradio 3's constructor arguments, keyword-only after Gradio's positional ones, and pass
   the common ones to ``super().__init__``;
3. override ``preprocess`` (inputs) and/or ``postprocess`` (outputs); raise
   :class:`ComponentValueError` through :meth:`Component.invalid` for values you cannot take;
4. override ``as_python`` when the wire form is not what a Python caller wants;
5. override ``example_payload`` when examples need converting to the wire form;
6. extend ``get_config`` with your props; everything it returns must be JSON-serialisable.

Interpretation hooks (``tokenize``, neighbours, scores) live with the interpretation engine.
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

from ..errors import ComponentValueError
from ._shown import describe_value

__all__ = ["Component"]

#: Arguments Gradio 3 accepts on every component that only tune Gradio's server-side layout
#: or transport; we accept them so Gradio code runs, and they have no effect here.
_IGNORED_GRADIO_ARGUMENTS = frozenset(
    {
        "every", "container", "scale", "min_width", "autofocus", "autoscroll", "rtl",
        "show_copy_button", "show_download_button", "show_share_button", "show_edit_button",
        "text_align", "streaming", "height", "width", "optional", "default", "root_url",
        "_skip_init_processing", "render", "load_fn", "show_legend_label",
    }
)


class Component:
    """Base class of every component; see the module docstring for the subclass checklist.

    Common parameters (Gradio 3 names and defaults):
        value: the initial value, in the fn form (it is postprocessed for the page).
        label: shown above the component and used as its accessible name. When ``None``, the
            Interface fills it in from the fn's parameter name (inputs) or "output" (outputs).
        info: a short help text shown under the label.
        show_label: whether the label is visible (it remains the accessible name either way).
        interactive: whether the visitor can edit it; Interface sets outputs to ``False``.
        visible: whether it is shown at all.
        elem_id, elem_classes: hooks for custom CSS.
    """

    component_type: ClassVar[str] = "component"
    data_kind: ClassVar[str] = "any"
    #: True for State: the Interface keeps its value between runs instead of reading the page's.
    stateful: ClassVar[bool] = False

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        info: str | None = None,
        show_label: bool | None = None,
        interactive: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        **kwargs: Any,
    ) -> None:
        unknown = sorted(set(kwargs) - _IGNORED_GRADIO_ARGUMENTS)
        if unknown:
            warnings.warn(
                f"{type(self).__name__} got unknown argument(s) {', '.join(unknown)}; they are ignored.",
                UserWarning,
                stacklevel=3,
            )
        if label is not None and not isinstance(label, str):
            raise TypeError(f"{type(self).__name__}: label must be a str, got {label!r} ({type(label).__name__})")
        self.label = label
        self.info = info
        self.show_label = True if show_label is None else bool(show_label)
        self.interactive = interactive
        self.visible = visible
        self.elem_id = elem_id
        self.elem_classes = [elem_classes] if isinstance(elem_classes, str) else list(elem_classes or [])
        self.value = value

    # -- the value contract -------------------------------------------------------------

    def preprocess(self, x: Any) -> Any:
        """Wire value from the page (or a Python caller) -> the value fn receives."""
        return x

    def postprocess(self, y: Any) -> Any:
        """Value fn returned -> wire value for the page."""
        return y

    def as_python(self, y: Any) -> Any:
        """Wire value -> what calling the Interface from Python returns."""
        return y

    def example_payload(self, value: Any) -> Any:
        """An example as written by the user -> the wire value stored in the config.

        The default runs the example through preprocess and back through postprocess, so a bad
        example fails when the Interface is built, not when a visitor clicks it, and e.g. a
        number read from a ``log.csv`` reaches the page as a number.
        """
        return self.postprocess(self.preprocess(value))

    def set_interpret_parameters(self, *args: Any, **kwargs: Any) -> Component:
        """Tune how "default"/"shap" interpretation perturbs this input (Gradio 3's method;
        returns the component so calls chain). Textbox: separator=" ", replacement=None;
        Image: segments=16; Audio: segments=8; Number: steps=3, delta=1,
        delta_type="percent"; Slider: steps=8. Other components take none."""
        from ..interpretation import set_interpret_parameters

        return set_interpret_parameters(self, *args, **kwargs)

    def pyodide_packages(self) -> tuple[str, ...]:
        """Pyodide packages (lock names) this component's pre/postprocess import in the page.

        The exporter ships these; declaring them here, next to the lazy imports, keeps a
        text-only app free of numpy without a table elsewhere to keep in step.
        """
        return ()

    # -- description ----------------------------------------------------------------------

    def get_config(self) -> dict[str, Any]:
        """JSON-safe props the browser renderer needs."""
        return {
            "label": self.label,
            "info": self.info,
            "show_label": self.show_label,
            "interactive": self.interactive,
            "visible": self.visible,
            "elem_id": self.elem_id,
            "elem_classes": self.elem_classes,
            "value": None if self.value is None else self.postprocess(self.value),
        }

    @property
    def name(self) -> str:
        """How messages refer to this component: its type and, when set, its label."""
        kind = type(self).__name__
        return f"{kind} {self.label!r}" if self.label else kind

    def invalid(self, value: Any, expected: str, fix: str | None = None) -> ComponentValueError:
        """Build the error for a value this component cannot take (callers ``raise`` it). The
        value is described, never echoed in full: an upload's data stays out of the message."""
        message = f"{self.name}: expected {expected}, got {describe_value(value)}."
        if fix:
            message += f" {fix}"
        return ComponentValueError(message)

    def __repr__(self) -> str:
        return f"{self.component_type}(label={self.label!r})"
