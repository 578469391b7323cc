"""Gradio 3's flagging callbacks, for a page that has no server.

In Gradio 3.50.2 a flag runs ``flagging_callback.flag(...)`` on the server, and the default
``CSVLogger`` appends a row to ``<flagging_dir>/log.csv`` with media files beside it. An
exported pyinterface app has no server: the page itself writes the same rows, into the
visitor's browser (IndexedDB, one log per app), and its **Flagged (N)** view downloads them as
that ``log.csv`` (and a zip with the media folders). So here:

* :class:`CSVLogger` is accepted (it is Gradio's default) and selects the page's logger; its
  ``setup`` records what Gradio's does, and its ``flag`` says where flags are written instead;
* any other callback would have to run Python on a server, so ``Interface`` refuses it at
  construction, naming the fix: the element's JS ``flaggingCallback`` (README.md), which
  receives every flag in the page and can send it anywhere;
* :class:`HuggingFaceDatasetSaver` fails at once: it needs a write token, which a static page
  would hand to every visitor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from .errors import ConfigurationError

if TYPE_CHECKING:
    from ._interface import Interface
    from .components.base import Component

__all__ = ["CSVLogger", "FlaggingCallback", "HuggingFaceDatasetSaver", "check_auto_flagging", "check_flagging_callback",
           "flagged_components", "flagged_roles", "flagging_dir_name"]

_JS_CALLBACK = (
    "to send flags elsewhere, set the element's JS callback instead: "
    "document.querySelector('pyinterface-app').flaggingCallback = async (flag) => {...} "
    "(README.md, 'Flagging')"
)


class FlaggingCallback(ABC):
    """Gradio's base class of flagging callbacks: ``setup`` once, ``flag`` per flagged sample."""

    @abstractmethod
    def setup(self, components: list[Component], flagging_dir: str) -> None:
        """Called when the Interface is built, with the components a flag records."""

    @abstractmethod
    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        """Record one flagged sample; return how many samples are flagged now."""


class CSVLogger(FlaggingCallback):
    """Gradio's default logger: ``<flagging_dir>/log.csv``, one row per flag, with a header of
    the component labels then ``flag``, ``username``, ``timestamp``, and media files in a
    folder per component. In pyinterface the page writes these rows, in the visitor's browser."""

    def __init__(self) -> None:
        self.components: list[Component] = []
        self.flagging_dir = "flagged"

    def setup(self, components: list[Component], flagging_dir: str) -> None:
        # Gradio's also creates the folder; here nothing is written on this machine.
        self.components = list(components)
        self.flagging_dir = flagging_dir

    def flag(self, flag_data: list[Any], flag_option: str = "", username: str | None = None) -> int:
        raise RuntimeError(
            "pyinterface's CSVLogger writes flags in the page, into the visitor's browser: open the app, "
            "press Flag, then 'Flagged (N)' → Download CSV. There is no server-side log.csv to append to."
        )


class HuggingFaceDatasetSaver:
    """Refused: it pushes to a Hub dataset with a write token, which a static page would give to
    every visitor (anyone could read it from the page and write to, or delete, the dataset).
    Building one raises, so it never needs FlaggingCallback's methods."""

    def __init__(self, hf_token: str = "", dataset_name: str = "", *args: Any, **kwargs: Any) -> None:
        raise ConfigurationError(
            "HuggingFaceDatasetSaver cannot work in a pyinterface app: the page has no server, so its Hugging Face "
            "write token would be shipped to every visitor. Keep the default flagging_callback (flags are kept in the "
            f"visitor's browser, downloadable as log.csv), and {_JS_CALLBACK}, e.g. to POST them to your own "
            "endpoint that holds the token."
        )


def _is_csv_logger(callback: Any) -> bool:
    # Ours, or Gradio's own (a Gradio app passing `gradio.CSVLogger()` explicitly).
    cls = type(callback)
    return cls is CSVLogger or (cls.__name__ == "CSVLogger" and cls.__module__ == "gradio.flagging")


def check_flagging_callback(callback: Any, allow_flagging: str) -> FlaggingCallback:
    """The callback an Interface keeps: a CSVLogger (the default); any other is refused when
    flagging is on, because it would need a server to run on."""
    if callback is None or _is_csv_logger(callback):
        return CSVLogger()
    if allow_flagging == "never":
        return callback  # never called, as in Gradio
    name = type(callback).__name__
    raise ConfigurationError(
        f"flagging_callback={name}(...) cannot run in a pyinterface app: a static page has no server for its "
        f"flag() to run on. Leave flagging_callback out (the default CSVLogger keeps flags in the visitor's browser, "
        f"downloadable from 'Flagged (N)' as Gradio's log.csv), and {_JS_CALLBACK}."
    )


def check_auto_flagging(interface: Interface) -> None:
    """"auto" flags on Submit; a live Interface with inputs has none (Gradio 3.50.2 raises
    RenderError("Submit button not rendered") there), so say what to change instead."""
    if interface.allow_flagging == "auto" and interface.live and interface.input_components and interface.output_components:
        raise ConfigurationError(
            'allow_flagging="auto" flags the inputs when Submit is clicked, but a live Interface has no Submit button: '
            'use allow_flagging="manual" (a Flag button) or live=False.'
        )


def flagging_dir_name(flagging_dir: Any) -> str:
    """``flagging_dir`` as the paths in log.csv spell it (Gradio joins it with ``pathlib``)."""
    if not isinstance(flagging_dir, (str, PurePath)) or not str(flagging_dir).strip():
        raise ConfigurationError(f"flagging_dir must be a folder name such as 'flagged', got {flagging_dir!r}.")
    return PurePath(flagging_dir).as_posix()


def flagged_roles(interface: Interface) -> tuple[str, ...] | None:
    """Which components a flag records, as Gradio 3.50.2 sets its callback up (interface.py
    L394-405): None when the page flags nothing ("never", or an input-only Interface); the
    inputs for "auto" and for a unified Interface (the same components in and out); else the
    inputs then the outputs."""
    inputs, outputs = interface.input_components, interface.output_components
    if interface.allow_flagging == "never" or not outputs:
        return None
    unified = bool(inputs) and len(inputs) == len(outputs) and all(a is b for a, b in zip(inputs, outputs))
    if interface.allow_flagging == "auto" or unified:
        return ("input",)
    return ("input", "output")


def flagged_components(interface: Interface) -> list[Component] | None:
    """The components of :func:`flagged_roles`, in the order of log.csv's columns."""
    roles = flagged_roles(interface)
    if roles is None:
        return None
    return [*interface.input_components, *(interface.output_components if "output" in roles else [])]
