"""``pyinterface export a.py b.py --out site``: several apps on one site, sharing one runtime."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyinterface.tooling.export import ExportError, export_site
from tests.test_export import TEXT_APP, lock_packages, run_cli, write_app

IMAGE_APP = """
import pyinterface as gr
demo = gr.Interface(lambda im: im, gr.Image(), gr.Image(), title="Mirror",
                    description="Shows **your** image.\\nSecond line.")
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    greeter = write_app(root / "one", TEXT_APP, name="greeter.py")
    mirror = write_app(root / "two", IMAGE_APP, name="mirror.py")
    out = root / "site"
    proc = run_cli("export", str(greeter), str(mirror), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_site_has_one_runtime_one_bridge_a_folder_per_app_and_a_playground(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == [
        ".nojekyll", "greeter", "index.html", "mirror", "playground", "pyinterface", "pyinterface.js", "pyodide"]
    assert 'href="playground/"' in (site / "index.html").read_text()
    assert not list(site.glob("*/pyodide")) and not list(site.glob("*/pyinterface"))
    assert {"numpy", "pillow", "pyinterface"} <= set(lock_packages(site))  # the union of the apps' packages


@pytest.mark.parametrize(("stem", "title", "packages"),
                         [("greeter", "Greeter &lt;3", []), ("mirror", "Mirror", ["numpy", "pillow"])])
def test_each_app_page_loads_the_shared_loader_and_runtime(
    site: Path, stem: str, title: str, packages: list[str]
) -> None:
    page = (site / stem / "index.html").read_text()
    assert '<script type="module" src="../pyinterface.js"></script>' in page
    assert "<style data-pyinterface-css>" in page  # in the prerendered UI's shadow root, so no preload
    assert 'rel="stylesheet"' not in page  # its rules are for the shadow tree, not the page
    assert '<script src="../pyinterface/file-protocol.js"></script>' in page
    assert f"<title>{title}</title>" in page
    manifest = json.loads((site / stem / "app" / "manifest.json").read_text())
    assert manifest["runtime"] == "../../pyodide/" and manifest["entry"] == f"{stem}.py"
    assert manifest["packages"] == packages


def test_the_index_links_each_app_with_its_title_and_first_description_line(site: Path) -> None:
    index = (site / "index.html").read_text()
    assert '<li><a href="greeter/">Greeter &lt;3</a><p></p></li>' in index
    assert '<li><a href="mirror/">Mirror</a><p>Shows your image.</p></li>' in index
    assert "<title>pyinterface apps</title>" in index and "$" not in index


def test_two_apps_with_one_stem_are_refused_naming_both(tmp_path: Path) -> None:
    first = write_app(tmp_path / "a", TEXT_APP)
    second = write_app(tmp_path / "b", TEXT_APP)
    with pytest.raises(ExportError, match=f"{first} and {second} would both be exported to app/"):
        export_site([first, second], tmp_path / "out")


def test_the_demo_site_shares_one_runtime(tmp_path: Path) -> None:
    from pyinterface.tooling._demo import DEMOS, build_demo_site

    out = build_demo_site(tmp_path / "demo")
    assert [p.name for p in out.glob("*/pyodide")] == [] and (out / "pyodide" / "pyodide-lock.json").is_file()
    for name in DEMOS:
        assert json.loads((out / name / "app" / "manifest.json").read_text())["runtime"] == "../../pyodide/"
    # digits ships the module it imports and the weights it reads, found by running it
    assert json.loads((out / "digits_classifier" / "app" / "manifest.json").read_text())["files"] == [
        "digits_classifier.py", "digits_features.py", "digits_weights.npz"]
    assert build_demo_site(tmp_path / "demo") == out  # rebuilt in place
