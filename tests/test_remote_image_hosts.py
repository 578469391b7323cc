"""``Interface(remote_image_hosts=[...])``: origins only, written as the browser writes them, in the config."""

from __future__ import annotations

import pytest

import pyinterface as gr
from pyinterface.errors import ConfigurationError


def _interface(**kwargs: object) -> gr.Interface:
    return gr.Interface(lambda text: text, "text", "text", **kwargs)


def test_no_remote_host_by_default() -> None:
    assert _interface().config()["remote_image_hosts"] == []


def test_origins_reach_the_config_as_url_origin_writes_them() -> None:
    demo = _interface(remote_image_hosts=["https://Upload.Wikimedia.org/", "http://images.example:80",
                                          "https://images.example:8443", "https://bücher.example",
                                          "https://upload.wikimedia.org"])
    assert demo.config()["remote_image_hosts"] == [
        "https://upload.wikimedia.org", "http://images.example", "https://images.example:8443",
        "https://xn--bcher-kva.example",
    ]


def test_one_string_is_one_origin() -> None:
    assert _interface(remote_image_hosts="https://upload.wikimedia.org").remote_image_hosts == ["https://upload.wikimedia.org"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("upload.wikimedia.org", "'upload.wikimedia.org' must start with https:// or http://"),
        ("ftp://files.example", "'ftp://files.example' must start with https:// or http://"),
        ("https://upload.wikimedia.org/wikipedia/", "has a path; an origin is scheme and host only: use 'https://upload.wikimedia.org'"),
        ("https://images.example/?size=2", "has a query"),
        ("https://user@images.example", "has a user name"),
        ("https://*.example.org", "wildcards are not supported"),
        ("https://", "names no host"),
        ("https://images.example:99999", "is not a URL"),
        (42, "42 is not a string"),
    ],
)
def test_a_bad_value_is_named_with_its_fix(value: object, message: str) -> None:
    with pytest.raises(ConfigurationError) as error:
        _interface(remote_image_hosts=[value])
    assert message in str(error.value)
    assert str(error.value).startswith("remote_image_hosts")


def test_not_a_list_fails_naming_the_argument() -> None:
    with pytest.raises(ConfigurationError, match=r"remote_image_hosts must be a list of origins such as"):
        _interface(remote_image_hosts=5)


def test_parallel_and_series_take_it_too() -> None:
    one, two = _interface(), _interface()
    assert gr.Parallel(one, two, remote_image_hosts=["https://a.example"]).config()["remote_image_hosts"] == ["https://a.example"]
    assert gr.Series(one, two, remote_image_hosts=["https://a.example"]).config()["remote_image_hosts"] == ["https://a.example"]
