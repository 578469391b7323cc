"""The files an app's config refers to, and the config rewritten to name them as the export ships them.

Two kinds: ``file=`` assets in the CSS (see :mod:`pyinterface.tooling._cssfiles`) and example files
(an Image or Audio example given as a path, or found in an examples directory). Both may be
written relative to the app's folder or as absolute paths inside it; in the export they become
paths relative to the folder, so no local path reaches the page and the page finds each file
next to the manifest. A reference outside the folder fails the export here, not on the page.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._cssfiles import rewrite_file_urls
from ._exporterror import ExportError
from ._paths import resolve_reference

__all__ = ["ConfigFiles", "check_no_local_paths", "config_files"]

#: Component types whose examples may be file paths (other values are data URLs or URLs).
_FILE_TYPES = frozenset({"image", "audio", "video", "file", "model3d"})


@dataclass(frozen=True)
class ConfigFiles:
    #: The config with its css and example paths rewritten as the export ships them.
    config: dict[str, Any]
    #: The files they name, relative to the app's folder.
    files: tuple[str, ...]


def config_files(config: dict[str, Any], root: Path) -> ConfigFiles:
    """Check and rewrite the files ``config`` refers to (``root``: the app's resolved folder)."""
    config = copy.deepcopy(config)
    files: set[str] = set()
    if isinstance(config.get("css"), str):
        config["css"], assets = rewrite_file_urls(config["css"], root)
        files.update(assets)
    for sample, column, label in _example_paths(config):
        sample[column] = resolve_reference(root, sample[column], f"the example {label}")
        files.add(sample[column])
    return ConfigFiles(config=config, files=tuple(sorted(files)))


def _example_paths(config: dict[str, Any]) -> Iterator[tuple[list[Any], int, str]]:
    """(list, index, a label for errors) for every example value that is a file path: the list is
    the sample, or the sample's list of paths for a multiple-file example."""
    examples = config.get("examples") or {}
    types = {c.get("id"): (c.get("type"), (c.get("props") or {}).get("label")) for c in config.get("components", [])}
    for number, sample in enumerate(examples.get("samples", ()), start=1):
        for column, component_id in enumerate(examples.get("inputs", ())):
            kind, name = types.get(component_id, (None, None))
            if kind not in _FILE_TYPES or column >= len(sample):
                continue
            label = f"#{number} for {name or kind!r}"
            value = sample[column]
            # A File(file_count="multiple") example is a list of paths: each one is checked and shipped.
            holder, places = (value, range(len(value))) if isinstance(value, list) else (sample, [column])
            for place in places:
                if _is_local_path(holder[place]):
                    yield holder, place, label


def _is_local_path(value: Any) -> bool:
    return isinstance(value, str) and not value.startswith(("data:", "http:", "https:"))


def check_no_local_paths(value: Any, root: Path, where: str = "config") -> None:
    """Raise if any string in ``value`` still holds the app folder's absolute path: a page must
    never carry the exporting machine's paths (they leak a user name and never resolve)."""
    if isinstance(value, str):
        if str(root) in value and root != Path(root.anchor):  # an app at / would match every path
            raise ExportError(
                f"the app's {where} holds the local path {str(root)!r}, which would be published and would not "
                "work on the page. Refer to files by paths relative to the app's folder."
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            check_no_local_paths(item, root, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_no_local_paths(item, root, f"{where}[{index}]")
