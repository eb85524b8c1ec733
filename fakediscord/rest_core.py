"""REST routes for login, the gateway URL, application commands, guild/user lookups and files."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from . import limits
from .errors import ApiError, form_error, not_found
from .models import (
    channel_payload,
    guild_payload,
    member_payload,
    snowflake,
    user_payload,
)
from .rest_support import API_PREFIX, CONFIG_KEY, STORE_KEY, body_of, json_response, raw_body
from .state import Store


async def get_me(request: web.Request) -> web.Response:
    """``GET /users/@me``: the bot user (``static_login``), with its account fields."""
    user = user_payload(request.app[STORE_KEY].bot_member.user)
    return json_response(user | {"mfa_enabled": False, "locale": "en-US", "verified": True})


async def get_application(request: web.Request) -> web.Response:
    """``GET /oauth2/applications/@me``: sets ``application_id``, which ``tree.sync`` needs."""
    store = request.app[STORE_KEY]
    bot = store.bot_member.user
    return json_response(
        {
            "id": str(store.app_id),
            "name": bot.username,
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": user_payload(store.members[0].user) if store.members else user_payload(bot),
            "verify_key": "0" * 64,
            "flags": 0,
            "bot": user_payload(bot),
            "type": None,
            "flags_new": "0",
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "approximate_guild_count": len(store.guilds),
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "team": None,
            "eligible_oauth2_scopes": ["applications.commands", "bot"],
        }
    )


async def get_gateway(request: web.Request) -> web.Response:
    """``GET /gateway``: the gateway URL."""
    return json_response({"url": request.app[CONFIG_KEY].gateway_url})


async def get_gateway_bot(request: web.Request) -> web.Response:
    """``GET /gateway/bot``: URL, shard count and session start limits (AutoSharded clients)."""
    config = request.app[CONFIG_KEY]
    limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
    return json_response(
        {"url": config.gateway_url, "shards": config.shards, "session_start_limit": limit}
    )


def _scope(request: web.Request) -> int | None:
    store = request.app[STORE_KEY]
    if int(request.match_info["application_id"]) != store.app_id:
        raise ApiError(403, 50001, "Missing Access")
    guild_id = request.match_info.get("guild_id")
    if guild_id is None:
        return None
    if store.find_guild(int(guild_id)) is None:
        raise ApiError(403, 50001, "Missing Access")
    return int(guild_id)


def _echo(store: Store, scope: int | None, command: dict[str, Any]) -> dict[str, Any]:
    """Return the stored form of a command, reusing the id of one with the same name and type."""
    key = (int(command.get("type", 1)), command.get("name"))
    for old in store.commands.get(scope, []):
        if (int(old.get("type", 1)), old.get("name")) == key:
            command_id = old["id"]
            break
    else:
        command_id = str(snowflake())
        store.command_creates[scope] += 1
    echoed = {"type": 1, "options": [], "default_member_permissions": None, "nsfw": False}
    echoed |= command | {"id": command_id, "application_id": str(store.app_id), "version": "1"}
    # Discord answers permissions as a string, and the install types as an array (default:
    # guild install); contexts stay null unless given.
    if echoed["default_member_permissions"] is not None:
        echoed["default_member_permissions"] = str(echoed["default_member_permissions"])
    echoed["integration_types"] = echoed.get("integration_types") or [0]
    echoed.setdefault("contexts", None)
    if scope is not None:
        echoed["guild_id"] = str(scope)
    return echoed


async def put_commands(request: web.Request) -> web.Response:
    """``PUT`` bulk overwrite of global or guild commands (``tree.sync``)."""
    store = request.app[STORE_KEY]
    scope = _scope(request)
    body = raw_body(request)
    if not isinstance(body, list):
        raise form_error({"_errors": [{"code": "BASE_TYPE_ARRAY", "message": "Must be an array."}]})
    errors = limits.check_commands(body)
    if errors:
        raise form_error(errors)
    echoed = [_echo(store, scope, c) for c in body]
    store.commands[scope] = echoed
    store.command_puts[scope] += 1
    return json_response(echoed)


async def get_commands(request: web.Request) -> web.Response:
    """``GET`` global or guild commands."""
    return json_response(request.app[STORE_KEY].commands.get(_scope(request), []))


async def post_command(request: web.Request) -> web.Response:
    """``POST`` one command (upsert by name)."""
    store = request.app[STORE_KEY]
    scope = _scope(request)
    body = body_of(request)
    errors = limits.check_commands([body])
    if errors:
        raise form_error(errors["0"])
    echoed = _echo(store, scope, body)
    rest = [c for c in store.commands.get(scope, []) if c["id"] != echoed["id"]]
    store.commands[scope] = [*rest, echoed]
    return json_response(echoed, 201)


async def get_guild(request: web.Request) -> web.Response:
    """``GET /guilds/{guild_id}``."""
    store = request.app[STORE_KEY]
    guild = store.find_guild(int(request.match_info["guild_id"]))
    if guild is None:
        raise ApiError(404, 10004, "Unknown Guild")
    data = guild_payload(guild, [*store.members, store.bot_member])
    return json_response({k: v for k, v in data.items() if k not in ("members", "channels")})


async def get_member(request: web.Request) -> web.Response:
    """``GET /guilds/{guild_id}/members/{user_id}``."""
    member = request.app[STORE_KEY].find_member(int(request.match_info["user_id"]))
    if member is None:
        raise ApiError(404, 10007, "Unknown Member")
    return json_response(member_payload(member))


async def get_user(request: web.Request) -> web.Response:
    """``GET /users/{user_id}``."""
    member = request.app[STORE_KEY].find_member(int(request.match_info["user_id"]))
    if member is None:
        raise ApiError(404, 10013, "Unknown User")
    return json_response(user_payload(member.user))


async def get_channel(request: web.Request) -> web.Response:
    """``GET /channels/{channel_id}``."""
    store = request.app[STORE_KEY]
    raw = request.match_info["channel_id"]
    found = store.find_channel(int(raw)) if raw.isdigit() else None
    if found is None:
        raise ApiError(404, 10003, "Unknown Channel")
    guild, channel = found
    return json_response(channel_payload(channel, guild.id))


async def download(request: web.Request) -> web.Response:
    """``GET /attachments/{attachment_id}/{filename}``: a file the fake serves on loopback."""
    attachment = request.app[STORE_KEY].attachments.get(int(request.match_info["attachment_id"]))
    if attachment is None:
        raise not_found()
    return web.Response(body=attachment.data, content_type=attachment.content_type)


async def unknown_route(request: web.Request) -> web.Response:
    """Anything the fake does not serve: 404, and the request is still recorded."""
    raise not_found()


def add_core_routes(app: web.Application) -> None:
    """Register this module's routes."""
    commands = "/applications/{application_id}/commands"
    guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
    routes = [
        ("GET", "/users/@me", get_me, "me"),
        ("GET", "/oauth2/applications/@me", get_application, "application_info"),
        ("GET", "/gateway", get_gateway, "gateway"),
        ("GET", "/gateway/bot", get_gateway_bot, "gateway_bot"),
        ("PUT", commands, put_commands, "global_commands_put"),
        ("GET", commands, get_commands, "global_commands_get"),
        ("POST", commands, post_command, "global_command_create"),
        ("PUT", guild_commands, put_commands, "guild_commands_put"),
        ("GET", guild_commands, get_commands, "guild_commands_get"),
        ("POST", guild_commands, post_command, "guild_command_create"),
        ("GET", "/guilds/{guild_id}", get_guild, "guild_get"),
        ("GET", "/guilds/{guild_id}/members/{user_id}", get_member, "member_get"),
        ("GET", "/users/{user_id}", get_user, "user_get"),
        ("GET", "/channels/{channel_id}", get_channel, "channel_get"),
    ]
    for method, path, handler, name in routes:
        app.router.add_route(method, API_PREFIX + path, handler, name=name)
    app.router.add_get(
        "/attachments/{attachment_id}/{filename}", download, name="attachment_download"
    )
