"""HTTP plumbing for the REST routes: body parsing, exact JSON responses, the recording middleware.

discord.py accepts a body only when ``Content-Type`` is exactly ``application/json``
(``http.py:110``), so responses are built by hand rather than with ``web.json_response`` (which
appends ``; charset=utf-8``). Every request under ``/api/v10`` is recorded with its answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .errors import ApiError, form_error, unauthorized
from .spec import DiscordSpec, Problem
from .state import RecordedFile, RecordedRequest, Store

API_PREFIX = "/api/v10"
BODY = web.RequestKey("body", object)
FILES = web.RequestKey("files", list)
RECEIVED = web.RequestKey("received", float)
NO_AUTH = ("interaction_callback", "followup_create", "webhook_message_", "attachment_download")


@dataclass
class ServerConfig:
    """Settings the REST routes read: the accepted token, shard count, gateway URL."""

    expected_token: str | None = None
    shards: int = 1
    gateway_url: str = ""
    spec: DiscordSpec | None = None
    """Discord's OpenAPI spec: requests breaking it get 400 and are kept as violations."""


STORE_KEY = web.AppKey("store", Store)
CONFIG_KEY = web.AppKey("config", ServerConfig)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_log = logging.getLogger(__name__)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """Return ``data`` as JSON with ``Content-Type`` exactly ``application/json``."""
    response = web.Response(status=status, body=json.dumps(data).encode(), headers=headers)
    response.headers["Content-Type"] = "application/json"
    return response


def no_content() -> web.Response:
    """Return 204 with no body (and so no content type), as Discord does."""
    return web.Response(status=204)


async def _read_multipart(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    payload: Any = None
    files: list[RecordedFile] = []
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader):
            continue
        data = await part.read()
        if part.name == "payload_json":
            payload = json.loads(bytes(data).decode())
        else:
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            files.append(
                RecordedFile(part.name or "", part.filename or "", content_type, bytes(data))
            )
    return payload, files


async def read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """Parse a JSON or ``multipart/form-data`` (``payload_json`` + ``files[n]``) body."""
    if request.content_type.startswith("multipart/"):
        return await _read_multipart(request)
    raw = await request.read()
    return (json.loads(raw) if raw else None), []


def raw_body(request: web.Request) -> Any:
    """Return the parsed body as sent (a list for bulk command overwrites)."""
    return request.get(BODY)


def body_of(request: web.Request) -> dict[str, Any]:
    """Return the parsed JSON body (or ``payload_json``) of the current request."""
    body = request.get(BODY)
    return body if isinstance(body, dict) else {}


def files_of(request: web.Request) -> list[RecordedFile]:
    """Return the uploaded files of the current request."""
    return list(request.get(FILES) or [])


def _route_of(request: web.Request) -> tuple[str, str]:
    route = request.match_info.route
    name = route.name or "unknown"
    template = route.resource.canonical if route.resource is not None else request.path
    return template.removeprefix(API_PREFIX), name


def _check_auth(request: web.Request, name: str) -> None:
    if name.startswith(NO_AUTH):
        return
    header = request.headers.get("Authorization", "")
    expected = request.app[CONFIG_KEY].expected_token
    if not header.startswith("Bot ") or (expected and header != f"Bot {expected}"):
        raise unauthorized()


def _interaction_of(store: Store, request: web.Request) -> int | None:
    info = request.match_info
    if "interaction_id" in info:
        return int(info["interaction_id"]) if info["interaction_id"].isdigit() else None
    record = store.tokens.get(info.get("token", ""))
    return record.id if record else None


def _injected(store: Store, method: str, route: str, name: str) -> ApiError | None:
    for injection in store.injections:
        if injection.matches(method, route, name):
            injection.remaining -= 1
            return injection.error
    return None


def _errors_tree(problems: list[Problem]) -> dict[str, Any]:
    """Nest each problem under its JSON path, as Discord's ``errors`` tree does."""
    tree: dict[str, Any] = {}
    for problem in problems:
        node = tree
        for key in problem.path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": "SPEC_VIOLATION", "message": str(problem)})
    return tree


def _check_spec(request: web.Request, body: Any) -> None:
    """Refuse (400 50035) a request that Discord's spec does not allow, and keep it on record."""
    spec = request.app[CONFIG_KEY].spec
    if spec is None:
        return
    multipart = request.content_type.startswith("multipart/")
    problems = spec.check_request(
        request.method,
        request.path.removeprefix(API_PREFIX),
        dict(request.query),
        body,
        multipart=multipart,
    )
    if problems:
        request.app[STORE_KEY].spec_violations.extend(f"request {p}" for p in problems)
        raise form_error(_errors_tree(problems))


def _check_answer(request: web.Request, status: int, answer: Any) -> None:
    """Keep on record a success answer of the fake's that Discord's spec would not give."""
    spec = request.app[CONFIG_KEY].spec
    if spec is None or status >= 400:
        return
    path = request.path.removeprefix(API_PREFIX)
    problems = spec.check_response(request.method, path, status, answer)
    request.app[STORE_KEY].spec_violations.extend(f"loopback answer {p}" for p in problems)


async def _answer(
    request: web.Request, handler: Handler, route: str, name: str
) -> web.StreamResponse:
    store = request.app[STORE_KEY]
    try:
        _check_auth(request, name)
        injected = _injected(store, request.method, route, name)
        if injected is not None:
            raise injected
        _check_spec(request, request.get(BODY))
        return await handler(request)
    except ApiError as error:
        _log.info("fake discord answers %s %s with %s", request.method, route, error.status)
        return json_response(error.body(), error.status, error.headers)


@web.middleware
async def recording_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Parse the body, answer (or inject a failure), and record the request with its answer."""
    if not request.path.startswith(API_PREFIX):
        return await handler(request)
    store = request.app[STORE_KEY]
    received = _loop_time()
    route, name = _route_of(request)
    body, files = await read_body(request)
    request[BODY], request[FILES], request[RECEIVED] = body, files, received
    response = await _answer(request, handler, route, name)
    interaction_id = _interaction_of(store, request)
    record = store.interactions.get(interaction_id or 0)
    body_text = response.body if isinstance(response, web.Response) else None
    answer = (
        json.loads(body_text) if isinstance(body_text, bytes) and body_text[:1] in b"{[" else None
    )
    _check_answer(request, response.status, answer)
    store.requests.append(
        RecordedRequest(
            method=request.method,
            path=request.path.removeprefix(API_PREFIX),
            route=route,
            name=name,
            query=dict(request.query),
            json=body,
            files=files,
            received_at=received,
            interaction_id=interaction_id,
            since_dispatch=None if record is None else received - record.dispatched_at,
            status=response.status,
            response=answer,
        )
    )
    _log.debug("fake discord: %s %s -> %s", request.method, route, response.status)
    store.notify()
    return response


def received_at(request: web.Request) -> float:
    """Return the loop time at which the current request arrived."""
    return float(request[RECEIVED])


def _loop_time() -> float:
    return asyncio.get_running_loop().time()
