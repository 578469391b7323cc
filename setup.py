"""Packaging hook: the wheel carries the JS bridge (``site/``) as ``pyinterface/tooling/_site``.

Everything else is in pyproject.toml. ``pyinterface export`` needs the bridge; a checkout has it
in ``site/``, and this puts the same files in the wheel so ``pip install pyinterface-app`` can
export too. The npm libraries (``site/vendor``) are not shipped: export vendors them at pinned
versions into the user cache on first use, as it does the Pyodide runtime.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SITE = Path(__file__).resolve().parent / "site"


class BuildPyWithSite(build_py):
    def run(self) -> None:
        super().run()
        dest = Path(self.build_lib) / "pyinterface" / "tooling" / "_site"
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(SITE, dest, ignore=shutil.ignore_patterns("test", "vendor", "node_modules", ".*"))


# build/ holds our build scripts; keep setuptools' scratch files out of it.
setup(cmdclass={"build_py": BuildPyWithSite}, options={"build": {"build_base": "build/.setuptools"}})
