"""Packages for an app given as code (no manifest): read from its imports, as the worker does."""

from __future__ import annotations

import json

from pyinterface._app_imports import ImportPlan, plan_imports, plan_imports_json

PROVIDED = {"numpy": "numpy", "PIL": "pillow", "pyodide_http": "pyodide-http"}


def test_imports_the_runtime_provides_become_its_package_names():
    files = {"app.py": "import numpy as np\nfrom PIL import Image\nimport os.path\nimport pyinterface as gr\n"}
    assert plan_imports(files, PROVIDED) == ImportPlan(packages=["numpy", "pillow"], missing=[])


def test_an_import_nothing_provides_is_missing_and_named_once():
    files = {"app.py": "import no_such_lib\nfrom no_such_lib.linear_model import Ridge\nimport no_such_torch.nn\n"}
    assert plan_imports(files, PROVIDED) == ImportPlan(packages=[], missing=["no_such_lib", "no_such_torch"])


def test_the_apps_own_modules_and_packages_are_not_missing():
    files = {
        "app.py": "import utils\nfrom helpers.text import clean\nfrom . import sibling\n",
        "utils.py": "import numpy\n",  # its imports count too
        "helpers/text.py": "import re\n",
        "data.csv": "",
    }
    assert plan_imports(files, PROVIDED) == ImportPlan(packages=["numpy"], missing=[])


def test_imports_guarded_by_except_import_error_are_optional():
    files = {"app.py": "try:\n    import ujson as json\nexcept ImportError:\n    import json\nimport missing_for_real\n"}
    assert plan_imports(files, PROVIDED).missing == ["missing_for_real"]


def test_a_file_that_does_not_parse_is_left_to_report_its_own_syntax_error():
    assert plan_imports({"app.py": "def f(:\n"}, PROVIDED) == ImportPlan(packages=[], missing=[])


def test_the_json_form_is_what_worker_mjs_exchanges():
    request = {"files": {"app.py": "import PIL.Image\nimport nope\n"}, "provided": PROVIDED}
    assert json.loads(plan_imports_json(json.dumps(request))) == {"packages": ["pillow"], "missing": ["nope"]}
