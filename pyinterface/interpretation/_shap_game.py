"""The "shap" method: one cooperative game over the tokens of every "shap" input.

Gradio 3 explained each input separately with the other inputs frozen (issue #1657). Here the
players are all the tokens of all inputs whose method is "shap", so a word and a superpixel
compete for the same prediction and their scores are comparable; each input still gets its
own payload. The budget is Gradio's: ``int(num_shap × number of tokens)`` coalitions, plus the
empty coalition (the full one is the original input, already evaluated).
"""

from __future__ import annotations

from typing import Any, Sequence

from . import _shap
from ._evaluate import Segment
from ._scores import Scorer
from ._tokens import TokenInput

__all__ = ["ShapJob"]


class ShapJob:
    """Coalitions over the tokens of ``explainers`` (input index -> tokens) and their payloads."""

    def __init__(self, explainers: dict[int, TokenInput], originals: Sequence[Any], num_shap: float) -> None:
        import numpy as np

        self.explainers = explainers
        self.originals = list(originals)
        self.offsets: dict[int, tuple[int, int]] = {}
        start = 0
        for index, explainer in explainers.items():
            self.offsets[index] = (start, start + explainer.n_tokens)
            start += explainer.n_tokens
        self.n_players = start
        self.plan = _shap.plan(self.n_players, int(num_shap * self.n_players))
        # The coalitions to run: the plan's, then the empty one.
        self.coalitions = np.vstack([self.plan.masks, np.zeros((1, self.n_players), dtype=bool)])

    @property
    def segment(self) -> Segment:
        return Segment(len(self.coalitions), self._build)

    def _build(self, start: int, stop: int) -> list[list[Any]]:
        present = self.coalitions[start:stop]
        rows = [list(self.originals) for _ in range(len(present))]
        for index, explainer in self.explainers.items():
            low, high = self.offsets[index]
            for row, value in zip(rows, explainer.masked(present[:, low:high])):
                row[index] = value
        return rows

    def payloads(self, predictions: Sequence[Any], scorer: Scorer, original: Any) -> dict[int, Any]:
        import numpy as np

        values = np.array([scorer.value(prediction) for prediction in predictions], dtype=np.float64)
        shapley = _shap.solve(self.plan, values[:-1], values[-1], scorer.value(original))
        return {
            index: explainer.payload(shapley[slice(*self.offsets[index])].tolist())
            for index, explainer in self.explainers.items()
        }

