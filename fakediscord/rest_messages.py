"""REST routes for channel messages, interaction callbacks and the interaction webhook."""

from __future__ import annotations

from aiohttp import web

from . import interactions, messages
from .errors import ApiError, missing_access, missing_permissions, unknown_channel, unknown_message
from .models import (
    ADD_REACTIONS,
    ATTACH_FILES,
    EMBED_LINKS,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    VIEW_CHANNEL,
)
from .rest_support import (
    API_PREFIX,
    STORE_KEY,
    body_of,
    files_of,
    json_response,
    no_content,
    received_at,
)
from .state import InteractionRecord, Store, StoredMessage


def _channel_id(request: web.Request) -> int:
    store = request.app[STORE_KEY]
    raw = request.match_info["channel_id"]
    if not raw.isdigit() or int(raw) not in store.channel_ids():
        raise unknown_channel()
    return int(raw)


def _require(store: Store, channel_id: int, needed: int) -> None:
    """Answer 403 like Discord when the bot lacks a permission in the channel.

    No View Channel: 50001 Missing Access; anything else missing: 50013 Missing Permissions.
    """
    perms = store.bot_permissions(channel_id)
    if not perms & VIEW_CHANNEL:
        raise missing_access()
    if perms & needed != needed:
        raise missing_permissions()


def _needed_to_send(body: dict[str, object], has_files: bool) -> int:
    """Return Send Messages, plus Embed Links, Attach Files, Read Message History as used."""
    needed = SEND_MESSAGES
    if body.get("embeds"):
        needed |= EMBED_LINKS
    if has_files or body.get("attachments"):
        needed |= ATTACH_FILES
    if body.get("message_reference"):
        needed |= READ_MESSAGE_HISTORY
    return needed


def _message(store: Store, channel_id: int, raw: str) -> StoredMessage:
    message = store.messages.get(int(raw)) if raw.isdigit() else None
    if message is None or message.deleted or message.channel_id != channel_id:
        raise unknown_message()
    return message


async def create_message(request: web.Request) -> web.Response:
    """``POST /channels/{channel_id}/messages``."""
    store = request.app[STORE_KEY]
    body = body_of(request)
    channel_id = _channel_id(request)
    _require(store, channel_id, _needed_to_send(body, bool(files_of(request))))
    message = messages.create(
        store,
        channel_id=channel_id,
        author=store.bot_member.user,
        body=body,
        files=files_of(request),
        flags=int(body.get("flags") or 0) & (1 << 12),
    )
    return json_response(messages.render(message))


async def list_messages(request: web.Request) -> web.Response:
    """``GET /channels/{channel_id}/messages``: newest first, ``limit`` honoured."""
    store = request.app[STORE_KEY]
    channel_id = _channel_id(request)
    _require(store, channel_id, READ_MESSAGE_HISTORY)
    limit = int(request.query.get("limit", "50"))
    found = [
        m
        for m in store.messages.values()
        if m.channel_id == channel_id and not m.deleted and not m.ephemeral
    ]
    found.sort(key=lambda m: m.id, reverse=True)
    return json_response([messages.render(m) for m in found[:limit]])


async def get_message(request: web.Request) -> web.Response:
    """``GET /channels/{channel_id}/messages/{message_id}``."""
    store = request.app[STORE_KEY]
    message = _message(store, _channel_id(request), request.match_info["message_id"])
    return json_response(messages.render(message))


async def edit_message(request: web.Request) -> web.Response:
    """``PATCH /channels/{channel_id}/messages/{message_id}``: only the bot's own messages."""
    store = request.app[STORE_KEY]
    message = _message(store, _channel_id(request), request.match_info["message_id"])
    if message.author.id != store.bot_member.user.id:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    messages.edit(store, message, body_of(request), files_of(request))
    return json_response(messages.render(message))


async def delete_message(request: web.Request) -> web.Response:
    """``DELETE /channels/{channel_id}/messages/{message_id}``."""
    store = request.app[STORE_KEY]
    _message(store, _channel_id(request), request.match_info["message_id"]).deleted = True
    return no_content()


async def typing(request: web.Request) -> web.Response:
    """``POST /channels/{channel_id}/typing`` (needs Send Messages)."""
    _require(request.app[STORE_KEY], _channel_id(request), SEND_MESSAGES)
    return no_content()


async def add_reaction(request: web.Request) -> web.Response:
    """``PUT .../reactions/{emoji}/@me``: accepted, not stored."""
    store = request.app[STORE_KEY]
    channel_id = _channel_id(request)
    _require(store, channel_id, ADD_REACTIONS | READ_MESSAGE_HISTORY)
    _message(store, channel_id, request.match_info["message_id"])
    return no_content()


async def interaction_callback(request: web.Request) -> web.Response:
    """``POST /interactions/{interaction_id}/{token}/callback`` (types 4-9)."""
    store = request.app[STORE_KEY]
    raw_id = request.match_info["interaction_id"]
    record = store.interactions.get(int(raw_id)) if raw_id.isdigit() else None
    if record is not None and record.token != request.match_info["token"]:
        record = None
    answer = interactions.callback(
        store, record, body_of(request), files_of(request), received_at(request)
    )
    if request.query.get("with_response") not in ("1", "true", "True"):
        return no_content()
    return json_response(answer)


def _record(request: web.Request) -> InteractionRecord:
    store = request.app[STORE_KEY]
    app_id = request.match_info["application_id"]
    return interactions.webhook_record(
        store,
        int(app_id) if app_id.isdigit() else 0,
        request.match_info["token"],
        received_at(request),
    )


async def create_followup(request: web.Request) -> web.Response:
    """``POST /webhooks/{application_id}/{token}``: a followup (``wait=1``)."""
    store = request.app[STORE_KEY]
    message = interactions.followup(store, _record(request), body_of(request), files_of(request))
    if request.query.get("wait") not in ("1", "true", "True"):
        return no_content()
    return json_response(messages.render(message))


async def get_webhook_message(request: web.Request) -> web.Response:
    """``GET /webhooks/{application_id}/{token}/messages/{message_id}`` (or ``@original``)."""
    store = request.app[STORE_KEY]
    message = interactions.owned_message(store, _record(request), request.match_info["message_id"])
    return json_response(messages.render(message))


async def edit_webhook_message(request: web.Request) -> web.Response:
    """``PATCH /webhooks/{application_id}/{token}/messages/{message_id}`` (or ``@original``)."""
    store = request.app[STORE_KEY]
    message = interactions.owned_message(store, _record(request), request.match_info["message_id"])
    messages.edit(store, message, body_of(request), files_of(request))
    return json_response(messages.render(message))


async def delete_webhook_message(request: web.Request) -> web.Response:
    """``DELETE /webhooks/{application_id}/{token}/messages/{message_id}`` (or ``@original``)."""
    store = request.app[STORE_KEY]
    interactions.owned_message(
        store, _record(request), request.match_info["message_id"]
    ).deleted = True
    return no_content()


def add_message_routes(app: web.Application) -> None:
    """Register this module's routes."""
    channel = "/channels/{channel_id}"
    one = channel + "/messages/{message_id}"
    webhook = "/webhooks/{application_id}/{token}"
    routes = [
        ("POST", channel + "/messages", create_message, "message_create"),
        ("GET", channel + "/messages", list_messages, "messages_list"),
        ("GET", one, get_message, "message_get"),
        ("PATCH", one, edit_message, "message_edit"),
        ("DELETE", one, delete_message, "message_delete"),
        ("POST", channel + "/typing", typing, "typing"),
        ("PUT", one + "/reactions/{emoji}/@me", add_reaction, "reaction_add"),
        (
            "POST",
            "/interactions/{interaction_id}/{token}/callback",
            interaction_callback,
            "interaction_callback",
        ),
        ("POST", webhook, create_followup, "followup_create"),
        ("GET", webhook + "/messages/{message_id}", get_webhook_message, "webhook_message_get"),
        ("PATCH", webhook + "/messages/{message_id}", edit_webhook_message, "webhook_message_edit"),
        (
            "DELETE",
            webhook + "/messages/{message_id}",
            delete_webhook_message,
            "webhook_message_delete",
        ),
    ]
    for method, path, handler, name in routes:
        app.router.add_route(method, API_PREFIX + path, handler, name=name)
