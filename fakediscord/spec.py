"""Discord's own OpenAPI specification (API v10) as the oracle for the loopback Discord.

Every REST request the bot sends is checked against it: the path and method exist, the query
parameters are declared, the path parameters and the JSON body (or a multipart ``payload_json``)
validate against the operation's schema, formats included (``uri``, ``date-time``, integer
ranges). The fake's own answers are checked too: REST responses against the operation's response
schema, and gateway payloads (READY, GUILD_CREATE, INTERACTION_CREATE, MESSAGE_CREATE) against the
spec's object schemas (the spec has no gateway events, but it has their objects).

The spec is read from ``../shared/discord-api-spec/openapi.json`` beside the repository (or the
file named by ``COVERBOT_DISCORD_SPEC``); it is not copied into the project. Without it the checks
are off and :func:`load_spec` returns ``None``.

``ALLOWED`` is the short list of what Discord accepts although the spec does not say so: each
entry rewrites a request into the spec's form before validating, with the reason beside it.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_ENV = "COVERBOT_DISCORD_SPEC"
DEFAULT_SPEC = Path(__file__).resolve().parents[2] / "shared" / "discord-api-spec" / "openapi.json"
"""``../shared/discord-api-spec/openapi.json`` beside the repository."""
_URN = "urn:discord-api-spec"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}

Rewrite = Callable[[str, str, Any], Any]


def _snowflake_ints_to_strings(method: str, route: str, body: Any) -> Any:
    """Turn ``message_reference`` ids sent as JSON integers into strings."""
    if not isinstance(body, dict) or not isinstance(body.get("message_reference"), dict):
        return body
    reference = dict(body["message_reference"])
    for key in ("message_id", "channel_id", "guild_id"):
        if isinstance(reference.get(key), int) and not isinstance(reference.get(key), bool):
            reference[key] = str(reference[key])
    return {**body, "message_reference": reference}


def _upload_ids_to_strings(method: str, route: str, body: Any) -> Any:
    """Turn new uploads' integer ``attachments[].id`` (the ``files[n]`` index) into strings."""
    data = body.get("data") if isinstance(body, dict) and "type" in body else body
    if not isinstance(data, dict) or not isinstance(data.get("attachments"), list):
        return body
    fixed = {
        **data,
        "attachments": [
            {**a, "id": str(a["id"])} if isinstance(a, dict) and isinstance(a.get("id"), int) else a
            for a in data["attachments"]
        ],
    }
    return {**body, "data": fixed} if data is not body else fixed


ALLOWED: tuple[tuple[Rewrite, str], ...] = (
    (
        _snowflake_ints_to_strings,
        "discord.py 2.x sends message_reference.message_id/channel_id/guild_id as JSON integers "
        "(MessageReference.to_message_reference_dict). Discord accepts either form: its docs type "
        "snowflakes as strings only so that *responses* do not overflow 53-bit integers "
        "('they are always returned as strings in the HTTP API'); the spec's SnowflakeType "
        "describes only the string.",
    ),
    (
        _upload_ids_to_strings,
        "discord.py numbers new uploads in attachments[].id with integers (0, 1, ...), matching "
        "files[n]; the docs' own 'Uploading Files' example sends \"id\": 0 as an integer.",
    ),
)
"""What real Discord accepts that the spec does not describe, each with the reason."""


def _uri(value: object) -> bool:
    """Tell whether ``value`` is an absolute URI (a scheme, no spaces; http(s): a host)."""
    if not isinstance(value, str):
        return True
    if not value or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    parts = urlsplit(value)
    if not _SCHEME.match(parts.scheme or ""):
        return False
    return bool(parts.netloc) if parts.scheme.lower() in ("http", "https") else True


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in value


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("uri")(_uri)
    checker.checks("date-time")(_date_time)
    for name, (low, high) in _INT_RANGES.items():
        checker.checks(name)(
            lambda v, lo=low, hi=high: (
                not isinstance(v, int) or isinstance(v, bool) or lo <= v <= hi
            )
        )
    return checker


@dataclass(frozen=True)
class Operation:
    """One method on one spec path, with its parameter names and body/response schemas."""

    template: str
    method: str
    document: dict[str, Any]
    pointer: str
    path_params: dict[str, tuple[str, str]]
    """Name → (value in the request, JSON pointer of its schema)."""
    query_params: frozenset[str]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Problem:
    """One way a request or payload breaks the spec: where in the JSON, and what."""

    path: tuple[str | int, ...]
    text: str

    def __str__(self) -> str:
        return self.text

    def prefixed(self, prefix: str) -> Problem:
        """Return the same problem with ``prefix`` before its text."""
        return Problem(self.path, f"{prefix}{self.text}")


def _describe(error: ValidationError) -> Problem:
    where = "/".join(str(p) for p in error.absolute_path) or "(body)"
    detail = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return Problem(tuple(error.absolute_path), f"{where}: {detail} [{error.validator}]")


def _closest(errors: list[ValidationError]) -> list[ValidationError]:
    """Replace each anyOf/oneOf failure by the errors of the branch that came closest to passing.

    The closest branch is the one with the fewest errors, then the deepest ones (it got further
    into the instance): for a message body that is the message branch, not the autocomplete one.
    """
    found: list[ValidationError] = []
    for error in errors:
        if error.validator not in ("anyOf", "oneOf") or not error.context:
            found.append(error)
            continue
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        closest: list[list[ValidationError]] = [_closest(group) for group in branches.values()]
        best = min(closest, key=_distance)
        found += best
    return found


def _distance(group: list[ValidationError]) -> tuple[bool, int, int]:
    """How far a branch is from passing: a wrong ``type`` discriminator, then count, depth."""
    wrong_kind = any(
        list(e.relative_path)[-1:] == ["type"] and e.validator in ("enum", "const") for e in group
    )
    return wrong_kind, len(group), -max(len(e.absolute_path) for e in group)


class DiscordSpec:
    """Discord's OpenAPI document, with validators compiled on first use."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(_URN, resource)
        self.formats = _format_checker()
        self._routes = sorted(
            ((self._regex(t), t) for t in document["paths"]),
            key=lambda item: -sum(not s.startswith("{") for s in item[1].split("/")),
        )

    @staticmethod
    def _regex(template: str) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", template)
        body = "".join(
            f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts
        )
        return re.compile(f"^{body}$")

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one spec per test session
    def validator(self, pointer: str) -> Draft202012Validator:
        """Return a validator for the schema at JSON pointer ``pointer`` of the document."""
        ref = f"{_URN}#{quote(pointer, safe='/~')}"
        return Draft202012Validator(
            {"$ref": ref}, registry=self.registry, format_checker=self.formats
        )

    def errors(self, pointer: str, instance: Any) -> list[Problem]:
        """Validate ``instance``; return one line per failure (in an anyOf, the closest branch)."""
        return [_describe(e) for e in _closest(list(self.validator(pointer).iter_errors(instance)))]

    def operation(self, method: str, path: str) -> Operation | None:
        """Return the spec operation serving ``method path`` (path after ``/api/v10``)."""
        for regex, template in self._routes:
            match = regex.match(path)
            if match is None:
                continue
            item = self.document["paths"][template]
            op = item.get(method.lower())
            if op is None:
                return None
            item_pointer = f"/paths/{_escape(template)}"
            declared = [
                (f"{item_pointer}/parameters/{i}", p)
                for i, p in enumerate(item.get("parameters", []))
            ] + [
                (f"{item_pointer}/{method.lower()}/parameters/{i}", p)
                for i, p in enumerate(op.get("parameters", []))
            ]
            return Operation(
                template=template,
                method=method.upper(),
                document=op,
                pointer=f"{item_pointer}/{method.lower()}",
                path_params={
                    p["name"]: (match.group(p["name"]), f"{where}/schema")
                    for where, p in declared
                    if p.get("in") == "path"
                    and p["name"] in match.groupdict()
                    and (p.get("schema") or {}).get("type") in (None, "string")
                },
                query_params=frozenset(p["name"] for _, p in declared if p.get("in") == "query"),
            )
        return None

    def has_path(self, path: str) -> bool:
        """Whether any spec path template matches ``path``."""
        return any(regex.match(path) for regex, _ in self._routes)

    def check_request(
        self, method: str, path: str, query: dict[str, str], body: Any, *, multipart: bool
    ) -> list[Problem]:
        """Return what in this request real Discord's spec does not allow."""
        op = self.operation(method, path)
        if op is None:
            what = "method" if self.has_path(path) else "path"
            return [Problem((), f"{method} {path}: no such {what} in Discord's API")]
        problems = [
            Problem((), f"query parameter {name!r} is not declared")
            for name in sorted(set(query) - op.query_params)
        ]
        for name, (value, pointer) in op.path_params.items():
            problems += [
                e.prefixed(f"path parameter {name}: ") for e in self.errors(pointer, value)
            ]
        problems += self._check_body(op, body, multipart=multipart)
        return [p.prefixed(f"{method} {op.template}: ") for p in problems]

    def _check_body(self, op: Operation, body: Any, *, multipart: bool) -> list[Problem]:
        content = (op.document.get("requestBody") or {}).get("content") or {}
        if body is None:
            required = (op.document.get("requestBody") or {}).get("required", False)
            return [Problem((), "a body is required")] if required else []
        if "application/json" not in content:
            return [Problem((), "this operation takes no JSON body")]
        for rewrite, _reason in ALLOWED:
            body = rewrite(op.method, op.template, body)
        pointer = f"{op.pointer}/requestBody/content/application~1json/schema"
        label = "payload_json " if multipart else "body "
        return [e.prefixed(label) for e in self.errors(pointer, body)]

    def check_response(self, method: str, path: str, status: int, body: Any) -> list[str]:
        """Return what in the fake's answer does not match the spec's response schema."""
        op = self.operation(method, path)
        if op is None or body is None:
            return []
        response = op.document.get("responses", {}).get(str(status))
        if response is None:
            return (
                [] if status >= 400 else [f"{method} {op.template}: undocumented status {status}"]
            )
        if "application/json" not in (response.get("content") or {}):
            return []
        pointer = f"{op.pointer}/responses/{status}/content/application~1json/schema"
        return [f"{method} {op.template} -> {status}: {e}" for e in self.errors(pointer, body)]

    def check_object(self, schema: str, instance: Any, where: str) -> list[str]:
        """Validate ``instance`` against ``components/schemas/<schema>``."""
        pointer = f"/components/schemas/{schema}"
        return [f"{where} ({schema}) {e}" for e in self.errors(pointer, instance)]

    def check_event(self, event: str, data: dict[str, Any]) -> list[str]:
        """Validate a gateway dispatch's objects against the spec's object schemas."""
        return [
            problem
            for schema, instance, where in _event_objects(event, data)
            for problem in self.check_object(schema, instance, f"{event} {where}")
        ]


def _items(mapping: Any) -> Iterator[tuple[str, Any]]:
    return iter(mapping.items()) if isinstance(mapping, dict) else iter(())


def _event_objects(event: str, data: dict[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """Yield ``(schema, object, where)`` for the objects inside a gateway event."""
    if event == "READY":
        yield "UserResponse", data.get("user"), "user"
    elif event == "GUILD_CREATE":
        guild = {k: v for k, v in data.items() if k not in ("channels", "members", "threads")}
        yield "GuildResponse", guild, "guild"
        for i, channel in enumerate(data.get("channels") or []):
            yield "GuildChannelResponse", channel, f"channels/{i}"
        for i, member in enumerate(data.get("members") or []):
            yield "GuildMemberResponse", member, f"members/{i}"
    elif event == "MESSAGE_CREATE":
        message = {k: v for k, v in data.items() if k != "member"}
        yield "MessageResponse", message, "message"
        if "member" in data:
            yield "GuildMemberResponse", {**data["member"], "user": data["author"]}, "member"
    elif event == "INTERACTION_CREATE":
        yield from _interaction_objects(data)


def _interaction_objects(data: dict[str, Any]) -> Iterator[tuple[str, Any, str]]:
    yield "InteractionTypes", data.get("type"), "type"
    yield "InteractionContextType", data.get("context"), "context"
    yield "SnowflakeType", data.get("app_permissions"), "app_permissions"
    if "member" in data:
        member = {k: v for k, v in data["member"].items() if k != "permissions"}
        yield "GuildMemberResponse", member, "member"
    if "user" in data:
        yield "UserResponse", data["user"], "user"
    channel = data.get("channel") or {}
    kind = "GuildChannelResponse" if "guild_id" in data else "PrivateChannelResponse"
    if channel.get("type") in (10, 11, 12):
        kind = "ThreadResponse"
    yield kind, {k: v for k, v in channel.items() if k != "permissions"}, "channel"
    if "message" in data:
        yield "MessageResponse", data["message"], "message"
    resolved = (data.get("data") or {}).get("resolved") or {}
    for key, user in _items(resolved.get("users")):
        yield "UserResponse", user, f"resolved/users/{key}"
    for key, role in _items(resolved.get("roles")):
        yield "GuildRoleResponse", role, f"resolved/roles/{key}"


def spec_file() -> Path:
    """Return where the spec is read from."""
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC)


@functools.cache
def load_spec() -> DiscordSpec | None:
    """Return the spec (parsed once per process), or ``None`` when the file is absent."""
    path = spec_file()
    if not path.is_file():
        return None
    return DiscordSpec(json.loads(path.read_text(encoding="utf-8")))


def spec_copy(pointer: str) -> Any:
    """Return a deep copy of the spec's node at ``pointer`` (for tests that inspect it)."""
    spec = load_spec()
    if spec is None:
        raise FileNotFoundError(spec_file())
    node: Any = spec.document
    for token in pointer.strip("/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return copy.deepcopy(node)
