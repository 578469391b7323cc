"""Lets ``python -m pyinterface.tooling.runtime [--cache-dir DIR]`` run :func:`main`."""

from __future__ import annotations

from ._cli import main

raise SystemExit(main())
