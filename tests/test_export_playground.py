"""``pyinterface export ... --playground``: the playground folder, its runtime additions, and
what an export without the flag does not get. The page itself runs in tests/e2e/test_playground.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pyinterface.tooling import _frontend
from pyinterface.tooling._playground import RUNTIME_PACKAGES
from tests.test_export import TEXT_APP, lock_packages, run_cli, write_app
from tests.test_export_site import IMAGE_APP

REPO = Path(__file__).resolve().parents[1]
PLAYGROUND_SOURCES = REPO / "site" / "playground"
#: Examples of the menu that are one file with an app the tests run: a symlink in the checkout
#: (the e2e apps link to the playground's snippets; the playground's demo links to examples/).
LINKED_SNIPPETS = ("gender_classifier.py", "gender_custom.py", "image_classifier.py", "image_classifier_shap.py",
                   "local_mobilenet.py", "css_gradio3.py")
_BARE_IMPORT = re.compile(r"""(?:^|\s)(?:import|export)\s[^'";]*?from\s*['"]([^'"./][^'"]*)['"]|^import\s*['"]([^'"./][^'"]*)['"]""", re.M)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("playground")
    greeter = write_app(root / "one", TEXT_APP, name="greeter.py")
    mirror = write_app(root / "two", IMAGE_APP, name="mirror.py")
    out = root / "site"
    proc = run_cli("export", str(greeter), str(mirror), "--out", str(out), "--playground")
    assert proc.returncode == 0, proc.stderr
    assert f"Playground: {out / 'playground'}/" in proc.stdout
    return out


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plain")
    out = root / "site"
    proc = run_cli("export", str(write_app(root / "app", TEXT_APP)), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_playground_folder_holds_the_page_its_modules_and_its_editor(site: Path) -> None:
    playground = site / "playground"
    for name in ("index.html", "early.mjs", "playground.mjs", "editor.mjs", "console.mjs", "examples.mjs", "playground.css",
                 "share.mjs", "download.mjs", "site-files.json", "apps.json", "vendor/codemirror/view/index.js",
                 "vendor/codemirror/view/LICENSE", "vendor/fflate/browser.js"):
        assert (playground / name).is_file(), name
    page = (playground / "index.html").read_text()
    assert '<script type="module" src="../pyinterface.js"></script>' in page
    assert '<script src="../pyinterface/file-protocol.js"></script>' in page
    assert "$" not in page
    # The bridge stays as it was: the playground is not in pyinterface/ (nor its editor in its vendor/).
    assert not (site / "pyinterface" / "playground").exists()
    assert not (site / "pyinterface" / "vendor" / "playground").exists()


def test_the_import_map_names_every_bare_import_of_the_playground_and_its_editor(site: Path) -> None:
    playground = site / "playground"
    page = (playground / "index.html").read_text()
    imports = json.loads(re.search(r'<script type="importmap">(.*?)</script>', page, re.S).group(1))["imports"]
    for target in imports.values():
        assert (playground / target).is_file(), target
    modules = [*playground.glob("*.mjs"), *(playground / "vendor").rglob("*.js")]
    wanted = {name for module in modules for match in _BARE_IMPORT.finditer(module.read_text()) for name in match.groups() if name}
    assert wanted and wanted <= set(imports), sorted(wanted - set(imports))
    assert {pin.name for pin in _frontend.CODEMIRROR_PACKAGES} == set(imports)


def test_the_examples_menu_lists_the_sites_apps_by_title_and_folder(site: Path) -> None:
    apps = json.loads((site / "playground" / "apps.json").read_text())
    assert apps == [{"title": "Greeter <3", "folder": "../greeter/"}, {"title": "Mirror", "folder": "../mirror/"}]
    for app in apps:
        assert (site / "playground" / app["folder"] / "app" / "manifest.json").is_file()


def test_the_runtime_carries_micropip_and_the_examples_packages_but_apps_load_only_their_own(site: Path) -> None:
    assert set(RUNTIME_PACKAGES) | {"pyodide-http"} <= set(lock_packages(site))
    greeter = json.loads((site / "greeter" / "app" / "manifest.json").read_text())
    assert greeter["packages"] == []  # a text app still loads nothing beyond pyinterface


def test_the_site_index_links_the_playground(site: Path) -> None:
    assert '<a href="playground/">Playground</a>' in (site / "index.html").read_text()


def test_without_the_flag_there_is_no_playground(plain: Path) -> None:
    assert not (plain / "playground").exists()
    assert not (plain / "pyinterface" / "playground").exists()
    assert not (plain / "pyinterface" / "vendor" / "playground").exists()
    assert "micropip" not in lock_packages(plain)


def test_a_single_app_export_lists_its_app_at_the_root(tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = run_cli("export", str(write_app(tmp_path / "app", TEXT_APP)), "--out", str(out), "--playground")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "playground" / "apps.json").read_text()) == [{"title": "Greeter <3", "folder": "../"}]
    assert (out / "playground" / "site-files.json").is_file()


def test_single_file_refuses_the_playground_with_the_fix(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", TEXT_APP)
    proc = run_cli("export", str(app), "--single-file", str(tmp_path / "app.html"), "--playground")
    assert proc.returncode == 1
    assert "error: --playground needs a folder export" in proc.stderr and "--out DIR --playground" in proc.stderr
    assert not (tmp_path / "app.html").exists()


def test_an_export_ships_the_linked_snippets_as_files(site: Path) -> None:
    for name in LINKED_SNIPPETS:
        shipped = site / "playground" / "examples" / name
        assert not shipped.is_symlink() and shipped.read_text() == (PLAYGROUND_SOURCES / "examples" / name).read_text(), name


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_example_of_the_menu_is_a_file_and_every_file_an_example() -> None:
    script = 'const m = await import("./examples.mjs"); console.log(JSON.stringify(m.SNIPPETS.map((s) => [s.entry, ...(s.files ?? [])])));'
    proc = subprocess.run(["node", "--input-type=module", "-e", script], cwd=PLAYGROUND_SOURCES, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    named = {name for names in json.loads(proc.stdout) for name in names}
    on_disk = {path.name for path in (PLAYGROUND_SOURCES / "examples").glob("*.py")}
    assert named == on_disk


@pytest.mark.parametrize("path", sorted((PLAYGROUND_SOURCES / "examples").glob("*.py")), ids=lambda p: p.name)
def test_each_example_compiles(path: Path) -> None:
    compile(path.read_text(), str(path), "exec")


def test_no_playground_leaves_it_out_of_a_site_of_several_apps(tmp_path: Path) -> None:
    greeter = write_app(tmp_path / "one", TEXT_APP, name="greeter.py")
    other = write_app(tmp_path / "two", TEXT_APP, name="other.py")
    out = tmp_path / "site"
    proc = run_cli("export", str(greeter), str(other), "--out", str(out), "--no-playground")
    assert proc.returncode == 0, proc.stderr
    assert not (out / "playground").exists() and "Playground" not in proc.stdout
    assert 'href="playground/"' not in (out / "index.html").read_text()
