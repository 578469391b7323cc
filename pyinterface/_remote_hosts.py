"""``Interface(remote_image_hosts=[...])``: the hosts an app's HTML may load images from.

A pyinterface extension of Gradio 3's arguments. The page blocks every load of untrusted HTML
(Markdown/HTML/Chatbot outputs, the description and the article) from a host other than the
app's own (site/sanitize.mjs), so an output can't track visitors or leak what they typed. An
app that shows pictures from elsewhere names those hosts here, as origins
(``"https://upload.wikimedia.org"``); the page's Content-Security-Policy allows them too.

Each origin is written as the browser's ``URL.origin`` writes it (lower case, default port
dropped, an international host in punycode), because the page compares them as strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from .errors import ConfigurationError

__all__ = ["normalize_remote_image_hosts"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_EXAMPLE = '["https://upload.wikimedia.org"]'


def normalize_remote_image_hosts(hosts: Iterable[str] | str | None) -> list[str]:
    """``hosts`` as a list of origins (``scheme://host[:port]``); ``None`` is ``[]``.

    Raises :class:`ConfigurationError` naming the first value that is not an http(s) origin,
    and how to write it.
    """
    if hosts is None:
        return []
    if isinstance(hosts, str):
        hosts = [hosts]
    try:
        items = list(hosts)
    except TypeError:
        raise ConfigurationError(
            f"remote_image_hosts must be a list of origins such as {_EXAMPLE}, got {hosts!r}."
        ) from None
    origins: list[str] = []
    for item in items:
        origin = _origin(item)
        if origin not in origins:
            origins.append(origin)
    return origins


def _origin(value: object) -> str:
    if not isinstance(value, str):
        raise ConfigurationError(
            f"remote_image_hosts: {value!r} is not a string; give origins such as {_EXAMPLE}."
        )
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError as err:
        raise ConfigurationError(f"remote_image_hosts: {value!r} is not a URL ({err}); give origins such as {_EXAMPLE}.") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ConfigurationError(
            f"remote_image_hosts: {value!r} must start with https:// or http://, e.g. {_EXAMPLE}."
        )
    host = parts.hostname or ""
    if not host or "*" in host:
        raise ConfigurationError(
            f"remote_image_hosts: {value!r} names no host" + (" (wildcards are not supported: list each host)" if "*" in value else "")
            + f"; give origins such as {_EXAMPLE}."
        )
    extra = [name for name, part in (("a path", parts.path not in ("", "/")), ("a query", parts.query),
                                      ("a fragment", parts.fragment), ("a user name", parts.username)) if part]
    if extra:
        bare = f"{scheme}://{parts.netloc.rpartition('@')[2]}"
        raise ConfigurationError(
            f"remote_image_hosts: {value!r} has {' and '.join(extra)}; an origin is scheme and host only: use {bare!r}."
        )
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ConfigurationError(f"remote_image_hosts: {value!r} has a host name the browser can't use.") from None
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"{scheme}://{host}" + (f":{port}" if port is not None and port != _DEFAULT_PORTS[scheme] else "")
