"""Reading ``examples=`` in each form Gradio 3 accepts, and checking each sample fits the inputs."""

from __future__ import annotations

import csv
import os
import warnings
from pathlib import Path
from typing import Any, Sequence

from .components.base import Component
from .errors import ConfigurationError

__all__ = ["cache_examples_setting", "normalize_examples", "example_payloads"]


def normalize_examples(examples: Any, inputs: Sequence[Component]) -> list[list[Any]]:
    """Return one row per sample with one value per input (values as the user wrote them).

    Accepted, as in Gradio 3: a nested list; a flat list when there is one input; a directory
    (every file is a sample for one input, or a ``log.csv`` whose header is skipped and whose
    first N columns are the N inputs' values).
    """
    if examples is None:
        return []
    if not inputs:
        raise ConfigurationError("examples: this Interface has no inputs, so it cannot have examples.")
    if isinstance(examples, (str, os.PathLike)):
        return _examples_from_directory(Path(examples), len(inputs))
    if not isinstance(examples, (list, tuple)):
        raise ConfigurationError(
            f"examples must be a list of samples or a directory path, got {examples!r} ({type(examples).__name__})."
        )
    rows: list[list[Any]] = []
    for index, sample in enumerate(examples):
        if isinstance(sample, (list, tuple)):
            row = list(sample)
        elif len(inputs) == 1:
            row = [sample]  # a flat list is allowed when there is one input
        else:
            raise ConfigurationError(
                f"examples[{index}] is {sample!r}, but this Interface has {len(inputs)} inputs: "
                f"give each example as a list of {len(inputs)} values."
            )
        if len(row) != len(inputs):
            names = ", ".join(c.name for c in inputs)
            raise ConfigurationError(
                f"examples[{index}] has {len(row)} value(s) but the Interface has {len(inputs)} input(s) "
                f"({names}); give one value per input, in order."
            )
        rows.append(row)
    return rows


def _examples_from_directory(directory: Path, n_inputs: int) -> list[list[Any]]:
    if not directory.is_dir():
        raise ConfigurationError(
            f"examples: {str(directory)!r} is neither a list of samples nor an existing directory."
        )
    log = directory / "log.csv"
    if n_inputs == 1 and not log.exists():
        return [[str(path)] for path in sorted(directory.iterdir()) if path.is_file() and not path.name.startswith(".")]
    if not log.exists():
        raise ConfigurationError(
            f"examples: directory {str(directory)!r} needs a log.csv with one column per input "
            f"({n_inputs} inputs) and a header row."
        )
    with log.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    samples = []
    for number, row in enumerate(rows, start=2):
        if len(row) < n_inputs:
            raise ConfigurationError(
                f"examples: {log} line {number} has {len(row)} column(s) but the Interface has {n_inputs} inputs."
            )
        values: list[Any] = []
        for cell in row[:n_inputs]:
            candidate = directory / cell
            values.append(str(candidate) if cell and candidate.is_file() else cell)
        samples.append(values)
    return samples


def example_payloads(rows: list[list[Any]], inputs: Sequence[Component]) -> list[list[Any]]:
    """Check every sample against its component and return the wire values for the config."""
    payloads = []
    for index, row in enumerate(rows):
        converted = []
        for component, value in zip(inputs, row):
            try:
                converted.append(component.example_payload(value))
            except (TypeError, ValueError) as exc:
                raise ConfigurationError(f"examples[{index}]: {exc}") from exc
        payloads.append(converted)
    return payloads


def cache_examples_setting(cache_examples: Any, components: Sequence[Component]) -> bool:
    """``cache_examples=`` as the Interface keeps it: off with State, as in Gradio 3 (a cached
    output would skip the State's update), with Gradio's warning.

    Caching itself happens at export (pyinterface.tooling._cache_examples) or, for an app not
    exported, in the page on each example's first click (site/cached-examples.mjs)."""
    if cache_examples and any(component.stateful for component in components):
        warnings.warn(
            "Cache examples cannot be used with state inputs and outputs. Setting cache_examples to False.",
            UserWarning,
            stacklevel=3,
        )
        return False
    return bool(cache_examples)
