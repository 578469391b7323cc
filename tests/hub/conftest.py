"""Fixtures for the Hub tests: the loopback Hub emulator and a real modern-Gradio Space.

* ``hub``: one emulator per session with every task registered; per test the request log
  and scripts are cleared, ``HF_ENDPOINT`` / ``HF_INFERENCE_ENDPOINT`` point at it,
  ``HF_TOKEN`` is unset and back-offs use a fake clock (``hub.clock.slept``).
* ``real_space``: ``tests/hub/space_app.py`` served by modern Gradio on a free loopback port
  (see tests/hub_space.py, shared with the end-to-end tests). The emulator's
  ``/api/spaces/eugenesiow/remove-bg/host`` answers with its URL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hub_emulator import HubEmulator
from tests.hub_space import (  # noqa: F401  (re-exported: tests import these from here)
    MODELS, MODERN_GRADIO, MODERN_VENV, REPO, SPACE_APP, SPACE_ID, free_port, make_emulator, modern_gradio_python,
    shared_space, wait_for_config,
)


class FakeClock:
    """Records back-offs instead of sleeping (installed as pyinterface.hub._transport.CLOCK)."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.slept.append(seconds)


@pytest.fixture(scope="session")
def hub_session() -> Iterator[HubEmulator]:
    emulator = make_emulator()
    yield emulator
    emulator.stop()


@pytest.fixture()
def hub(hub_session: HubEmulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubEmulator]:
    from pyinterface.hub import _settings, _transport

    monkeypatch.setenv("HF_ENDPOINT", hub_session.url)
    monkeypatch.setenv("HF_INFERENCE_ENDPOINT", hub_session.inference_url)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr(_settings, "_session_token", None)
    clock = FakeClock()
    monkeypatch.setattr(_transport, "CLOCK", clock)
    with hub_session._lock:
        hub_session.requests.clear()
        hub_session.scripts.clear()
    hub_session.clock = clock  # type: ignore[attr-defined]
    yield hub_session
    with hub_session._lock:
        hub_session.scripts.clear()


@pytest.fixture(scope="session")
def real_space(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the running Space app (modern Gradio, loopback; one server per test session)."""
    with shared_space(tmp_path_factory) as url:
        yield url


@pytest.fixture()
def space(hub: HubEmulator, real_space: str) -> str:
    """The emulator, with ``eugenesiow/remove-bg`` resolving to the real Space."""
    hub.add_space(SPACE_ID, real_space)
    return real_space
