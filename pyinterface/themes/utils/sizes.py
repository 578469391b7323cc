"""The size scales of ``gr.themes.sizes`` (``text_size="sm"``, ``radius_size=sizes.radius_none`` …).

The table is Gradio 3.50.2's (gradio/themes/utils/sizes.py, Apache-2.0, copyright the Gradio
authors), carried over as data. Each scale runs from ``xxs`` to ``xxl``; a theme's ``*text_md``,
``*spacing_xl`` and ``*radius_lg`` references name its steps.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["Size"]


class Size:
    """Seven steps of one measure. Making one registers it, so ``text_size="sm"`` finds
    ``text_sm`` by its ``name``, as in Gradio."""

    #: Every scale made so far, the built-in ones first (Gradio's ``Size.all``).
    all: ClassVar[list[Size]] = []

    def __init__(
        self, xxs: str, xs: str, sm: str, md: str, lg: str, xl: str, xxl: str, name: str | None = None
    ) -> None:
        self.xxs = xxs
        self.xs = xs
        self.sm = sm
        self.md = md
        self.lg = lg
        self.xl = xl
        self.xxl = xxl
        self.name = name
        Size.all.append(self)

    def expand(self) -> list[str]:
        """The seven steps, smallest first."""
        return [self.xxs, self.xs, self.sm, self.md, self.lg, self.xl, self.xxl]

    def __repr__(self) -> str:
        return f"Size(name={self.name!r}, md={self.md!r})"


# fmt: off
radius_none = Size("0px", "0px", "0px", "0px", "0px", "0px", "0px", name="radius_none")
radius_sm = Size("1px", "1px", "2px", "4px", "6px", "8px", "12px", name="radius_sm")
radius_md = Size("1px", "2px", "4px", "6px", "8px", "12px", "22px", name="radius_md")
radius_lg = Size("2px", "4px", "6px", "8px", "12px", "16px", "24px", name="radius_lg")
spacing_sm = Size("1px", "1px", "2px", "4px", "6px", "9px", "12px", name="spacing_sm")
spacing_md = Size("1px", "2px", "4px", "6px", "8px", "10px", "16px", name="spacing_md")
spacing_lg = Size("2px", "4px", "6px", "8px", "10px", "14px", "28px", name="spacing_lg")
text_sm = Size("8px", "9px", "11px", "13px", "16px", "20px", "24px", name="text_sm")
text_md = Size("9px", "10px", "12px", "14px", "16px", "22px", "26px", name="text_md")
text_lg = Size("10px", "12px", "14px", "16px", "20px", "24px", "28px", name="text_lg")
# fmt: on
