"""``pyinterface demo``: build the built-in demo site from the checkout's ``examples/``.

The site is one exported folder per demo plus an index page linking to them::

    DIR/index.html                 from site/pages/demo-index.html
    DIR/gender_classifier/         pyinterface export examples/gender_classifier.py
    DIR/digits_classifier/         pyinterface export examples/digits_classifier.py

Each demo folder is a complete export, so any one of them can be copied and hosted alone.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

from .export import ExportError, export_app

__all__ = ["DEMOS", "build_demo_site", "examples_dir"]

#: The demos, in the order the index lists them: file stem in examples/ -> the files it ships
#: (examples/ holds every demo, and each page should download only its own).
DEMOS: dict[str, tuple[str, ...]] = {
    "gender_classifier": (),
    "digits_classifier": ("digits_features.py", "digits_weights.npz"),
}
_MARKER = "<!-- demos -->"
_REPO = Path(__file__).resolve().parent.parent


def examples_dir() -> Path:
    folder = _REPO / "examples"
    if not all((folder / f"{name}.py").is_file() for name in DEMOS):
        raise ExportError(
            f"the demos live in a source checkout's examples/ folder, which {folder} is not. Clone the "
            "repository and run ./scripts/demo there, or export an app of your own with `pyinterface export`."
        )
    return folder


def _summary(config: dict[str, object]) -> str:
    text = str(config.get("description") or "").strip().splitlines()
    return text[0].replace("**", "") if text else ""


def build_demo_site(out: Path) -> Path:
    """Export every demo under ``out`` and write the index page; return ``out``."""
    out = Path(out).resolve()
    examples = examples_dir()
    if out.is_dir() and any(out.iterdir()) and not (out / ".pyinterface-demo").is_file():
        raise ExportError(f"--out {out} is not empty and holds no earlier demo site; choose a new or empty folder.")
    out.mkdir(parents=True, exist_ok=True)
    (out / ".pyinterface-demo").write_text("written by `pyinterface demo`; rebuilt in place\n")
    items = []
    for name in DEMOS:
        print(f"Exporting examples/{name}.py ...", file=sys.stderr, flush=True)
        target = out / name
        if target.is_dir() and not (target / "app" / "manifest.json").is_file():
            shutil.rmtree(target)
        result = export_app(examples / f"{name}.py", target, include=(f"{name}.py", *DEMOS[name]))
        title = str(result.config.get("title") or name)
        items.append(
            f'    <li><a href="{name}/">{html.escape(title)}</a>'
            f"<p>{html.escape(_summary(result.config))}</p></li>"
        )
    template = (_REPO / "site" / "pages" / "demo-index.html").read_text(encoding="utf-8")
    (out / "index.html").write_text(template.replace(_MARKER, "\n".join(items)), encoding="utf-8")
    return out
