"""The export's run of an app is time-limited (``--timeout``), and overrunning names the line.

Every way an app is run at export time goes through ``export_site`` → ``scan_app``: a folder, a
multi-app site (with its playground), ``--single-file`` and ``serve``; each is checked here with
an app that never finishes, under a short limit.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from pyinterface.tooling import _appscan
from pyinterface.tooling._appscan import AppError, scan_app
from pyinterface.tooling._singlefile import export_single_file
from pyinterface.tooling.export import export_app, export_site
from pyinterface.tooling.serve import serve_app

from .test_export import TEXT_APP, run_cli, write_app

LOOP_APP = """
import pyinterface as gr

def warm_up():
    total = 0
    while True:
        total += 1

warm_up()
demo = gr.Interface(str.upper, "text", "text")
"""

#: Where LOOP_APP is stopped: the loop's body, or its ``while`` line (both are on the stack's top at times).
IN_THE_LOOP = r"{name}\.py:(7 \(`total \+= 1`\)|6 \(`while True:`\))"
#: Short, but long enough for the child to reach the app's stuck line on a loaded machine (the
#: limit also covers the child's start-up, so a tighter one could stop it on an earlier line).
LIMIT = 5

SLEEP_APP = """
import time
import pyinterface as gr

time.sleep(600)
demo = gr.Interface(str.upper, "text", "text")
"""


def test_cli_stops_a_looping_app_and_names_its_line(tmp_path: Path) -> None:
    app = write_app(tmp_path, LOOP_APP, name="looping.py")
    started = time.monotonic()
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"), "--timeout", str(LIMIT))
    elapsed = time.monotonic() - started
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert re.match(
        rf"error: cannot export looping\.py: it did not finish importing and building its Interface within {LIMIT} s; "
        rf"it was at {IN_THE_LOOP.format(name='looping')}\. ", last
    ), last
    assert "--timeout SECONDS" in last and "Traceback" not in proc.stderr
    assert elapsed < 30, elapsed
    assert not (tmp_path / "out").exists()


def test_sleeping_app_is_stopped_at_its_sleep(tmp_path: Path) -> None:
    app = write_app(tmp_path, SLEEP_APP)
    started = time.monotonic()
    with pytest.raises(AppError, match=re.escape(f"within {LIMIT} s; it was at app.py:5 (`time.sleep(600)`)")):
        export_app(app, tmp_path / "out", timeout=LIMIT)
    assert time.monotonic() - started < 30


def test_a_stuck_helper_module_names_the_apps_own_line_and_the_inner_one(tmp_path: Path) -> None:
    write_app(tmp_path, "import time\n\ndef load():\n    time.sleep(600)\n", name="model.py")
    app = write_app(tmp_path, "import model\nimport pyinterface as gr\nweights = model.load()\n")
    with pytest.raises(AppError) as info:
        scan_app(app, timeout=LIMIT)
    assert "it was at model.py:4 (`time.sleep(600)`)" in str(info.value)


def test_app_within_the_limit_exports(tmp_path: Path) -> None:
    app = write_app(tmp_path, "import time\ntime.sleep(0.2)\n" + TEXT_APP)
    assert scan_app(app, timeout=20).config["title"] == "Greeter <3"


def test_the_parent_kills_a_child_whose_watchdog_was_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = write_app(tmp_path, "import faulthandler, time\nfaulthandler.cancel_dump_traceback_later()\ntime.sleep(600)\n")
    monkeypatch.setattr(_appscan, "PARENT_GRACE", 1.0)
    started = time.monotonic()
    with pytest.raises(AppError, match=rf"app\.py: it did not finish .* within {LIMIT} s\. .*--timeout"):
        scan_app(app, timeout=LIMIT)
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "soon"])
def test_a_bad_limit_is_refused(tmp_path: Path, bad: object) -> None:
    app = write_app(tmp_path, TEXT_APP)
    with pytest.raises(AppError, match="positive number of seconds"):
        scan_app(app, timeout=bad)  # type: ignore[arg-type]


def test_cli_refuses_a_bad_limit(tmp_path: Path) -> None:
    proc = run_cli("export", str(write_app(tmp_path, TEXT_APP)), "--out", str(tmp_path / "out"), "--timeout", "0")
    assert proc.returncode == 2 and "--timeout: expected a positive number of seconds" in proc.stderr


# --------------------------------------------------------------------------- every other way an app runs at export


def test_site_of_several_apps_uses_the_limit(tmp_path: Path) -> None:
    good = write_app(tmp_path / "a", TEXT_APP, name="good.py")
    stuck = write_app(tmp_path / "b", LOOP_APP, name="stuck.py")
    with pytest.raises(AppError, match=rf"stuck\.py: it did not finish .* within {LIMIT} s; it was at {IN_THE_LOOP.format(name='stuck')}"):
        export_site([good, stuck], tmp_path / "out", timeout=LIMIT, playground=True)
    assert not (tmp_path / "out").exists()


def test_single_file_export_uses_the_limit(tmp_path: Path) -> None:
    app = write_app(tmp_path, SLEEP_APP)
    with pytest.raises(AppError, match=rf"within {LIMIT} s; it was at app\.py:5"):
        export_single_file(app, tmp_path / "app.html", timeout=LIMIT)
    assert not (tmp_path / "app.html").exists()


def test_serve_uses_the_limit(tmp_path: Path) -> None:
    app = write_app(tmp_path, LOOP_APP)
    with pytest.raises(AppError, match=rf"within {LIMIT} s; it was at {IN_THE_LOOP.format(name='app')}"):
        serve_app(app, port=0, block=False, timeout=LIMIT)
