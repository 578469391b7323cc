"""What an export ships from the app's folder, and what it refuses to publish.

By default: the app, the modules it imports from its folder, the files its config references
(css ``file=`` assets, examples) and the files it reads while it runs; ``--include`` adds to
that. Nothing from outside the folder, no likely secret, no absolute local path. A refused
export leaves ``--out`` as it was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pyinterface.tooling.export import ExportError, export_app
from tests.test_export import run_cli, write_app

TEXT_UI = 'demo = gr.Interface(lambda s: s, "text", "text")\n'


def put(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def shipped(out: Path) -> list[str]:
    return json.loads((out / "app" / "manifest.json").read_text())["files"]


def every_file(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def image(path: Path) -> Path:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), "red").save(path)
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file beside the app's folder, never to be published."""
    path = tmp_path / "private.txt"
    path.write_text("outside the app's folder")
    return path


# --------------------------------------------------------------------------- the default set


def test_ships_what_the_app_imports_reads_and_references_and_nothing_else(tmp_path: Path) -> None:
    import numpy as np

    folder = tmp_path / "app"
    write_app(folder, "def shout(s):\n    return s.upper()\n", name="helpers.py")
    put(folder, "pkg/__init__.py", "from .sub import x\n")
    put(folder, "pkg/sub.py", "x = 1\n")
    put(folder, "pkg/lazy.py", "y = 2\n")
    put(folder, "pkg/__pycache__/sub.cpython-311.pyc", "")  # a package ships all its modules
    np.save(folder / "weights.npy", np.arange(3))
    image(folder / "pictures" / "logo.png")
    (folder / "notes.txt").write_text("nothing reads me")
    (folder / "unused.py").write_text("z = 3\n")
    app = write_app(folder, """
        import numpy as np
        from PIL import Image
        import pyinterface as gr
        import pkg
        from helpers import shout
        WEIGHTS = np.load("weights.npy")
        LOGO = Image.open("pictures/logo.png").size
        with open("output.log", "w") as log:  # written, not read: not shipped
            log.write("ran")
        demo = gr.Interface(shout, "text", "text")
    """)
    result = export_app(app, tmp_path / "out")
    assert result.files == ["app.py", "helpers.py", "pictures/logo.png", "pkg/__init__.py", "pkg/lazy.py",
                            "pkg/sub.py", "weights.npy"]
    assert result.sizes["weights.npy"] == (folder / "weights.npy").stat().st_size
    assert not (tmp_path / "out" / "app" / "notes.txt").exists()


def test_include_adds_to_the_default_set(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    write_app(folder, "x = 1\n", name="helpers.py")
    (folder / "notes.txt").write_text("n")
    (folder / "data").mkdir()
    (folder / "data" / "a.csv").write_text("a")
    app = write_app(folder, "import helpers\nimport pyinterface as gr\n" + TEXT_UI)
    result = export_app(app, tmp_path / "out", include=["*.csv", "notes.txt"])
    assert result.files == ["app.py", "data/a.csv", "helpers.py", "notes.txt"]


def test_the_issue_folder_notes_and_outside_symlink_stay_home_and_the_secret_stops_it(
    tmp_path: Path, outside: Path
) -> None:
    folder = tmp_path / "app"
    (folder / "notes.txt").parent.mkdir(parents=True)
    (folder / "notes.txt").write_text("private notes")
    (folder / "linked.txt").symlink_to(outside)
    (folder / "secrets.env").write_text("API_KEY=abc\n")
    quiet = write_app(folder, "import pyinterface as gr\n" + TEXT_UI, name="quiet.py")
    export_app(quiet, tmp_path / "out")
    assert shipped(tmp_path / "out") == ["quiet.py"]

    reader = write_app(folder, "import pyinterface as gr\nSETTINGS = open('secrets.env').read()\n" + TEXT_UI)
    before = every_file(tmp_path / "out")
    with pytest.raises(ExportError, match=r"refusing to publish secrets\.env: .*--allow-secrets"):
        export_app(reader, tmp_path / "out")
    assert every_file(tmp_path / "out") == before, "a refused export leaves --out as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app", "out", "private.txt"], "no half-built folder left"
    assert shipped(export_app(reader, tmp_path / "out", allow_secrets=True).out) == ["app.py", "secrets.env"]


def test_a_glob_skips_a_symlink_leaving_the_folder_with_a_warning(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "app"
    app = write_app(folder, "import pyinterface as gr\n" + TEXT_UI)
    (folder / "linked.txt").symlink_to(outside)
    (folder / "inner.txt").write_text("in")
    (folder / "alias.txt").symlink_to(folder / "inner.txt")  # a symlink inside the folder is fine
    said: list[str] = []
    result = export_app(app, tmp_path / "out", include=["*.txt"], log=said.append)
    assert result.files == ["app.py", "alias.txt", "inner.txt"]
    assert said == ["warning: not shipping linked.txt: it is a symlink to a file outside the app's folder."]
    assert not (tmp_path / "out" / "app" / "linked.txt").exists()


def test_reading_a_symlink_that_leaves_the_folder_fails_the_export(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "data.txt").symlink_to(outside)
    app = write_app(folder, "import pyinterface as gr\nDATA = open('data.txt').read()\n" + TEXT_UI)
    with pytest.raises(ExportError, match=r"the app uses data\.txt, a symlink to a file outside its folder"):
        export_app(app, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- secrets


@pytest.mark.parametrize("name", [".env", ".env.local", "prod.env", "server.pem", "id_rsa", "id_rsa.pub",
                                  "credentials.json", "credentials-prod.json"])
def test_files_named_like_secrets_are_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "app"
    app = write_app(folder, f"import pyinterface as gr\nopen({name!r}).read()\n" + TEXT_UI)
    (folder / name).write_text("x")
    with pytest.raises(ExportError, match=f"refusing to publish {name.replace('.', '[.]')}:"):
        export_app(app, tmp_path / "out")


def test_a_hugging_face_token_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    token = "hf_" + "aB3" * 12
    write_app(folder, f"TOKEN = {token!r}\n", name="settings.py")
    app = write_app(folder, "import pyinterface as gr\nimport settings\n" + TEXT_UI)
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1 and not (tmp_path / "out").exists()
    assert "refusing to publish settings.py: line 1 holds what looks like a Hugging Face token" in proc.stderr
    assert "HF_TOKEN environment variable" in proc.stderr and "--allow-secrets" in proc.stderr
    assert token not in proc.stderr
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"), "--allow-secrets")
    assert proc.returncode == 0, proc.stderr


def test_a_token_put_into_the_config_at_export_time_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_TITLE", "hf_" + "x" * 34)
    app = write_app(tmp_path / "app", "import os, pyinterface as gr\n"
                    "demo = gr.Interface(lambda s: s, 'text', 'text', title=os.environ['SECRET_TITLE'])\n")
    with pytest.raises(ExportError, match="its config holds what looks like a Hugging Face token"):
        export_app(app, tmp_path / "out")


def test_a_short_hf_word_is_no_token(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", "import pyinterface as gr\nNOTE = 'hf_hub_download is a function'\n" + TEXT_UI)
    export_app(app, tmp_path / "out")


# --------------------------------------------------------------------------- css and file= assets


CSS_APP = """
from pathlib import Path
import pyinterface as gr
HERE = Path(__file__).resolve().parent
CSS = {css!r}.replace("HERE", str(HERE))
demo = gr.Interface(lambda s: s, "text", "text", css=CSS)
"""


def test_file_assets_are_shipped_and_rewritten_in_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    image(folder / "clouds.jpg")
    image(folder / "img" / "a b.png")
    image(folder / "img" / "dot.png")
    css = ("body {background-image: url('file=clouds.jpg')}\n"
           ".b {background: url(\"file=img/a%20b.png\")}\n"
           ".c {background: url(file=HERE/img/dot.png)}\n"  # absolute, but inside: fine
           "/* url(file=commented.png) */ .d {content: 'url(file=in-a-string.png)'}")
    app = write_app(folder, CSS_APP.format(css=css))
    result = export_app(app, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert result.files == ["app.py", "clouds.jpg", "img/a b.png", "img/dot.png"]
    assert manifest["css"] == manifest["config"]["css"]
    assert 'url("file=clouds.jpg")' in manifest["css"]  # re-serialized by the tokenizer: same CSS
    assert 'url("file=img/a%20b.png")' in manifest["css"]
    assert "url(file=img/dot.png)" in manifest["css"]
    assert "url(file=commented.png)" in manifest["css"] and "url(file=in-a-string.png)" in manifest["css"]
    assert (tmp_path / "out" / "app" / "img" / "a b.png").is_file()
    assert not [name for name, data in every_file(tmp_path / "out").items() if str(tmp_path).encode() in data]


@pytest.mark.parametrize("reference", ["../private.txt", "%2e%2e/private.txt", "img%2F..%2F..%2Fprivate.txt",
                                       "{outside}", "link.txt", "missing.png"])
def test_a_file_reference_outside_the_folder_fails_naming_it(tmp_path: Path, outside: Path, reference: str) -> None:
    folder = tmp_path / "app"
    (folder / "img").mkdir(parents=True)
    (folder / "link.txt").symlink_to(outside)
    reference = reference.format(outside=outside)
    app = write_app(folder, CSS_APP.format(css=f"body {{background: url('file={reference}')}}"))
    export_app(write_app(tmp_path / "other", "import pyinterface as gr\n" + TEXT_UI), tmp_path / "out")
    before = every_file(tmp_path / "out")
    expected = "no such file" if reference == "missing.png" else "outside the app's folder"
    with pytest.raises(ExportError, match=f"the css url\\('file={reference}'\\) names .*{expected}"):
        export_app(app, tmp_path / "out")
    assert every_file(tmp_path / "out") == before


@pytest.mark.parametrize("where", ["inside", "absolute", "elsewhere"])
def test_css_given_as_a_path_is_kept_as_text(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "app"
    image(folder / "clouds.jpg")
    style = (tmp_path / "shared" if where == "elsewhere" else folder) / "style.css"
    style.parent.mkdir(parents=True, exist_ok=True)
    style.write_text("body {background: url(file=clouds.jpg)}\n")  # resolved against the app's folder
    given = {"inside": "'style.css'", "absolute": "str(HERE / 'style.css')",
             "elsewhere": "str(HERE.parent / 'shared' / 'style.css')"}[where]
    app = write_app(folder, "from pathlib import Path\nimport pyinterface as gr\n"
                    "HERE = Path(__file__).resolve().parent\n"
                    f"demo = gr.Interface(lambda s: s, 'text', 'text', css={given})\n")
    result = export_app(app, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert manifest["css"] == manifest["config"]["css"] == "body {background: url(file=clouds.jpg)}\n"
    assert "clouds.jpg" in result.files
    assert ("style.css" in result.files) == (where != "elsewhere")  # the page reads it again when it runs
    assert not [name for name, data in every_file(tmp_path / "out").items() if str(tmp_path).encode() in data]


# --------------------------------------------------------------------------- examples


IMAGE_EXAMPLES_APP = """
from pathlib import Path
import pyinterface as gr
HERE = Path(__file__).resolve().parent
demo = gr.Interface(lambda im: im.shape[0], gr.Image(label="photo"), "number", examples={examples})
"""


def test_example_files_ship_with_relative_paths(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    image(folder / "cat.png")
    image(folder / "more" / "dog.png")
    app = write_app(folder, IMAGE_EXAMPLES_APP.format(examples='[[str(HERE / "cat.png")], ["more/dog.png"]]'))
    result = export_app(app, tmp_path / "out")
    assert result.files == ["app.py", "cat.png", "more/dog.png"]
    manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert manifest["config"]["examples"]["samples"] == [["cat.png"], ["more/dog.png"]]
    assert not [name for name, data in every_file(tmp_path / "out").items() if str(tmp_path).encode() in data]


def test_a_multiple_file_example_ships_each_of_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    put(folder, "a.txt", "a")
    put(folder, "docs/b.txt", "b")
    app = write_app(folder, """
        from pathlib import Path
        import pyinterface as gr
        HERE = Path(__file__).resolve().parent
        demo = gr.Interface(lambda fs: len(fs), gr.File(file_count="multiple", label="docs"), "number",
                            examples=[[[str(HERE / "a.txt"), "docs/b.txt"]]])
    """)
    result = export_app(app, tmp_path / "out")
    assert result.files == ["app.py", "a.txt", "docs/b.txt"]
    assert shipped(tmp_path / "out") == result.files
    manifest = json.loads((tmp_path / "out" / "app" / "manifest.json").read_text())
    assert manifest["config"]["examples"]["samples"] == [[["a.txt", "docs/b.txt"]]]


def test_an_examples_directory_ships_with_its_log(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    image(folder / "examples" / "cat.png")
    (folder / "examples" / "log.csv").write_text("photo,note\ncat.png,a cat\n")
    (folder / "examples" / "README.txt").write_text("nothing reads me")
    app = write_app(folder, """
        import pyinterface as gr
        demo = gr.Interface(lambda im, s: s, [gr.Image(label="photo"), "text"], "text", examples="examples")
    """)
    result = export_app(app, tmp_path / "out")
    assert result.files == ["app.py", "examples/cat.png", "examples/log.csv"]


def test_an_example_outside_the_folder_fails_the_export(tmp_path: Path) -> None:
    stray = image(tmp_path / "stray.png")
    app = write_app(tmp_path / "app", IMAGE_EXAMPLES_APP.format(examples='[[str(HERE.parent / "stray.png")]]'))
    with pytest.raises(ExportError, match=rf"the example #1 for 'photo' names '{stray}', which is outside the app"):
        export_app(app, tmp_path / "out")


# --------------------------------------------------------------------------- the command line


def test_the_cli_prints_what_it_shipped_with_sizes(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "words.txt").write_text("x" * 2500)
    app = write_app(folder, "import pyinterface as gr\nWORDS = open('data/words.txt').read()\n" + TEXT_UI)
    proc = run_cli("export", str(app), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    size = os.path.getsize(app)
    assert f"  app.py          {size:>7} B" in lines
    assert "  data/words.txt     2.5 kB" in lines
    assert f"  2 app files, {(size + 2500) / 1000:.1f} kB" in lines
    assert any(line.startswith("Total: ") and "is the Pyodide runtime (pyodide/)" in line for line in lines)


# --------------------------------------------------------------------------- --out on failure


def test_a_failure_while_writing_leaves_the_earlier_export_in_place(tmp_path: Path) -> None:
    from tests.test_export import make_wheel

    app = write_app(tmp_path / "app", "import pyinterface as gr\n" + TEXT_UI)
    export_app(app, tmp_path / "out")
    before = every_file(tmp_path / "out")
    make_wheel(tmp_path, "needy", requires=("not-a-pyodide-package",))  # refused by the runtime writer
    (tmp_path / "requirements.txt").write_text("./needy-0.1-py3-none-any.whl\n")
    with pytest.raises(ExportError, match="cannot write the Pyodide runtime"):
        export_app(app, tmp_path / "out", requirements=tmp_path / "requirements.txt")
    assert every_file(tmp_path / "out") == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")], "the partial folder is removed"


def test_the_size_limit_message_states_the_limit_and_the_size_in_one_unit(tmp_path: Path) -> None:
    from pyinterface.tooling._appfiles import MAX_APP_BYTES, collect_app_files

    app = tmp_path / "app.py"
    app.write_text("print(1)\n")
    with open(tmp_path / "big.bin", "wb") as big:
        big.truncate(MAX_APP_BYTES + 2**20)  # sparse: 51 MiB on paper, nothing on disk
    with pytest.raises(ExportError) as info:
        collect_app_files(app, include=["*.bin"])
    message = str(info.value)
    assert MAX_APP_BYTES == 50 * 2**20
    assert "more than the limit of 50 MiB (52,428,800 bytes)" in message
    assert f"ships 51.0 MiB ({MAX_APP_BYTES + 2**20 + 9:,} bytes)" in message
    assert "(largest: big.bin (51 MiB), app.py (9 bytes))" in message
    assert " MB" not in message
