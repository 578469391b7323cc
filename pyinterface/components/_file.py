"""The family base of components whose values are files (Image, Audio, File, Video)."""

from __future__ import annotations

import os
from typing import Any

from .base import Component

__all__ = ["FileComponent"]


class FileComponent(Component):
    """A component whose wire value is a data URL or a path to a file of the app.

    Subclasses provide ``decode(value)`` (raising the component's error for a file it cannot
    read) and ``postprocess``.
    """

    def decode(self, value: Any) -> Any:
        raise NotImplementedError

    def example_payload(self, value: Any) -> Any:
        """A path stays a path (checked now to exist and decode, so a bad example fails when the
        Interface is built); an in-memory value becomes a data URL."""
        if value is None:
            return None
        if isinstance(value, (str, os.PathLike)):
            self.decode(value)
            return os.fspath(value)
        return self.postprocess(value)
