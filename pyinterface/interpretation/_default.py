"""The "default" method for one input: leave-one-out for tokens, neighbours for values.

Only the explained input changes; the other inputs keep their preprocessed original values
(Gradio 3 re-preprocessed every input for every call). Scores follow Gradio's signs: for
tokens ``original - perturbed`` (positive: the token supports the prediction), for
neighbours ``perturbed - original`` (positive: that value would raise it).
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from ._evaluate import Segment
from ._neighbours import SKIP, NeighbourInput
from ._scores import Scorer
from ._tokens import TokenInput

__all__ = ["DefaultJob"]


class DefaultJob:
    """Perturbations of input ``index`` and the payload their predictions give."""

    def __init__(self, index: int, explainer: TokenInput | NeighbourInput, originals: Sequence[Any]) -> None:
        self.index = index
        self.explainer = explainer
        self.originals = list(originals)
        if isinstance(explainer, TokenInput):
            self.runs: list[int] = list(range(explainer.count))
        else:
            self.runs = [i for i, value in enumerate(explainer.fn_values) if value is not SKIP]

    @property
    def segment(self) -> Segment:
        return Segment(len(self.runs), self._build)

    def _build(self, start: int, stop: int) -> list[list[Any]]:
        explainer = self.explainer
        if isinstance(explainer, TokenInput):
            values = explainer.perturbed(start, stop)
        else:
            values = [explainer.fn_values[i] for i in self.runs[start:stop]]
        rows = []
        for value in values:
            row = list(self.originals)
            row[self.index] = value
            rows.append(row)
        return rows

    def payload(self, predictions: Sequence[Any], scorer: Scorer) -> Any:
        differences = [_finite(scorer.difference(prediction)) for prediction in predictions]
        if isinstance(self.explainer, TokenInput):
            return self.explainer.payload(differences)
        scores: list[Any] = [None] * len(self.explainer.values)
        for position, difference in zip(self.runs, differences):
            scores[position] = -difference
        return self.explainer.payload(scores)


def _finite(score: int | float) -> int | float:
    # A NaN (e.g. from labels "nan") would make the payload invalid JSON for the page.
    return 0.0 if isinstance(score, float) and math.isnan(score) else score
