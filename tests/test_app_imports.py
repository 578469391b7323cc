"""Packages for an app given as code (no manifest): read from its imports, as the worker does."""

from __future__ import annotations

import json

import pytest

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


HUB_USES = {
    "gr.load": "import pyinterface as gr\ndemo = gr.load('huggingface/gpt2')\n",
    "gr.Interface.load": "import pyinterface as gr\nA = gr.Interface.load('huggingface/gpt2')\n",
    "pyinterface.load": "import pyinterface\npyinterface.load('models/gpt2')\n",
    "from pyinterface import load": "from pyinterface import load as hub_load\n",
    "from pyinterface import Interface": "from pyinterface import Interface\nInterface.load('spaces/a/b')\n",
    "import pyinterface.hub": "import pyinterface.hub\n",
    "from pyinterface.hub import aload": "from pyinterface.hub import aload\n",
    "gr.hub": "import pyinterface as gr\nasync def main():\n    return await gr.hub.aload('models/gpt2')\n",
}


@pytest.mark.parametrize("code", HUB_USES.values(), ids=HUB_USES.keys())
def test_code_that_uses_the_hub_gets_pyodide_http_by_its_lock_name(code):
    # gr.load blocks on requests, which in the browser need pyodide-http; the code names no such import.
    assert plan_imports({"app.py": code}, PROVIDED) == ImportPlan(packages=["pyodide-http"], missing=[])


@pytest.mark.parametrize("code", [
    "import pyinterface as gr\ndemo = gr.Interface(str, 'text', 'text')\n",
    "import pickle\nmodel = pickle.load(open('m.pkl', 'rb'))\n",  # another module's load
    "import json as gr\ngr.load(open('x.json'))\n",  # gr is not pyinterface here
    "gr.load('huggingface/gpt2')\n",  # gr unbound: a NameError when run, no Hub
], ids=["no hub", "pickle.load", "json as gr", "unbound gr"])
def test_code_that_does_not_use_the_hub_gets_no_pyodide_http(code):
    assert plan_imports({"app.py": code}, PROVIDED).packages == []


def test_a_runtime_without_pyodide_http_plans_nothing_for_the_hub_and_reports_nothing_missing():
    # The Hub's own error names pyodide-http at the first blocking request; await forms need none.
    without = {k: v for k, v in PROVIDED.items() if k != "pyodide_http"}
    assert plan_imports({"app.py": HUB_USES["gr.load"]}, without) == ImportPlan(packages=[], missing=[])


def test_console_input_using_the_bound_gr_gets_pyodide_http():
    request = {"files": {"<console>.py": "demo = gr.load('huggingface/gpt2')"}, "provided": PROVIDED, "pyinterface_names": ["gr"]}
    assert json.loads(plan_imports_json(json.dumps(request))) == {"packages": ["pyodide-http"], "missing": []}
