"""An image interpretation's map: Gradio 3's H×W list of floats, which also prints its own JSON.

Every pixel of a superpixel carries that superpixel's score, so a 64×64 map holds 4,096 floats
but only a few dozen distinct ones. ``json.dumps`` prints each float on its own (in the page,
~6 ms for 64×64, a sixth of the whole interpretation); :attr:`HeatMap.json_text` prints each
distinct score once and repeats the text. The page's worker writes that text into the reply
(:func:`pyinterface._protocol.encode`), so the wire value is the very JSON json.dumps would give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["HeatMap"]


class HeatMap(list):
    """``scores[tokens]`` as a list of rows of Python floats; :attr:`json_text` is its JSON
    text (compact separators, as the protocol prints messages). Treat it as read-only: the
    text is made from the scores, not from the list, so an edited list prints as it was built.
    """

    __slots__ = ("_scores", "_tokens")

    def __init__(self, scores: np.ndarray, tokens: np.ndarray) -> None:
        """``scores``: one float per token; ``tokens``: (H, W) int array of each pixel's token."""
        super().__init__(scores[tokens].tolist())
        self._scores = scores
        self._tokens = tokens

    @property
    def json_text(self) -> str | None:
        """``json.dumps(self, separators=(",", ":"))``, or None when a score is not finite
        (the protocol then prints the list itself, and reports what JSON cannot hold)."""
        import numpy as np

        if not np.isfinite(self._scores).all():
            return None
        # json.dumps prints a float as float.__repr__ does; each pixel then gets its token's text.
        texts = np.array([repr(score) for score in self._scores.tolist()], dtype=object)
        rows = [",".join(row) for row in texts[self._tokens].tolist()]
        return "[[" + "],[".join(rows) + "]]" if rows else "[]"
