"""``pyinterface export --offline``: the service worker's manifest, the pages' registration, and
nothing at all without the flag. The browser side is tests/e2e/test_offline.py."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pyinterface.tooling._offline import offline_manifest, write_offline
from pyinterface.tooling.export import ExportError
from tests.test_export import REPO, TEXT_APP, run_cli, write_app

OTHER_APP = """
import pyinterface as gr
demo = gr.Interface(lambda s: s[::-1], "text", "text", title="Reverse")
"""


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("apps")
    return write_app(root / "one", TEXT_APP, name="greeter.py"), write_app(root / "two", OTHER_APP, name="reverse.py")


@pytest.fixture(scope="module")
def offline_site(apps: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "site"
    proc = run_cli("export", *map(str, apps), "--out", str(out), "--offline")
    assert proc.returncode == 0, proc.stderr
    assert "Offline: service-worker.js caches the whole export" in proc.stdout
    return out


def service_worker_manifest(site: Path) -> dict:
    text = (site / "service-worker.js").read_text(encoding="utf-8")
    match = re.search(r"^const OFFLINE = (\{.*\});$", text, re.MULTILINE)
    assert match, "the service worker carries its manifest as one line of JSON"
    return json.loads(match.group(1))


def test_without_offline_there_is_no_service_worker_and_no_registration(apps: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = run_cli("export", str(apps[0]), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert not (out / "service-worker.js").exists() and not (out / "pyinterface" / "offline.mjs").exists()
    assert "offline.mjs" not in (out / "index.html").read_text(encoding="utf-8")
    assert "Offline:" not in proc.stdout


def test_the_loader_that_other_sites_embed_never_registers_a_service_worker() -> None:
    registering = [p.name for p in (REPO / "site").rglob("*.*js") if "serviceWorker" in p.read_text(encoding="utf-8")]
    assert registering == ["offline.mjs"]


@pytest.mark.parametrize("page", ["index.html", "greeter/index.html", "reverse/index.html"])
def test_every_page_of_the_site_registers_the_one_service_worker_at_its_root(offline_site: Path, page: str) -> None:
    text = (offline_site / page).read_text(encoding="utf-8")
    (src,) = re.findall(r'<script type="module" src="([^"]*offline\.mjs)"></script>', text)
    assert text.index(src) < text.index("</head>")
    module = (offline_site / page).parent / src
    assert module.resolve() == (offline_site / "pyinterface" / "offline.mjs").resolve() and module.is_file()
    # offline.mjs finds the root (and so service-worker.js and the scope) from its own URL.
    assert 'new URL("../", import.meta.url)' in module.read_text(encoding="utf-8")


def test_the_manifest_lists_every_file_the_pages_may_fetch_with_its_sha256(offline_site: Path) -> None:
    manifest = service_worker_manifest(offline_site)
    listed = {path: (sha256, size) for path, sha256, size in manifest["files"]}
    on_disk = {p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*") if p.is_file()}
    skipped = {path for path in on_disk if path.endswith(".map") or path.startswith(".") or path == "service-worker.js"}
    assert set(listed) == on_disk - skipped
    assert {".nojekyll", "service-worker.js"} <= skipped
    for path, (sha256, size) in listed.items():
        data = (offline_site / path).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (sha256, size), path
    # What the other steps wrote is listed because it is there: runtime, pages, apps.
    assert {"pyodide/pyodide.asm.wasm", "pyodide/pyodide-lock.json", "greeter/app/greeter.py", "reverse/index.html",
            "pyinterface/offline.mjs", "pyinterface.js"} <= set(listed)
    assert manifest["version"] == offline_manifest(offline_site).version


def test_any_changed_file_changes_the_version_and_so_the_service_workers_bytes(offline_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(offline_site, copy)
    (copy / "service-worker.js").unlink()
    before = offline_manifest(copy).version
    assert before == service_worker_manifest(offline_site)["version"]
    (copy / "greeter" / "app" / "greeter.py").write_text("# changed\n", encoding="utf-8")
    after = offline_manifest(copy).version
    assert after != before
    write_offline(copy)
    assert service_worker_manifest(copy)["version"] == offline_manifest(copy).version
    assert (copy / "service-worker.js").read_bytes() != (offline_site / "service-worker.js").read_bytes()


def test_the_written_service_worker_is_valid_javascript(offline_site: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    proc = subprocess.run([node, "--check", str(offline_site / "service-worker.js")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_a_page_without_a_head_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "pyinterface").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><p>no head</p>", encoding="utf-8")
    with pytest.raises(ExportError, match=r"index\.html has no </head>"):
        write_offline(tmp_path)
