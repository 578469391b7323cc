"""Refusing to publish likely secrets: an export is a public folder every visitor downloads.

Two signs, both cheap and with few false alarms: a file name that conventionally holds a
secret, and a Hugging Face token (``hf_`` and 30+ letters or digits) anywhere in a shipped
file, the app's source included. ``--allow-secrets`` overrides both, for a file that only
looks like one.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ._exporterror import ExportError

__all__ = ["SECRET_NAMES", "check_config_has_no_token", "check_no_secrets"]

#: File names (matched case-insensitively) that conventionally hold credentials.
SECRET_NAMES = (".env", ".env.*", "*.env", "*.pem", "id_rsa*", "credentials*.json")
_HF_TOKEN = re.compile(rb"hf_[A-Za-z0-9]{30,}")
_HOW = "pass --allow-secrets to publish it anyway"
_TOKEN_FOUND = (
    "holds what looks like a Hugging Face token (hf_...), which every visitor of the exported page could read. "
    "Remove it: read the token from the HF_TOKEN environment variable instead (visitors paste their own into "
    f"the page), or, if it is not a real token, {_HOW}."
)


def check_no_secrets(root: Path, files: Iterable[str]) -> None:
    """Raise :class:`~pyinterface.tooling.export.ExportError` for the first shipped file that looks secret.

    ``files`` are posix paths relative to ``root``. The message names the file (and the line of
    a token) and how to proceed.
    """
    for name in files:
        pattern = _secret_name(name)
        if pattern is not None:
            raise ExportError(
                f"refusing to publish {name}: a file named like {pattern!r} usually holds secrets, and every "
                f"visitor of the exported page can download it. Stop the app from reading it while it is "
                f"exported (or drop it from --include), or, if it holds nothing secret, {_HOW}."
            )
        line = _token_line((root / name).read_bytes())
        if line is not None:
            raise ExportError(f"refusing to publish {name}: line {line} {_TOKEN_FOUND}")


def check_config_has_no_token(config: object, app: str) -> None:
    """The config the manifest carries is published too: a token the app put into its title,
    description or CSS at export time (from an environment variable, say) is refused as well."""
    import json

    if _token_line(json.dumps(config).encode()) is not None:
        raise ExportError(f"refusing to publish the Interface {app} builds: its config {_TOKEN_FOUND}")


def _secret_name(name: str) -> str | None:
    base = PurePosixPath(name).name.lower()
    return next((pattern for pattern in SECRET_NAMES if fnmatch.fnmatchcase(base, pattern)), None)


def _token_line(data: bytes) -> int | None:
    match = _HF_TOKEN.search(data)
    return None if match is None else data.count(b"\n", 0, match.start()) + 1
