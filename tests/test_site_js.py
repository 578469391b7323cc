"""The JS bridge's pure modules, tested with `node --test` (site/test/), plus the places where
JS and Python must agree: renderer types vs component types, and WAV bytes from wav.mjs vs
the WAV decoder Python uses."""

from __future__ import annotations

import base64
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pyinterface.components.base import Component

SITE = Path(__file__).resolve().parents[1] / "site"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _node(script: str) -> str:
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", script], cwd=SITE, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module", autouse=True)
def vendored() -> Path:
    """site/vendor (DOMPurify, marked, the playground's libraries), which the bridge's modules
    import: vendored here by the function the export uses, so this file passes on its own in a
    fresh clone (from the pinned npm tarballs, checked against their integrity pins)."""
    from pyinterface.tooling import _frontend

    return _frontend.ensure_frontend_vendor()


def _tap_counts(tap: str) -> dict[str, int]:
    """The summary counts of a TAP report (``# pass 12``), whatever Node's default reporter prints."""
    return {key: int(value) for key, value in re.findall(r"^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$", tap, re.M)}


def test_node_unit_tests_pass(vendored: Path) -> None:
    proc = subprocess.run(["node", "--test", "--test-reporter=tap", "test/"], cwd=SITE, capture_output=True, text=True,
                          timeout=300, check=False)
    counts = _tap_counts(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert counts.get("fail") == 0 and counts.get("cancelled", 0) == 0, counts
    assert counts.get("pass", 0) > 0 and counts.get("skipped", 0) == 0, counts  # nothing skipped for want of vendor/


def _component_types() -> set[str]:
    import pyinterface  # noqa: F401 - registers every component class

    found, todo = set(), [Component]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("pyinterface.components.") and cls.component_type != "component":
            found.add(cls.component_type)
    return found


def test_every_python_component_type_has_a_renderer():
    known = set(json.loads(_node("import('./components/index.mjs').then((m) => console.log(JSON.stringify(m.knownTypes())))")))
    missing = _component_types() - known
    assert not missing, f"no JS renderer for {sorted(missing)}"


def test_wav_written_by_the_page_is_read_by_python():
    pytest.importorskip("numpy")
    from pyinterface.components._codecs import decode_wav

    script = (
        "import('./wav.mjs').then(({ encodeWav, bytesToBase64 }) => {"
        " const left = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5));"
        " const right = left.map((v) => -v / 2);"
        " console.log(bytesToBase64(encodeWav([left, right], 16000))); })"
    )
    rate, samples = decode_wav(base64.b64decode(_node(script)))
    assert rate == 16000 and samples.shape == (100, 2)
    assert samples[5, 0] == round(math.sin(1.0) * 32767)
    assert samples[5, 1] == round(-math.sin(1.0) / 2 * 32768)


def test_vendored_libraries_match_their_pins(vendored: Path) -> None:
    from pyinterface.tooling import _frontend

    assert _frontend._is_complete(vendored)


def test_a_damaged_vendor_folder_is_rebuilt_from_the_verified_cache(tmp_path):
    from pyinterface.tooling import _frontend

    cache = SITE.parent / "build" / ".cache" / "npm"
    pins = _frontend.FRONTEND_PACKAGES
    if not all((cache / pin.tarball_name).is_file() for pin in pins):
        pytest.skip("no cached npm tarballs: run `python build/vendor_frontend.py` once")
    dest = _frontend.vendor_frontend(tmp_path / "vendor", cache_dir=cache)
    assert (dest / "dompurify" / "purify.es.mjs").read_bytes().startswith(b"/*! @license DOMPurify")
    (dest / "marked" / "marked.esm.js").write_text("export const marked = 'tampered';")
    assert not _frontend._is_complete(dest)
    _frontend.vendor_frontend(dest, cache_dir=cache)
    assert _frontend._is_complete(dest) and b"tampered" not in (dest / "marked" / "marked.esm.js").read_bytes()


def test_a_cached_tarball_that_fails_its_integrity_pin_is_not_used(tmp_path, monkeypatch):
    from pyinterface.tooling import _frontend

    pin = _frontend.FRONTEND_PACKAGES[0]
    (tmp_path / f"{pin.name}-{pin.version}.tgz").write_bytes(b"not the real tarball")
    # The cached copy is rejected, so npm is asked again; make npm unavailable to see that.
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(_frontend.FrontendVendorError, match="npm is not installed"):
        _frontend._tarball(pin, tmp_path)
