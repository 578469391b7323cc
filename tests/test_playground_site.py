"""The playground's share links and Download site, where Python and JS must agree: the site
listing written at export (tooling/_playground_site.py) and read by site/playground/download.mjs,
share links written as the README says (Python's raw deflate + base64url) and read by
site/playground/share.mjs, and the zip download.mjs writes, read by Python's zipfile."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from pyinterface.tooling._playground_site import LISTING_NAME, TITLE_PLACEHOLDER, write_site_listing

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "site"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def share_link_part(data: bytes) -> str:
    """What the README tells a Python user to write: raw deflate, base64url, no padding."""
    compressor = zlib.compressobj(level=9, wbits=-15)
    return base64.urlsafe_b64encode(compressor.compress(data) + compressor.flush()).decode().rstrip("=")


def _node(script: str) -> str:
    proc = subprocess.run(["node", "--input-type=module", "-e", script], cwd=SITE, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pyinterface.tooling.export import export_app

    out = tmp_path_factory.mktemp("listing") / "site"
    export_app(REPO / "examples" / "gender_classifier.py", out, log=lambda message: None)
    return out


def test_the_listing_names_the_loader_bridge_and_whole_runtime_with_sizes_and_hashes(export: Path):
    listing_path = write_site_listing(export)
    assert listing_path == export / LISTING_NAME
    listing = json.loads(listing_path.read_text(encoding="utf-8"))
    paths = {entry["path"] for entry in listing["files"]}
    runtime = {f"pyodide/{p.name}" for p in (export / "pyodide").iterdir()}
    assert runtime <= paths  # all of it: the zip's app loads what its imports name from it
    assert {"pyinterface.js", "pyinterface/element.mjs", "pyinterface/worker.mjs", "pyinterface/file-protocol.js"} <= paths
    assert all(p.startswith(("pyinterface.js", "pyinterface/", "pyodide/")) for p in paths)  # not the site's apps or pages
    for entry in listing["files"]:
        data = (export / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"]), entry["path"]
    lock = json.loads((export / "pyodide" / "pyodide-lock.json").read_text())
    assert listing["pyodide"] == lock["info"]["version"]


def test_the_listing_page_is_the_exports_app_page_with_a_title_placeholder(export: Path):
    listing = json.loads(write_site_listing(export).read_text(encoding="utf-8"))
    page = listing["page"]
    assert listing["title_placeholder"] == TITLE_PLACEHOLDER
    assert f"<title>{TITLE_PLACEHOLDER}</title>" in page
    assert '<pyinterface-app src="app/manifest.json" standalone></pyinterface-app>' in page
    assert '<script type="module" src="pyinterface.js"></script>' in page
    assert '<script src="pyinterface/file-protocol.js"></script>' in page


def test_an_offline_exports_service_worker_is_not_listed(export: Path, tmp_path: Path):
    from pyinterface.tooling._offline import write_offline

    site = tmp_path / "site"
    shutil.copytree(export, site)
    write_offline(site)
    paths = {entry["path"] for entry in json.loads(write_site_listing(site).read_text())["files"]}
    assert "pyinterface/offline.mjs" not in paths and "service-worker.js" not in paths


def test_a_folder_without_a_runtime_is_refused(tmp_path: Path):
    (tmp_path / "pyinterface").mkdir()
    (tmp_path / "pyinterface" / "element.mjs").write_text("")
    (tmp_path / "pyinterface.js").write_text("")
    with pytest.raises(FileNotFoundError, match="has no pyodide/: write the site listing after"):
        write_site_listing(tmp_path)


@needs_node
def test_a_link_python_writes_opens_in_the_playground():
    code = 'import pyinterface as gr\n\ndemo = gr.Interface(lambda s: s + " ✓", "text", "text")\n'
    files = {"words.txt": "one two", "blob.bin": {"base64": base64.b64encode(bytes(range(256))).decode()}}
    fragment = f"#code={share_link_part(code.encode())}&files={share_link_part(json.dumps(files).encode())}"
    out = _node(
        "import('./playground/share.mjs').then(async ({ decodeFragment, filesForMount }) => {"
        f" const {{ code, files }} = await decodeFragment({json.dumps(fragment)});"
        " const bytes = filesForMount(files)['blob.bin'];"
        " console.log(JSON.stringify({ code, text: files['words.txt'], bytes: Array.from(bytes) })); })"
    )
    assert json.loads(out) == {"code": code, "text": "one two", "bytes": list(range(256))}


@needs_node
def test_a_link_the_playground_writes_is_python_raw_deflate_and_base64url():
    code = "print('héllo')\n" * 50
    out = _node(
        "import('./playground/share.mjs').then(async ({ encodeFragment }) =>"
        f" console.log(await encodeFragment({{ code: {json.dumps(code)}, files: {{ 'a.txt': 'A' }} }})))"
    )
    params = dict(part.split("=", 1) for part in out.strip().removeprefix("#").split("&"))

    def inflate(value: str) -> bytes:
        return zlib.decompress(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), wbits=-15)

    assert inflate(params["code"]).decode() == code
    assert json.loads(inflate(params["files"])) == {"a.txt": "A"}


@needs_node
def test_the_site_zip_is_a_zip_python_reads():
    if not (SITE / "vendor" / "playground" / "fflate" / "browser.js").is_file():
        pytest.skip("site/vendor is not vendored yet: run `python build/vendor_frontend.py`")
    out = _node(
        "Promise.all([import('./playground/download.mjs'), import('./vendor/playground/fflate/browser.js')])"
        ".then(async ([{ appEntries, zipEntries }, fflate]) => {"
        " const listing = { format: 1, pyodide: '0.27.7', page: '<title>@T</title>', title_placeholder: '@T', files: [] };"
        " const entries = appEntries({ code: 'print(1)\\n', files: { 'd/x.bin': { base64: 'AAE' } }, title: 'T' }, listing);"
        " entries['pyodide/w-1-py3-none-any.whl'] = new Uint8Array(1000).fill(7);"
        " const zip = await zipEntries(entries, fflate);"
        " process.stdout.write(Buffer.from(await zip.arrayBuffer()).toString('base64')); })"
    )
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(out))) as archive:
        assert archive.testzip() is None
        assert archive.read("app/app.py") == b"print(1)\n"
        assert archive.read("app/d/x.bin") == b"\x00\x01"
        assert archive.read("index.html") == b"<title>T</title>"
        assert archive.getinfo("pyodide/w-1-py3-none-any.whl").compress_type == zipfile.ZIP_STORED
        assert json.loads(archive.read("app/manifest.json"))["packages"] is None
