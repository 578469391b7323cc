"""``python -m pyinterface``: the same command line as the ``pyinterface`` script."""

from __future__ import annotations

from .tooling.cli import main

raise SystemExit(main())
