"""The ``pyinterface`` command line, the static server and ``Interface.launch()`` under CPython."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import types
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

import pyinterface as gr
from pyinterface.tooling.cli import main
from pyinterface.tooling.serve import serve_app, serve_main_script, start_server

REPO = Path(__file__).resolve().parents[1]
APP = """
import pyinterface as gr

demo = gr.Interface(lambda name: "Hi " + name, gr.Textbox(label="name"), "text", title="Hi")

if __name__ == "__main__":
    demo.launch(server_port=0)
"""


def _get(url: str) -> tuple[int, Message, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.fixture
def served_folder(tmp_path: Path) -> Iterator[str]:
    for name, data in {"index.html": "<p>hi</p>", "a.mjs": "export {}", "b.wasm": "\0asm", "c.json": "{}",
                       "p/x.whl": "PK"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(data)
    with start_server(tmp_path, port=0).start() as server:
        yield server.url


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("export", "serve", "demo"))


def test_python_dash_m_runs_the_same_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "pyinterface", "export", "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "--requirements" in proc.stdout and "--out" in proc.stdout


def test_export_takes_several_apps_and_says_include_adds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "APP [APP ...]" in out and "--allow-secrets" in out
    assert "also ship the app folder's files matching this glob" in out


def test_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "app.py", "--port", "http"])
    assert exit_info.value.code == 2
    assert "expected a port number 0-65535" in capsys.readouterr().err


# --------------------------------------------------------------------------- the static server


@pytest.mark.parametrize(
    ("path", "mime"),
    [("a.mjs", "text/javascript"), ("b.wasm", "application/wasm"), ("c.json", "application/json"),
     ("p/x.whl", "application/zip"), ("", "text/html; charset=utf-8")],
)
def test_server_sends_the_mime_types_pyodide_needs(served_folder: str, path: str, mime: str) -> None:
    status, headers, _ = _get(served_folder + path)
    assert status == 200
    assert headers["Content-Type"] == mime
    assert headers["Cache-Control"] == "no-cache"


def test_server_binds_loopback_by_default(served_folder: str) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", served_folder)


def test_taken_port_is_named_with_the_fix(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=f"port {port} on 127.0.0.1 is in use: pass another --port"):
            start_server(tmp_path, port=port)


def test_default_port_moves_on_when_7860_is_taken(tmp_path: Path) -> None:
    try:
        first = start_server(tmp_path)
    except OSError:
        pytest.skip("ports 7860-7959 are busy on this machine")
    with first, start_server(tmp_path) as second:
        assert first.url != second.url


# --------------------------------------------------------------------------- launch() under CPython


def test_launch_outside_a_file_says_to_save_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))  # like a REPL: no __file__
    demo = gr.Interface(lambda s: s, "text", "text")
    with pytest.raises(RuntimeError, match=r"Save the app to a file, e\.g\. app\.py, and run `pyinterface serve app\.py`"):
        demo.launch()


def test_launch_share_warns_and_suggests_export(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    demo = gr.Interface(lambda s: s, "text", "text")
    with pytest.warns(UserWarning, match="pyinterface export"), pytest.raises(RuntimeError):
        demo.launch(share=True)


def test_launch_rejects_unknown_arguments() -> None:
    with pytest.raises(TypeError, match="server_prot"):
        serve_main_script(gr.Interface(lambda s: s, "text", "text"), server_prot=8000)


def test_launch_without_thread_lock_returns_the_running_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP))
    main_module = types.ModuleType("__main__")
    main_module.__file__ = str(app)
    monkeypatch.setitem(sys.modules, "__main__", main_module)
    demo = gr.Interface(lambda name: "Hi " + name, gr.Textbox(label="name"), "text", title="Hi")
    server = demo.launch(prevent_thread_lock=True, server_port=0, server_name="127.0.0.1")
    try:
        status, _, body = _get(server.url)
        assert status == 200 and b"<title>Hi</title>" in body
        exported = server.root
        assert (exported / "app" / "app.py").read_text() == app.read_text()
    finally:
        server.close()
    assert not exported.exists(), "closing the server removes the temporary export"


def _start(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        match = re.search(r"Running on local URL:\s+(http://\S+)", line)
        if match:
            return proc, match.group(1)
    proc.wait(timeout=10)
    raise AssertionError(f"no URL printed; exit {proc.returncode}; stderr:\n{proc.stderr.read() if proc.stderr else ''}")


def _stop(proc: subprocess.Popen[str], signum: int = signal.SIGINT) -> tuple[int, str]:
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return proc.returncode, err


@pytest.mark.parametrize(("how", "signum"), [("python app.py", signal.SIGINT), ("pyinterface serve", signal.SIGTERM)])
def test_serving_exports_to_a_temporary_folder_and_stops_cleanly(tmp_path: Path, how: str, signum: int) -> None:
    (tmp_path / "app.py").write_text(textwrap.dedent(APP))
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO)}
    command = ["app.py"] if how == "python app.py" else ["-m", "pyinterface", "serve", "app.py", "--port", "0"]
    proc, url = _start([sys.executable, *command], tmp_path, env)
    try:
        status, _, body = _get(url)
        assert status == 200 and b'<pyinterface-app src="app/manifest.json" standalone>' in body and b"<title>Hi</title>" in body
        _, _, manifest = _get(url + "app/manifest.json")
        assert b'"entry": "app.py"' in manifest
        assert [p.name for p in temp.glob("pyinterface-serve-*/site/index.html")], "served from a temporary export"
    finally:
        code, err = _stop(proc, signum)
    assert code == 0, err
    assert "Stopped." in err
    assert not list(temp.glob("pyinterface-serve-*")), "the temporary export is removed on exit"
    with pytest.raises(OSError):
        _get(url)


def test_demo_builds_the_site_and_serves_it(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = tmp_path / "demo-site"
    proc, url = _start([sys.executable, "-m", "pyinterface", "demo", "--port", "0", "--out", str(out)], REPO, env)
    try:
        _, _, index = _get(url)
        assert b'href="gender_classifier/"' in index and b'href="digits_classifier/"' in index
        for demo in ("gender_classifier", "digits_classifier"):
            status, _, page = _get(f"{url}{demo}/")
            assert status == 200 and b"<pyinterface-app" in page
        _, _, manifest = _get(url + "digits_classifier/app/manifest.json")
        assert b'"digits_weights.npz"' in manifest and b"gender_classifier.py" not in manifest
    finally:
        code, err = _stop(proc)
    assert code == 0, err
    assert (out / "index.html").is_file(), "--out keeps the site after the server stops"


def test_serve_passes_the_hub_endpoints_into_the_page(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP))
    server = serve_app(app, port=0, block=False, hf_endpoint="http://127.0.0.1:9/hub",
                       hf_inference_endpoint="http://127.0.0.1:9/inference")
    try:
        status, _, body = _get(server.url + "app/manifest.json")
        assert status == 200
        assert json.loads(body)["hub"] == {"endpoint": "http://127.0.0.1:9/hub",
                                           "inference_endpoint": "http://127.0.0.1:9/inference"}
    finally:
        server.close()


def test_launch_gives_the_page_the_hub_of_the_environment_and_never_the_token(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`HF_ENDPOINT=... python app.py`: the page loads through the same Hub as the script did."""
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP))
    main_module = types.ModuleType("__main__")
    main_module.__file__ = str(app)
    monkeypatch.setitem(sys.modules, "__main__", main_module)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9/mirror/")
    monkeypatch.setenv("HF_INFERENCE_ENDPOINT", "http://127.0.0.1:9/inference")
    monkeypatch.setenv("HF_TOKEN", "hf_launch_environment_token")
    demo = gr.Interface(lambda name: "Hi " + name, gr.Textbox(label="name"), "text")
    server = demo.launch(prevent_thread_lock=True, server_port=0, server_name="127.0.0.1")
    try:
        _, _, body = _get(server.url + "app/manifest.json")
        assert json.loads(body)["hub"] == {"endpoint": "http://127.0.0.1:9/mirror",
                                           "inference_endpoint": "http://127.0.0.1:9/inference"}
        leaks = [p for p in server.root.rglob("*") if p.is_file() and b"hf_launch_environment_token" in p.read_bytes()]
        assert not leaks
    finally:
        server.close()


def test_hub_flags_win_over_the_environment_and_a_bad_variable_is_named() -> None:
    from pyinterface.tooling.export import ExportError, hub_settings

    environ = {"HF_ENDPOINT": "https://hub.example", "HF_INFERENCE_ENDPOINT": " ", "HF_TOKEN": "hf_x"}
    assert hub_settings(None, None, environ) == {"endpoint": "https://hub.example"}
    assert hub_settings("https://flag.example/", None, environ) == {"endpoint": "https://flag.example"}
    assert hub_settings(None, None, {}) == {}
    with pytest.raises(ExportError) as raised:
        hub_settings(None, None, {"HF_ENDPOINT": "hub.example"})
    assert str(raised.value) == (
        "HF_ENDPOINT (from the environment) must be an http(s) URL such as 'https://huggingface.co', got "
        "'hub.example'. Fix it, or unset HF_ENDPOINT to use https://huggingface.co, or give --hf-endpoint."
    )


def test_serve_and_export_take_the_same_hub_flags(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "serve"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--hf-inference-endpoint" in capsys.readouterr().out
