"""The wire protocol's Python side: every message type validates, round-trips through JSON,
and agrees with site/protocol.mjs (same version, same types, same fields)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import typing
from pathlib import Path

import pytest

from pyinterface import _protocol as protocol

SITE = Path(__file__).resolve().parents[1] / "site"

#: One well-formed message of every type.
SAMPLES: dict[str, dict[str, typing.Any]] = {
    "hello": {"type": "hello", "protocol": protocol.PROTOCOL_VERSION},
    "start-runtime": {"type": "start-runtime", "runtime": "http://x/pyodide/", "pyodide": "0.27.7", "packages": ["numpy"]},
    "load-app": {"type": "load-app", "id": 1, "app": "app1", "runtime": "http://x/pyodide/",
                 "source_url": "http://x/app/manifest.json", "manifest": {"entry": "app.py"},
                 "files": [{"name": "app.py", "url": "http://x/app/app.py"}]},
    "run-app": {"type": "run-app", "id": 1, "app": "app1", "path": "/home/pyodide/apps/app1", "entry": "app.py"},
    "progress": {"type": "progress", "id": None, "stage": "load runtime", "message": "Downloading", "loaded": 10, "total": 20.5},
    "config": {"type": "config", "id": 1, "app": "app1", "config": {"version": 1}},
    "event": {"type": "event", "id": 2, "app": "app1", "event": "predict", "data": ["Ada", 3, None]},
    "cancel": {"type": "cancel", "id": 2},
    "result": {"type": "result", "id": 2, "data": [{"label": "cat"}]},
    "error": {"type": "error", "id": 2, "error": {"type": "ValueError", "message": "bad", "traceback": "Traceback...", "stage": None}},
    "hub-token": {"type": "hub-token", "token": "hf_pasted"},
    "hub-wait": {"type": "hub-wait", "id": 2, "app": "app1", "seconds": 12.5, "message": "Model is loading",
                 "attempt": 1, "max_attempts": 4, "status": 503},
    "exec": {"type": "exec", "id": 3, "app": "app1", "code": "print(6*7)"},
    "exec-output": {"type": "exec-output", "id": 3, "stream": "stdout", "text": "42\n"},
    "exec-result": {"type": "exec-result", "id": 3, "status": "complete", "value": "'ABC'"},
    "unload-app": {"type": "unload-app", "app": "app1"},
    "app-output": {"type": "app-output", "app": "app1", "stream": "stdout", "text": "starting\n"},
    "fatal": {"type": "fatal", "reason": "Python exited (exit code 1)"},
}


def test_every_message_type_has_a_sample_and_a_typeddict():
    assert set(SAMPLES) == set(protocol.MESSAGE_TYPES)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_message_type_round_trips_through_json(kind):
    message = SAMPLES[kind]
    assert protocol.decode(protocol.encode(message)) == message


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_missing_field_is_named(kind):
    message = dict(SAMPLES[kind])
    field = next(name for name in message if name != "type")
    del message[field]
    with pytest.raises(protocol.ProtocolError, match=f'no "{field}" field'):
        protocol.validate_message(message)


def test_a_field_of_the_wrong_type_names_field_expected_and_value():
    with pytest.raises(protocol.ProtocolError, match=r'"id" must be integer, got \'seven\' \(string\)'):
        protocol.validate_message({**SAMPLES["result"], "id": "seven"})


def test_unknown_types_and_non_objects_are_refused():
    with pytest.raises(protocol.ProtocolError, match="unknown message type 'shout'"):
        protocol.validate_message({"type": "shout"})
    with pytest.raises(protocol.ProtocolError, match="must be an object"):
        protocol.validate_message([1, 2])
    with pytest.raises(protocol.ProtocolError, match="must be JSON text"):
        protocol.decode("{not json")


def test_an_unknown_event_name_is_refused():
    with pytest.raises(protocol.ProtocolError, match="must be one of predict, interpret"):
        protocol.validate_message({**SAMPLES["event"], "event": "flag"})


def test_exec_streams_and_statuses_are_checked():
    with pytest.raises(protocol.ProtocolError, match="\"stream\" must be one of stdout, stderr, got 'stdin'"):
        protocol.validate_message({**SAMPLES["exec-output"], "stream": "stdin"})
    with pytest.raises(protocol.ProtocolError, match="\"status\" must be one of complete, incomplete"):
        protocol.validate_message({**SAMPLES["exec-result"], "status": "done"})
    assert protocol.validate_message({**SAMPLES["exec-result"], "status": "incomplete", "value": None})
    with pytest.raises(protocol.ProtocolError, match="\"stream\" must be one of stdout, stderr, got 'log'"):
        protocol.validate_message({**SAMPLES["app-output"], "stream": "log"})


def test_a_config_without_an_id_is_a_relaunch_and_valid():
    """Console input that launches an Interface makes Python send its config unasked (id None)."""
    assert protocol.validate_message(protocol.make_config(None, "app1", {"version": 1}))["id"] is None


def test_the_error_object_is_checked_too():
    with pytest.raises(protocol.ProtocolError, match='the "error" of an error message has no "traceback"'):
        protocol.validate_message({"type": "error", "id": 1, "error": {"type": "E", "message": "m", "stage": None}})


def test_make_helpers_build_valid_messages():
    for message in (
        protocol.make_config(1, "a", {"version": 1}),
        protocol.make_result(1, ["x"]),
        protocol.make_error(None, "ValueError", "bad", None, "run app"),
        protocol.make_progress(2, protocol.INTERPRET_STAGE, "3 of 9 evaluations", 3, 9),
        protocol.make_exec_output(3, "stderr", "warning\n"),
        protocol.make_exec_result(3, "incomplete", None),
        protocol.make_app_output("app1", "stderr", "warning\n"),
    ):
        assert protocol.validate_message(message) is message


def test_encode_turns_nan_and_numpy_values_into_json():
    np = pytest.importorskip("numpy")
    text = protocol.encode(protocol.make_result(3, [math.nan, np.float32(0.5), np.arange(3), {"k": np.int64(2)}]))
    assert json.loads(text)["data"] == [None, 0.5, [0, 1, 2], {"k": 2}]


def test_encode_names_a_value_that_is_not_json():
    with pytest.raises(protocol.ProtocolError, match="not JSON"):
        protocol.encode(protocol.make_result(3, [object()]))


def test_typeddicts_list_the_same_fields_as_the_runtime_schema():
    for kind, cls in protocol._MESSAGE_CLASSES.items():
        hints = typing.get_type_hints(cls)
        assert set(hints) - {"type"} == set(protocol._FIELDS[kind]), kind
    assert set(typing.get_type_hints(protocol.ErrorInfo)) == set(protocol.ERROR_FIELDS) | set(protocol.ERROR_OPTIONAL_FIELDS)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_python_and_javascript_speak_the_same_protocol():
    script = (
        "import('./protocol.mjs').then((m) => console.log(JSON.stringify({version: m.PROTOCOL_VERSION, "
        "fields: m.MESSAGE_FIELDS, error: m.ERROR_FIELDS, errorOptional: m.ERROR_OPTIONAL_FIELDS, "
        "stages: m.STAGES, events: m.EVENTS, streams: m.EXEC_STREAMS, statuses: m.EXEC_STATUSES, "
        "interpretStage: m.INTERPRET_STAGE})))"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=SITE, capture_output=True, text=True, check=True)
    js = json.loads(out.stdout)
    assert js["version"] == protocol.PROTOCOL_VERSION
    assert js["fields"] == protocol._FIELDS
    assert js["error"] == protocol.ERROR_FIELDS
    assert js["errorOptional"] == protocol.ERROR_OPTIONAL_FIELDS
    assert tuple(js["stages"]) == protocol.STAGES
    assert tuple(js["events"]) == protocol.EVENTS
    assert tuple(js["streams"]) == protocol.EXEC_STREAMS
    assert tuple(js["statuses"]) == protocol.EXEC_STATUSES
    assert js["interpretStage"] == protocol.INTERPRET_STAGE


def test_a_hub_error_carries_its_details_and_they_are_checked():
    message = protocol.make_error(4, "Error", "needs a token", None, None, hub={"kind": "token", "needs_token": True})
    assert protocol.decode(protocol.encode(message))["error"]["hub"] == {"kind": "token", "needs_token": True}
    assert "hub" not in protocol.make_error(4, "Error", "plain")["error"]  # only Hub errors carry it
    with pytest.raises(protocol.ProtocolError, match=r'"hub" must be object\|null'):
        protocol.validate_message({**message, "error": {**message["error"], "hub": "token"}})


def test_make_hub_wait_takes_a_wait_as_the_hub_gives_it():
    from pyinterface.hub import Wait

    wait = Wait(12.0, "Model is loading. Retrying in 12 s.", 1, 4, 503, "http://hub/models/gpt2")
    message = protocol.make_hub_wait(7, "app2", wait.to_dict())
    assert protocol.validate_message(message) == {
        "type": "hub-wait", "id": 7, "app": "app2", "seconds": 12.0, "message": "Model is loading. Retrying in 12 s.",
        "attempt": 1, "max_attempts": 4, "status": 503,
    }
