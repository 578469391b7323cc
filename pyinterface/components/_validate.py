"""Small checks and message helpers shared by the media components (Image, Audio).

Kept apart from :mod:`._codecs`, which is about formats, so each component module can use
them without either one importing the other.
"""

from __future__ import annotations

from typing import Any


def _check_choice(owner: str, parameter: str, value: Any, allowed: tuple[Any, ...]) -> None:
    """Raise a ValueError naming ``owner.parameter``, the value and the allowed ones."""
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{owner}: {parameter} must be one of {shown}, got {value!r}.")


def _sentence(exc: Exception) -> str:
    """A codec error's message as a sentence, to append to ``Component.invalid``'s text."""
    text = str(exc)
    return text[:1].upper() + text[1:] + "."
