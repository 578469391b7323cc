"""``pyinterface demo``: build the built-in demo site from the checkout's ``examples/``.

The site is one export of every demo, sharing one runtime (``export_site``)::

    DIR/index.html                 from site/pages/site-index.html
    DIR/pyinterface.js, DIR/pyinterface/, DIR/pyodide/   shared by the demos
    DIR/gender_classifier/         examples/gender_classifier.py
    DIR/digits_classifier/         examples/digits_classifier.py (its module and weights ship
                                   because the app imports and reads them)
    DIR/playground/                the playground (an editor and a console), linked from the index;
                                   its Examples menu lists the demos
"""

from __future__ import annotations

import sys
from pathlib import Path

from .export import ExportError, export_site

__all__ = ["DEMOS", "build_demo_site", "examples_dir"]

#: The demos, in the order the index lists them (file stems in examples/). Each ships what it
#: uses; examples/ holds every demo, and each page downloads only its own files.
DEMOS: tuple[str, ...] = ("gender_classifier", "digits_classifier")
_TITLE = "pyinterface demos"
_LEAD = (
    "Gradio-style apps whose Python runs in your browser, on Pyodide. "
    "This site is static files only: no server runs any code."
)
_REPO = Path(__file__).resolve().parents[2]
#: The export time limit for the demos: from a fresh checkout the digits demo trains its weights
#: while it is exported (build/train_digits.py, ~10 s of CPU but over 60 s on a loaded machine).
_DEMO_TIMEOUT = 600.0


def examples_dir() -> Path:
    folder = _REPO / "examples"
    if not all((folder / f"{name}.py").is_file() for name in DEMOS):
        raise ExportError(
            f"the demos live in a source checkout's examples/ folder, which {folder} is not. Clone the "
            "repository and run ./scripts/demo there, or export an app of your own with `pyinterface export`."
        )
    return folder


def build_demo_site(out: Path) -> Path:
    """Export every demo to the site ``out`` and return ``out``."""
    examples = examples_dir()
    print(f"Exporting {', '.join(f'examples/{name}.py' for name in DEMOS)} ...", file=sys.stderr, flush=True)
    export_site([examples / f"{name}.py" for name in DEMOS], out, title=_TITLE, lead=_LEAD, playground=True,
                timeout=_DEMO_TIMEOUT)
    return Path(out).resolve()
