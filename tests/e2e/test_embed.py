"""<pyinterface-app> embedded in someone else's page: the loader comes from another origin.

A host page on one loopback server loads ``pyinterface.js`` from exports served by other
servers (``http.server`` plus ``Access-Control-Allow-Origin: *``, as GitHub Pages sends), and
gives the element its app in each way a page author can: inline Python, a ``.py`` file with
``<pyinterface-file>`` children, an export folder, and ``mount()`` from script. Two apps from
two export folders share one worker (the second loads numpy, which the first runtime lacks,
from its own folder); an import no runtime provides and a Pyodide version mismatch each show
an error naming the problem; two inline apps on one page keep their flag logs apart. The
conftest's guard fails a test on any uncaught page error (an unhandled rejection included), a
4xx/5xx response or a request that leaves loopback.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import BOOT_TIMEOUT_MS, run_pyinterface, served

pytestmark = pytest.mark.browser

SHOUT = '''
import pyinterface as gr

def shout(text):
    return text.upper() + "!"

demo = gr.Interface(shout, gr.Textbox(label="text"), gr.Textbox(label="shouted"), title="Shout")

if __name__ == "__main__":
    demo.launch()
'''

#: Needs numpy, which the shout export's runtime lacks: its own runtime folder has it.
SUMMER = '''
import numpy as np
import pyinterface as gr

def total(numbers):
    return float(np.sum([float(n) for n in numbers.split()]))

demo = gr.Interface(total, gr.Textbox(label="numbers"), gr.Number(label="sum"), title="Summer")

if __name__ == "__main__":
    demo.launch()
'''

#: A .py file the host page serves, with a data file and a module given as <pyinterface-file>s.
GREET_FILE = '''
import pyinterface as gr
from helper import PREFIX

def greet(name):
    with open("words.txt") as f:
        return PREFIX + f.read().strip() + ", " + name

gr.Interface(greet, gr.Textbox(label="name"), gr.Textbox(label="greeting"), title="File greeter").launch()
'''

#: Records the element's DOM events from the start, on the host's document (they bubble out of the element).
RECORD_EVENTS = """
window.pyiEvents = [];
for (const type of ["pyinterface-status", "pyinterface-result", "pyinterface-error"]) {
  document.addEventListener(type, (event) => {
    window.pyiEvents.push({ type, id: event.target.id, composed: event.composed, detail: JSON.parse(JSON.stringify(event.detail)) });
  });
}
"""


@dataclass(frozen=True)
class Embed:
    #: The host pages' server (its own origin) and the folder it serves.
    host: str
    host_root: Path
    #: The shout export's folder, on the bridge server (another origin).
    shout: str
    #: The summer export's folder, on a third origin.
    summer: str


def _export(source: str, name: str, out: Path, work: Path) -> None:
    app = work / "apps" / name / f"{name}.py"
    app.parent.mkdir(parents=True)
    app.write_text(source.lstrip(), encoding="utf-8")
    run_pyinterface("export", str(app), "--out", str(out))


@pytest.fixture(scope="module")
def embed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Embed]:
    work = tmp_path_factory.mktemp("embed")
    exports, host = work / "exports", work / "host"
    _export(SHOUT, "shout", exports / "shout", work)
    _export(SUMMER, "summer", exports / "summer", work)
    shout_lock = json.loads((exports / "shout" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert "numpy" not in shout_lock["packages"], "the two-folder test needs a first runtime without numpy"
    # The shout app as exported for another Pyodide: a copy of its app folder, manifest edited.
    older = exports / "shout" / "app-older"
    shutil.copytree(exports / "shout" / "app", older)
    manifest = json.loads((older / "manifest.json").read_text(encoding="utf-8"))
    (older / "manifest.json").write_text(json.dumps({**manifest, "pyodide": "0.26.4"}), encoding="utf-8")
    host.mkdir()
    (host / "greet_file.py").write_text(GREET_FILE.lstrip(), encoding="utf-8")
    (host / "words.txt").write_text("Good morning\n", encoding="utf-8")
    # Three origins, each with CORS as GitHub Pages sends it: the host pages, the bridge, another export.
    with served(host, cors=True) as host_url, served(exports, cors=True) as bridge_url, \
            served(exports, cors=True) as other_url:
        yield Embed(host=f"{host_url}/", host_root=host, shout=f"{bridge_url}/shout/", summer=f"{other_url}/summer/")


def host_page(page: Page, embed: Embed, name: str, body: str, *, loaders: tuple[str, ...] = ()) -> None:
    """Write the host page ``name`` (``body`` plus a module script per export folder in
    ``loaders``, default the shout export's) into the host server's folder and open it."""
    scripts = "\n".join(f'<script type="module" src="{folder}pyinterface.js"></script>' for folder in loaders or (embed.shout,))
    html = f'<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Host page</title>\n{scripts}\n</head>\n<body>\n{body}\n</body>\n</html>\n'
    (embed.host_root / name).write_text(html, encoding="utf-8")
    page.add_init_script(RECORD_EVENTS)
    page.goto(embed.host + name)


def ready(app: Locator) -> Locator:
    expect(app).to_have_attribute("data-status", "ready", timeout=BOOT_TIMEOUT_MS)
    return app


def events(page: Page, type: str) -> list[dict[str, Any]]:
    return [event for event in page.evaluate("window.pyiEvents") if event["type"] == type]


INLINE_APP = """
<p>The host's own text.</p>
<pyinterface-app id="greeter">
    import pyinterface as gr

    def greet(name, times):
        if not name:
            raise gr.Error("Say who to greet.")
        return f"Hello {name}" + "!" * int(times)

    greeter = gr.Interface(greet, [gr.Textbox(label="name"), gr.Number(label="times")], gr.Textbox(label="greeting"),
                           title="Inline greeter")  # no launch(): the page shows the module's one Interface
</pyinterface-app>
"""


def test_inline_code_from_a_cross_origin_loader_renders_predicts_and_reports(page: Page, embed: Embed) -> None:
    host_page(page, embed, "inline.html", INLINE_APP)
    ready(page.locator("#greeter"))
    expect(page.get_by_role("heading", name="Inline greeter")).to_be_visible()
    assert "def greet" not in page.locator("body").inner_text()  # the code is the app's source, not the page's text
    # The bridge is on another origin, so its module worker was started from a Blob of this page.
    assert embed.shout.split("/")[2] != embed.host.split("/")[2]
    assert [worker.url.split(":")[0] for worker in page.workers] == ["blob"]

    assert page.evaluate("async () => { const el = document.querySelector('#greeter'); await el.ready; return el.status; }") == "ready"
    outputs = page.evaluate("document.querySelector('#greeter').predict(['Ada', 2])")
    assert outputs == ["Hello Ada!!"]
    expect(page.get_by_label("name")).to_have_value("Ada")  # the page shows what predict ran, as a Submit would
    expect(page.get_by_role("region", name="greeting")).to_contain_text("Hello Ada!!")

    failure = page.evaluate("document.querySelector('#greeter').predict(['', 1]).then(() => null, (err) => err.message)")
    expect(page.get_by_label("times")).to_have_value("1")
    assert failure == "Say who to greet."
    page.get_by_label("name").fill("Grace")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("region", name="greeting")).to_contain_text("Hello Grace")

    assert [e["detail"]["status"] for e in events(page, "pyinterface-status")] == ["loading", "ready"]
    results = events(page, "pyinterface-result")
    expect(page.get_by_role("region", name="greeting")).to_contain_text("Hello Grace")
    assert [(r["detail"]["event"], r["detail"]["inputs"], r["detail"]["outputs"]) for r in results] == [
        ("predict", ["Ada", 2], ["Hello Ada!!"]),
        ("predict", ["Grace", 1], ["Hello Grace!"]),  # times: 1, as the failed predict left it
    ]
    [error] = events(page, "pyinterface-error")
    assert error["id"] == "greeter" and error["composed"] and error["detail"]["error"]["message"] == "Say who to greet."


#: Two inline apps on one page, each flagging (Gradio's default, "manual") into flagging_dir "flagged".
TWO_FLAGGING_APPS = """
<pyinterface-app id="upper">
    import pyinterface as gr

    upper = gr.Interface(str.upper, gr.Textbox(label="upper word"), gr.Textbox(label="upper out"), title="Upper")
</pyinterface-app>
<pyinterface-app id="lower">
    import pyinterface as gr

    lower = gr.Interface(str.lower, gr.Textbox(label="lower word"), gr.Textbox(label="lower out"), title="Lower")
</pyinterface-app>
"""


def _flag_run(app: Locator, name: str, word: str, shown: str) -> None:
    app.get_by_label(f"{name} word").fill(word)
    app.get_by_role("button", name="Submit").click()
    expect(app.get_by_role("region", name=f"{name} out")).to_contain_text(shown)
    app.get_by_role("button", name="Flag", exact=True).click()


def test_two_inline_apps_on_one_page_keep_their_flags_apart(page: Page, embed: Embed) -> None:
    """Inline apps share the page's address, so their logs are told apart by their code."""
    host_page(page, embed, "two-flagging.html", TWO_FLAGGING_APPS)
    upper, lower = ready(page.locator("#upper")), ready(page.locator("#lower"))
    counts = [app.get_by_role("button", name=re.compile(r"^Flagged \(\d+\)$")) for app in (upper, lower)]
    _flag_run(upper, "upper", "MiXed", "MIXED")
    expect(counts[0]).to_have_text("Flagged (1)")
    _flag_run(lower, "lower", "LoUd", "loud")
    expect(counts[1]).to_have_text("Flagged (1)")
    expect(counts[0]).to_have_text("Flagged (1)")
    counts[0].click()
    listing = upper.get_by_role("region", name="Flagged samples")
    expect(listing.locator("tbody tr")).to_have_count(1)
    expect(listing.locator("tbody tr")).to_contain_text("MiXed")

    page.reload()  # each log is kept, still apart
    upper, lower = ready(page.locator("#upper")), ready(page.locator("#lower"))
    for app in (upper, lower):
        expect(app.get_by_role("button", name=re.compile(r"^Flagged \(\d+\)$"))).to_have_text("Flagged (1)")


def test_a_py_file_with_pyinterface_file_children(page: Page, embed: Embed) -> None:
    host_page(page, embed, "pyfile.html", """
        <pyinterface-app src="greet_file.py">
          <pyinterface-file name="words.txt" src="words.txt"></pyinterface-file>
          <pyinterface-file name="helper.py">
            PREFIX = ">> "
          </pyinterface-file>
        </pyinterface-app>
    """)
    ready(page.locator("pyinterface-app"))
    expect(page.get_by_role("heading", name="File greeter")).to_be_visible()
    page.get_by_label("name").fill("Ada")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("region", name="greeting")).to_contain_text(">> Good morning, Ada")


def test_an_export_folder_as_src(page: Page, embed: Embed) -> None:
    host_page(page, embed, "folder.html", f'<pyinterface-app src="{embed.shout}"></pyinterface-app>')
    ready(page.locator("pyinterface-app"))
    page.get_by_label("text").fill("hi")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("region", name="shouted")).to_contain_text("HI!")


def test_two_apps_from_two_export_folders_share_one_worker(page: Page, embed: Embed) -> None:
    """The shout runtime boots Pyodide; the summer app, added later from another origin, gets
    numpy (which that runtime lacks) from its own runtime folder."""
    host_page(page, embed, "two.html", f'<pyinterface-app id="shout" src="{embed.shout}"></pyinterface-app>',
              loaders=(embed.shout, embed.summer))
    ready(page.locator("#shout"))
    page.evaluate(f"""document.body.insertAdjacentHTML("beforeend", '<pyinterface-app id="summer" src="{embed.summer}"></pyinterface-app>')""")
    ready(page.locator("#summer"))
    assert len(page.workers) == 1
    page.get_by_label("numbers").fill("1 2 3.5")
    page.locator("#summer").get_by_role("button", name="Submit").click()
    expect(page.get_by_role("region", name="sum")).to_contain_text("6.5")
    assert page.evaluate("document.querySelector('#summer').predict(['10 20'])") == [30]
    assert page.evaluate("document.querySelector('#shout').predict(['both'])") == ["BOTH!"]
    assert len(page.workers) == 1


def test_an_import_the_runtime_lacks_is_named_in_the_apps_box(page: Page, embed: Embed) -> None:
    # Wrapped in <script type="text/python">, `n<limit` stays Python: unwrapped, HTML would read
    # `<limit` as a tag, the code would not parse, and no import would be named.
    host_page(page, embed, "missing.html", """
        <pyinterface-app>
          <script type="text/python">
            import numpy
            import pyinterface as gr
            limit = 3
            small = [n for n in range(5) if n<limit]
            gr.Interface(lambda x: x, "text", "text").launch()
          </script>
        </pyinterface-app>
    """)
    app = page.locator("pyinterface-app")
    expect(app).to_have_attribute("data-status", "error", timeout=BOOT_TIMEOUT_MS)
    alert = app.get_by_role("alert")
    expect(alert).to_contain_text('the app imports "numpy", which this page\'s Python runtime does not provide')
    expect(alert).to_contain_text("Failed while: load packages")
    rejection = page.evaluate("document.querySelector('pyinterface-app').ready.then(() => null, (err) => err.message)")
    assert '"numpy"' in rejection
    [error] = events(page, "pyinterface-error")
    assert error["detail"]["stage"] == "load packages" and error["detail"]["error"]["type"] == "ModuleNotFoundError"


def test_a_pyodide_version_mismatch_is_a_clear_error(page: Page, embed: Embed) -> None:
    host_page(page, embed, "mismatch.html", f"""
        <pyinterface-app id="current" src="{embed.shout}"></pyinterface-app>
        <pyinterface-app id="older" src="{embed.shout}app-older/manifest.json"></pyinterface-app>
    """)
    ready(page.locator("#current"))
    older = page.locator("#older")
    expect(older).to_have_attribute("data-status", "error", timeout=BOOT_TIMEOUT_MS)
    alert = older.get_by_role("alert")
    expect(alert).to_contain_text("this app needs Pyodide 0.26.4")
    expect(alert).to_contain_text("this page already runs Pyodide 0.27.7")
    expect(alert).to_contain_text("export the apps with the same pyinterface version")
    assert page.evaluate("document.querySelector('#older').status") == "error"


def test_mount_builds_an_app_from_script(page: Page, embed: Embed) -> None:
    code = textwrap.dedent("""
        import pyinterface as gr

        def f(x):
            return open("hello.txt").read() + x + str(len(open("raw.bin", "rb").read()))

        app = gr.Interface(f, gr.Textbox(label="x"), gr.Textbox(label="y"))
    """)
    host_page(page, embed, "mount.html", f"""
        <div id="here"></div>
        <script type="module">
          import {{ mount }} from "{embed.shout}pyinterface.js";
          window.mounted = mount(document.querySelector("#here"), {{
            code: {json.dumps(code)},
            files: {{ "hello.txt": "Hi ", "raw.bin": new Uint8Array([1, 2, 3]) }},
          }});
        </script>
    """)
    ready(page.locator("#here pyinterface-app"))
    assert page.evaluate("window.mounted.predict(['there'])") == ["Hi there3"]
    expect(page.get_by_role("region", name="y")).to_contain_text("Hi there3")


def test_interpret_on_a_runtime_named_by_the_runtime_attribute(page: Page, embed: Embed) -> None:
    """The code imports nothing but pyinterface; the Number's default interpretation needs numpy,
    which the runtime named by `runtime=` has (the bridge's own runtime does not)."""
    host_page(page, embed, "interpret.html", f"""
        <pyinterface-app runtime="{embed.summer}pyodide/">
          import pyinterface as gr
          demo = gr.Interface(lambda x: x * x, gr.Number(label="x"), gr.Number(label="square"), interpretation="default")
        </pyinterface-app>
    """)
    ready(page.locator("pyinterface-app"))
    [interpretation] = page.evaluate("document.querySelector('pyinterface-app').interpret([3])")
    assert set(interpretation) == {"original", "interpretation"} and interpretation["original"] == 3
    [result] = events(page, "pyinterface-result")
    assert result["detail"]["event"] == "interpret" and result["detail"]["inputs"][0] == 3
