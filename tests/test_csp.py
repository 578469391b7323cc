"""The Content-Security-Policy builder (pyinterface/tooling/_csp.py) and the pages that ship it."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from pyinterface.tooling._csp import (
    DEFAULT_HUB_SOURCES, InlineParts, Reach, app_reach, content_security_policy, inline_parts, policy_of, with_policy,
)
from pyinterface.tooling._pages import URL_SCHEME_SCRIPT, app_page, site_index

PAGE = """<!doctype html>
<html><head>
  <meta charset="utf-8">
  <title>t</title>
  <script type="importmap">{"imports": {}}</script>
  <script type="module" src="x.mjs"></script>
  <script type="application/json">{"not": "run"}</script>
  <style>p { color: red }</style>
</head><body>
  <x-app><template shadowrootmode="open"><style data-pyinterface-css>.a{b:c}</style>
  <span style="width:50%">bar</span><span style="background:#ff0000"></span></template></x-app>
  <script>run("&amp;")</script>
</body></html>
"""


def sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in found, f"{name} twice in {policy}"
        found[name] = sources
    return found


def test_inline_parts_are_what_the_browser_runs_and_applies() -> None:
    parts = inline_parts(PAGE)
    # The import map and the classic script run; a src= script and a JSON data block do not.
    assert parts.scripts == ('{"imports": {}}', 'run("&amp;")')  # script text is raw: no entity decoding
    assert parts.styles == ("p { color: red }", ".a{b:c}")  # inside a declarative shadow root too


def test_the_policy_is_strict_and_allows_the_inline_parts_by_hash() -> None:
    policy = directives(content_security_policy(inline_parts(PAGE)))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", sha('{"imports": {}}'), sha('run("&amp;")')]
    # <style> elements by hash only; style attributes (sanitised output, prerendered bars) allowed.
    assert policy["style-src"] == policy["style-src-elem"] == ["'self'", sha("p { color: red }"), sha(".a{b:c}")]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["media-src"] == ["'self'", "data:", "blob:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["base-uri"] == policy["form-action"] == policy["object-src"] == ["'none'"]
    unsafe = [(name, s) for name, sources in policy.items() for s in sources if s.startswith("'unsafe")]
    assert unsafe == [("style-src-attr", "'unsafe-inline'")]


def test_blob_scripts_for_a_single_file_page_and_duplicates_once() -> None:
    policy = directives(content_security_policy(InlineParts(scripts=("x()", "x()")), blob_scripts=True))
    assert policy["script-src"] == ["'self'", "blob:", "'wasm-unsafe-eval'", sha("x()")]


def test_app_reach_names_hub_runtime_and_image_hosts() -> None:
    manifest = {
        "packages": ["pyodide-http"], "runtime": "https://cdn.example.org/pyodide/0.27.7/",
        "hub": {"endpoint": "https://hub.example.org/", "inference_endpoint": "http://127.0.0.1:8080/infer"},
        "config": {"remote_image_hosts": ["https://images.example.org", "https://*.cdn.example.net:8443/"]},
    }
    assert app_reach(manifest) == Reach(
        connect=("https://hub.example.org", "http://127.0.0.1:8080", "https://cdn.example.org"),
        images=("https://images.example.org", "https://*.cdn.example.net:8443"),
    )
    # An app that uses the Hub (the export added pyodide-http) with no Hub named: the default Hub and its Spaces.
    assert app_reach({"packages": ["pyodide-http"], "runtime": "../pyodide/"}).connect == DEFAULT_HUB_SOURCES
    assert app_reach({"packages": ["numpy"], "runtime": "../pyodide/", "config": {}}) == Reach()
    assert app_reach(None) == Reach()


@pytest.mark.parametrize("host", ["images.example.org", "https://a.org/path", "https://a.org; script-src *", "'self'",
                                  "javascript:alert(1)"])
def test_a_remote_image_host_that_is_not_an_origin_is_refused(host: str) -> None:
    with pytest.raises(ValueError, match="remote_image_hosts"):
        app_reach({"config": {"remote_image_hosts": [host]}})


def test_with_policy_puts_the_meta_right_after_the_charset_and_replaces_an_old_one() -> None:
    page = with_policy(PAGE, Reach(connect=("https://hub.example.org",)))
    head = page[page.index("<head>"):]
    assert head.index('<meta charset="utf-8">') < head.index("Content-Security-Policy") < head.index("<title>")
    assert page.index("Content-Security-Policy") < 1024
    policy = policy_of(page)
    assert policy == content_security_policy(inline_parts(PAGE), Reach(connect=("https://hub.example.org",)))
    again = with_policy(page)
    assert again.count("Content-Security-Policy") == 1 and "hub.example.org" not in policy_of(again)
    with pytest.raises(ValueError, match="charset"):
        with_policy("<html><head></head></html>")


MANIFEST = {
    "entry": "app.py", "files": ["app.py"], "packages": [], "runtime": "../pyodide/",
    "config": {"title": "T", "mode": "interface", "components": [
        {"id": 1, "type": "colorpicker", "props": {"label": "c", "value": "#ff0000"}},
        {"id": 2, "type": "label", "props": {"label": "l", "value": {"label": "a", "confidences": [
            {"label": "a", "confidence": 0.25}]}}},
    ], "layout": {"inputs": [1], "outputs": [2]}, "remote_image_hosts": ["https://img.example.org"]},
}


def test_the_app_page_allows_exactly_its_inline_parts() -> None:
    page = app_page("T", stylesheet=True, manifest=MANIFEST)
    policy = directives(policy_of(page))
    parts = inline_parts(page)
    # One inline script: ?__theme= for the prerendered UI (the manifest is a JSON data block, not run).
    assert parts.scripts == (URL_SCHEME_SCRIPT,)
    assert len(parts.styles) == 1 and "pyi-" in parts.styles[0]  # pyinterface.css in the prerendered shadow root
    assert policy["style-src-elem"] == ["'self'", sha(parts.styles[0])]
    assert 'style="' in page  # the prerendered swatch and bar: style attributes, which style-src-attr allows
    assert policy["img-src"] == ["'self'", "data:", "blob:", "https://img.example.org"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", sha(URL_SCHEME_SCRIPT)]


def test_the_site_index_allows_its_style_block() -> None:
    from pyinterface.tooling._frontend import site_dir

    page = site_index(site_dir() / "pages" / "site-index.html", title="t", lead="l", apps=[("a", "A", "x")])
    (style,) = inline_parts(page).styles
    assert sha(style) in directives(policy_of(page))["style-src-elem"]


def test_the_playground_page_allows_its_import_map(tmp_path: Path) -> None:
    from pyinterface.tooling import _playground

    template = (Path(_playground._frontend.site_dir()) / "pages" / "playground.html").read_text(encoding="utf-8")
    filled = template.replace("$import_map", _playground._import_map()).replace("$file_protocol", "p.js")
    page = with_policy(filled)
    (import_map,) = inline_parts(page).scripts
    assert json.loads(import_map)["imports"]
    assert sha(import_map) in directives(policy_of(page))["script-src"]


def test_the_single_file_page_allows_its_loader_and_hand_over_line_and_blob_modules() -> None:
    from pyinterface.tooling._singlefile._page import _TAKE_CODE, PackedFile, single_file_page

    folder_page = app_page("T", stylesheet=False, manifest=MANIFEST)
    files = [PackedFile("pyinterface/a.mjs", "text/javascript", b"export {}", gzip=False)]
    page = single_file_page(folder_page, files, index={"files": ["pyinterface/a.mjs"]}, loader="load(); // </script",
                            base="https://x.invalid/", app_files={}, reach=app_reach(MANIFEST))
    assert page.count("Content-Security-Policy") == 1
    script = directives(policy_of(page))["script-src"]
    assert script[:3] == ["'self'", "blob:", "'wasm-unsafe-eval'"]
    assert set(script[3:]) == {sha(s) for s in inline_parts(page).scripts} == {
        sha(_TAKE_CODE), sha("\nload(); // <\\/script"), sha(URL_SCHEME_SCRIPT)}


def test_the_bridge_sets_no_style_attribute() -> None:
    """Colours go through the CSSOM (``el.style.x``, ``setProperty``), never a ``style=""``
    attribute, so a host whose header refuses style attributes loses none (HighlightedText's
    legend once did: ``h("span", {style: ...})``)."""
    import re

    from pyinterface.tooling._frontend import site_dir

    attribute = re.compile(r"""\bstyle:\s*[`'"]|setAttribute\(\s*["']style["']""")
    found = [f"{path.relative_to(site_dir())}:{number}: {line.strip()}"
             for path in sorted(site_dir().rglob("*.mjs")) if not {"vendor", "test", "node_modules"} & set(path.parts)
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if attribute.search(line)]
    assert found == []
