"""``load("spaces/{id}")``: find the Space, read its config, rebuild its interface here.

1. ``GET {hub}/api/spaces/{id}/host`` -> ``{"host": "https://owner-name.hf.space"}``; that host
   is now trusted with the token (the configured Hub vouched for it). A name that is already
   an ``http(s)://`` URL is used as the host, and is not sent the token unless it is one of the
   configured hosts;
2. ``GET {host}/config`` -> components and dependencies; the first public endpoint (or
   ``api_name=``) is the one the Interface calls;
3. its input and output components are rebuilt locally, unless ``inputs=`` / ``outputs=``
   override them (Gradio 3 ignored overrides for Spaces; here they win, as for models).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from ..errors import ConfigurationError
from ._errors import HubResponseError, SpaceError, Target, UnsupportedPipelineError
from ._function import HubFunction
from ._settings import HubSettings
from ._space_call import SpaceEndpoint, call_flow
from ._space_components import SUPPORTED_TYPES, build_component
from ._transport import Flow, build_request, exchange

__all__ = ["build_space_interface", "space_config_flow"]

_SPACE_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")


def _target(settings: HubSettings, space_id: str) -> Target:
    return Target("Space", space_id, page=f"{settings.hub_endpoint}/spaces/{space_id}", hub=settings.hub_endpoint)


def space_config_flow(settings: HubSettings, name: str) -> Flow[tuple[HubSettings, str, dict[str, Any]]]:
    """-> (settings trusting the Space host, host, config)."""
    if name.startswith(("http://", "https://")):
        host = name.rstrip("/")
    else:
        if not _SPACE_ID.match(name) or ".." in name:
            raise ValueError(f"load: {name!r} is not a Space id; expected 'owner/name', e.g. 'spaces/gradio/hello_world'.")
        lookup = build_request(settings, "GET", f"{settings.hub_endpoint}/api/spaces/{quote(name)}/host",
                               accept="application/json")
        response = yield from exchange(settings, lookup, _target(settings, name))
        answer = response.json()
        host = answer.get("host") if isinstance(answer, dict) else None
        if not isinstance(host, str) or not host.startswith(("http://", "https://")):
            raise HubResponseError(
                f"{settings.hub_endpoint} did not return a host for Space {name!r} (got {response.text()[:200]}). "
                "If it is private, pass hf_token=... to load() or set HF_TOKEN.", url=response.url,
            )
        host = host.rstrip("/")
        settings = settings.trusting(host)
    target = _target(settings, name)
    response = yield from exchange(settings, build_request(settings, "GET", f"{host}/config",
                                                           accept="application/json"), target)
    try:
        config = response.json()
    except ValueError:
        config = None
    if not isinstance(config, dict) or "components" not in config or "dependencies" not in config:
        raise HubResponseError(
            f"{host}/config is not a Gradio app's configuration, so {target} cannot be loaded (is it a Gradio Space, "
            "and is it running? Open its page to wake it up).", url=response.url,
        )
    return settings, host, config


def _public(dependency: dict[str, Any]) -> bool:
    if dependency.get("backend_fn") is False or dependency.get("api_name") in (None, False, ""):
        return False
    visibility = dependency.get("api_visibility")
    if visibility is not None:  # Gradio 6
        return visibility == "public"
    return dependency.get("show_api", True) is not False


def _endpoint(config: dict[str, Any], target: Target, api_name: str | None) -> tuple[int, dict[str, Any]]:
    dependencies = list(enumerate(config["dependencies"]))
    public = [(i, d) for i, d in dependencies if _public(d)]
    if api_name is not None:
        wanted = api_name.lstrip("/")
        for index, dependency in dependencies:
            if dependency.get("api_name") == wanted:
                return dependency.get("id", index), dependency
        names = ", ".join(f"'/{d['api_name']}'" for _, d in public) or "none"
        raise ValueError(f"load: {target} has no endpoint api_name={api_name!r}; its endpoints are {names}.")
    if not public:
        raise SpaceError(f"{target.opening} has no public API endpoint to call.")
    index, dependency = public[0]
    return dependency.get("id", index), dependency


def _components(config: dict[str, Any], ids: list[int], target: Target, role: str) -> tuple[list[str], list[Any]]:
    by_id = {c.get("id"): c for c in config["components"]}
    kinds, components = [], []
    for position, component_id in enumerate(ids, start=1):
        spec = by_id.get(component_id)
        if spec is None:
            raise HubResponseError(f"{target}'s config names {role} component {component_id}, which it does not list.")
        kinds.append(spec["type"])
        components.append(spec)
    return kinds, components


def build_space_interface(settings: HubSettings, host: str, config: dict[str, Any], *, name: str,
                          alias: str | None, kwargs: dict[str, Any]) -> Any:
    """The Interface calling the Space's endpoint; ``kwargs`` override components and texts."""
    from .._interface import Interface

    target = _target(settings, name)
    kwargs = dict(kwargs)
    fn_index, dependency = _endpoint(config, target, kwargs.get("api_name"))
    input_kinds, input_specs = _components(config, dependency.get("inputs", []), target, "input")
    output_kinds, output_specs = _components(config, dependency.get("outputs", []), target, "output")
    version = str(config.get("version") or "")
    endpoint = SpaceEndpoint(
        space_id=name, host=host, api_prefix=str(config.get("api_prefix") or ""),
        api_name=str(dependency["api_name"]), fn_index=fn_index, input_kinds=tuple(input_kinds),
        output_kinds=tuple(output_kinds), gradio_version=version, legacy=version.startswith(("2.", "3.")),
    )
    kwargs.pop("api_name", None)  # chose the endpoint; the Interface's own endpoint takes its name
    options: dict[str, Any] = {"api_name": endpoint.api_name}
    title = config.get("title")
    if isinstance(title, str) and title and title != "Gradio":
        options["title"] = title
    for role, specs in (("inputs", input_specs), ("outputs", output_specs)):
        if role in kwargs:
            continue
        unsupported = [f"{role[:-1]} {i} ({s['type']!r})" for i, s in enumerate(specs, 1) if s["type"] not in SUPPORTED_TYPES]
        if unsupported:
            raise UnsupportedPipelineError(
                f"{target.opening} uses components pyinterface does not have: {', '.join(unsupported)}. Pass {role}=[...] to "
                f"load() with components that can show these values (supported: {', '.join(sorted(SUPPORTED_TYPES))})."
            )
        options[role] = [build_component(s, is_input=role == "inputs") for s in specs]
    options.update(kwargs)
    for role, kinds in (("inputs", input_kinds), ("outputs", output_kinds)):
        given = options.get(role)
        count = 0 if given is None else len(given) if isinstance(given, (list, tuple)) else 1
        if count != len(kinds):
            raise ConfigurationError(
                f"load: {target}'s endpoint '/{endpoint.api_name}' has {len(kinds)} {role} ({', '.join(kinds) or 'none'}) "
                f"but {role}= gives {count}; give one component per {role[:-1]}."
            )
    fn = HubFunction(alias or name, lambda *values: call_flow(settings, endpoint, target, *values),
                     description=f"Space {name} (/{endpoint.api_name})")
    fn.space_endpoint = endpoint  # type: ignore[attr-defined]
    fn.settings = settings  # type: ignore[attr-defined]
    return Interface(fn, **options)
