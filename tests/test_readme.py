"""README.md as a new user meets it: the embed snippet first, the right install name, two set-up
commands, and no claim the code does not back (an export does not work from file://)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def test_it_opens_with_a_copy_paste_embed_snippet() -> None:
    first_block = README.split("```html\n", 1)[1].split("```", 1)[0]
    assert README.index("```html") < README.index("## Install")
    assert '<script type="module" src="https://USER.github.io/REPO/pyinterface.js"></script>' in first_block
    assert "<pyinterface-app>\nimport pyinterface as gr" in first_block


def test_it_installs_the_distribution_pyproject_names() -> None:
    name = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
    assert name != "pyinterface"  # an unrelated project owns that name on PyPI
    assert f"    pip install {name}\n" in section("Install") and "3.11" in section("Install")


def test_set_up_keeps_exactly_the_two_scripts() -> None:
    commands = re.findall(r"^    (\S.*)$", section("Set-up"), flags=re.M)
    assert commands == ["./scripts/demo", "./scripts/test"]


def test_it_claims_nothing_about_file_urls_but_the_truth() -> None:
    for line in README.splitlines():
        if "file://" in line:
            assert re.search(r"cannot|not run|do not", line) or "opened from" in line, line
    assert "offline once loaded" not in README


def test_every_published_custom_property_is_documented() -> None:
    css = (ROOT / "site" / "pyinterface.css").read_text(encoding="utf-8")
    host = css[css.index(":host {"):css.index("\n}", css.index(":host {"))]
    published = set(re.findall(r"^\s*(--pyi-[a-z-]+):", host, flags=re.M))
    documented = set(re.findall(r"^\| `(--pyi-[a-z-]+)`", section("Styling"), flags=re.M))
    assert published and published == documented


def test_the_js_api_it_documents_is_the_element_s() -> None:
    api = section("The `<pyinterface-app>` element and its JS API")
    element = (ROOT / "site" / "element.mjs").read_text(encoding="utf-8")
    for member, code in {"ready": "get ready()", "status": "get status()", "predict": "predict(", "interpret": "interpret(", "exec": "exec("}.items():
        assert f"`el.{member}" in api or f"`await el.{member}" in api, member
        assert code in element, member
    for event in ("pyinterface-status", "pyinterface-result", "pyinterface-error"):
        assert f"`{event}`" in api and f'"{event}"' in element
    assert "export { mount }" in (ROOT / "site" / "pyinterface.mjs").read_text(encoding="utf-8") and "mount(" in api
