"""``pyinterface export app.py --single-file app.html`` under CPython: what the one file carries.

The page itself (opened from file:// with the network refused) is tests/e2e/test_single_file.py;
these check the module rewriting it relies on, the file's contents, and the command's errors.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pyinterface.tooling._singlefile import export_single_file
from pyinterface.tooling._singlefile._modules import MARKER, VIRTUAL_BASE, load_order, relative_imports, rewrite_module
from pyinterface.tooling.export import ExportError, export_app
from pyinterface.tooling.runtime import ensure_runtime

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "site"

APP = """
import pyinterface as gr

demo = gr.Interface(lambda name: "Hello " + name, gr.Textbox(label="name"), gr.Textbox(label="greeting"), title="Greeter")
"""

#: A string literal naming a JS file by a relative path: what an import names.
_PATH_LITERAL = re.compile(r"""(["'])(\.{1,2}/[^"'\n]*\.m?js)\1""")
_URL_OF_MODULE = re.compile(r"""new URL\(\s*(["'])[^"'\n]*\1\s*,\s*import\.meta\.url\s*\)""")


def site_modules() -> list[Path]:
    return sorted(p for p in SITE.rglob("*") if p.suffix in (".mjs", ".js") and "test" not in p.relative_to(SITE).parts)


# --------------------------------------------------------------------------- finding imports


@pytest.mark.parametrize("path", site_modules(), ids=lambda p: p.relative_to(SITE).as_posix())
def test_every_relative_path_in_the_bridge_is_a_found_import_or_a_url_of_the_module(path: Path) -> None:
    # The regular expressions of _modules.py against a wider net: any string literal naming a
    # .mjs/.js file by a relative path must be an import they found, or a URL made from import.meta.url (which
    # the rewrite turns into the module's virtual URL). A new import form fails here.
    source = path.read_text(encoding="utf-8")
    found = {(spec.start, spec.end) for spec in relative_imports(source)}
    urls = [m.span() for m in _URL_OF_MODULE.finditer(source)]
    for literal in _PATH_LITERAL.finditer(source):
        in_url = any(start <= literal.start() < end for start, end in urls)
        assert literal.span() in found or in_url, f"{path.name}: {literal.group(0)} is neither an import found nor new URL(…, import.meta.url)"


def test_the_three_import_forms_are_found_where_they_are() -> None:
    source = 'import { a } from "./a.mjs";\nexport { b } from \'../b.mjs\';\nimport "./c.mjs";\nconst d = import( "./d.mjs" );\nconst e = "./e.mjs";\n'
    specs = relative_imports(source)
    assert [s.path for s in specs] == ["./a.mjs", "../b.mjs", "./c.mjs", "./d.mjs"]
    assert all(source[s.start:s.end].strip("\"'") == s.path for s in specs)


def test_a_module_is_rewritten_to_markers_and_its_virtual_url() -> None:
    source = 'import { h } from "../dom.mjs";\nconst load = () => import("./radio.mjs");\nconst me = new URL("./x.css", import.meta.url);\n'
    module = rewrite_module("pyinterface/components/x.mjs", source, ["pyinterface/dom.mjs", "pyinterface/components/radio.mjs"])
    assert module.imports == ("pyinterface/dom.mjs", "pyinterface/components/radio.mjs")
    assert f'from "{MARKER}pyinterface/dom.mjs"' in module.source
    assert f'import("{MARKER}pyinterface/components/radio.mjs")' in module.source
    assert f'new URL("./x.css", "{VIRTUAL_BASE}pyinterface/components/x.mjs")' in module.source


def test_an_import_of_a_file_not_packed_or_another_import_meta_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match=r"a\.mjs imports '\./gone\.mjs' \(gone\.mjs\)"):
        rewrite_module("a.mjs", 'import "./gone.mjs";', ["a.mjs"])
    with pytest.raises(ValueError, match="import.meta other than import.meta.url"):
        rewrite_module("a.mjs", "const r = import.meta.resolve('x');", ["a.mjs"])


def test_modules_load_leaves_first_and_a_cycle_is_named() -> None:
    modules = {name: rewrite_module(name, source, ["a.mjs", "b.mjs", "c.mjs"]) for name, source in {
        "a.mjs": 'import "./b.mjs"; import("./c.mjs");', "b.mjs": 'import "./c.mjs";', "c.mjs": "",
    }.items()}
    assert load_order(modules, ["a.mjs"]) == ["c.mjs", "b.mjs", "a.mjs"]
    assert load_order(modules, ["b.mjs"]) == ["c.mjs", "b.mjs"]
    cyclic = {**modules, "c.mjs": rewrite_module("c.mjs", 'import "./a.mjs";', ["a.mjs"])}
    with pytest.raises(ValueError, match=r"a\.mjs -> b\.mjs -> c\.mjs -> a\.mjs"):
        load_order(cyclic, ["a.mjs"])


# --------------------------------------------------------------------------- the file


@pytest.fixture(scope="module")
def single_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("app")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    out = folder / "out" / "greeter.html"
    export_single_file(folder / "app.py", out)
    return folder, out.read_text(encoding="utf-8")


def packed_files(page: str) -> dict[str, bytes]:
    files = {}
    for attributes, data in re.findall(r'<script type="application/octet-stream" ([^>]*)>([^<]*)</script>', page):
        name = html.unescape(re.search(r'data-file="([^"]*)"', attributes).group(1))
        raw = base64.b64decode(data)
        files[name] = gzip.decompress(raw) if " data-gzip" in f" {attributes}" else raw
    return files


def test_the_file_carries_the_runtime_its_wheels_and_the_app(single_file: tuple[Path, str]) -> None:
    folder, page = single_file
    files = packed_files(page)
    cache = ensure_runtime()
    for name in ("pyodide.asm.wasm", "pyodide.asm.js", "pyodide.mjs"):
        assert files[f"pyodide/{name}"] == (cache / name).read_bytes(), name
    with zipfile.ZipFile(io.BytesIO(files["pyodide/python_stdlib.zip"])) as stdlib:
        assert any(n.startswith("os.") for n in stdlib.namelist())
    lock = json.loads(files["pyodide/pyodide-lock.json"])
    wheels = {name.removeprefix("pyodide/"): data for name, data in files.items() if name.endswith(".whl")}
    assert {p["file_name"] for p in lock["packages"].values()} == set(wheels)
    for package in lock["packages"].values():
        assert hashlib.sha256(wheels[package["file_name"]]).hexdigest() == package["sha256"], package["name"]
    assert "pyinterface" in lock["packages"]
    assert files["app/app.py"] == (folder / "app.py").read_bytes()
    assert files["pyinterface/pyinterface.css"] == (SITE / "pyinterface.css").read_bytes()


def test_the_rest_of_the_stdlib_is_packed_uncompressed_for_a_synchronous_read(single_file: tuple[Path, str]) -> None:
    from pyinterface.tooling.runtime._stdlib_split import MORE_ZIP

    _, page = single_file
    block = re.search(rf'<script type="application/octet-stream" data-file="pyodide/{re.escape(MORE_ZIP)}"[^>]*>', page)
    assert block and "data-gzip" not in block.group(0)
    assert zipfile.is_zipfile(io.BytesIO(packed_files(page)[f"pyodide/{MORE_ZIP}"]))


def test_its_modules_are_listed_leaves_first_with_every_import_a_marker(single_file: tuple[Path, str]) -> None:
    _, page = single_file
    index = json.loads(re.search(r'<script type="application/json" id="pyinterface-single-file">(.*?)</script>', page).group(1))
    files = packed_files(page)
    for order, entry in ((index["page"], index["pageEntry"]), (index["worker"], index["workerEntry"])):
        assert entry in order
        for position, name in enumerate(order):
            source = files[name].decode()
            imported = re.findall(rf'"{re.escape(MARKER)}([^"]+)"', source)
            assert set(imported) <= set(order[:position]), name
            assert not relative_imports(source) and "import.meta" not in source, name
    assert "pyodide/pyodide.mjs" in index["worker"] and "pyinterface/element.mjs" in index["page"]


def test_the_page_names_no_file_beside_it_and_runs_no_file_protocol_notice(single_file: tuple[Path, str]) -> None:
    _, page = single_file
    assert "file-protocol.js" not in page and 'type="module"' not in page
    for url in re.findall(r'\b(?:src|href)="([^"]*)"', page):
        assert url.startswith((VIRTUAL_BASE, "data:", "#")), url
    assert f'<pyinterface-app src="{VIRTUAL_BASE}app/manifest.json" standalone>' in page
    # The loader comes before the blocks, and each block is handed to it as soon as it is parsed.
    take = '<script>globalThis[Symbol.for("pyinterface.single-file")].take(document.currentScript)</script>'
    blocks = re.findall(r'<script type="application/octet-stream" [^>]*>[^<]*</script>\n\s*(<script>[^<]*</script>)', page)
    assert blocks and set(blocks) == {take} and page.count(take) == len(packed_files(page))
    first_block = re.search(r'<script type="application/octet-stream" [^>]*>[^<]*</script>', page)
    assert page.index("const KEY = Symbol.for(") < first_block.start()


def test_an_example_image_the_prerendered_ui_shows_is_inlined(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "app").mkdir()
    Image.new("RGB", (4, 4), "red").save(tmp_path / "app" / "red.png")
    (tmp_path / "app" / "app.py").write_text(
        "import pyinterface as gr\n"
        "demo = gr.Interface(lambda im: im, gr.Image(label='in'), gr.Image(label='out'), examples=[['red.png']])\n",
        encoding="utf-8",
    )
    page = export_single_file(tmp_path / "app" / "app.py", tmp_path / "red.html").out.read_text(encoding="utf-8")
    png = base64.b64encode((tmp_path / "app" / "red.png").read_bytes()).decode()
    assert f'src="data:image/png;base64,{png}"' in page
    assert packed_files(page)["app/red.png"] == (tmp_path / "app" / "red.png").read_bytes()


def test_folder_exports_leave_the_single_file_loader_out(tmp_path: Path, single_file: tuple[Path, str]) -> None:
    folder, _ = single_file
    export = export_app(folder / "app.py", tmp_path / "site").out
    assert not (export / "pyinterface" / "single-file.js").exists()


# --------------------------------------------------------------------------- the command


def test_a_failed_export_leaves_an_earlier_file_as_it_was(single_file: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = single_file
    out = tmp_path / "app.html"
    out.write_text("an earlier export", encoding="utf-8")
    broken = folder / "broken.py"
    broken.write_text("raise RuntimeError('boom')\n", encoding="utf-8")
    with pytest.raises(Exception, match="broken"):
        export_single_file(broken, out)
    assert out.read_text(encoding="utf-8") == "an earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.html"]


@pytest.mark.parametrize(("args", "message"), [
    (["--single-file", "app.txt"], "ending in .html"),
    (["--single-file", "app.html", "--offline"], "Leave out --offline"),
    (["APP2", "--single-file", "app.html"], "--single-file takes one APP"),
])
def test_the_command_refuses_what_a_single_file_cannot_be(single_file: tuple[Path, str], tmp_path: Path,
                                                          args: list[str], message: str) -> None:
    folder, _ = single_file
    args = [str(folder / "app.py") if a == "APP2" else a for a in args]
    proc = subprocess.run([sys.executable, "-m", "pyinterface", "export", str(folder / "app.py"), *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 1 and message in proc.stderr, proc.stderr
    assert not list(tmp_path.iterdir())


def test_out_and_single_file_are_one_or_the_other(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pyinterface", "export", "app.py", "--out", "site", "--single-file", "a.html"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and "not allowed with argument" in proc.stderr


def test_the_export_is_refused_if_the_html_is_a_folder(single_file: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = single_file
    (tmp_path / "app.html").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_single_file(folder / "app.py", tmp_path / "app.html")
