"""Interaction acknowledgement and the interaction webhook (followups, @original edits).

Discord's rules, as enforced here: one callback per interaction, within ``ack_window`` seconds of
dispatch (else 404 10062); a second callback is 400 40060; the webhook token works only after the
acknowledgement and for 15 minutes (else 404 10015); the first followup after a deferral (type 5)
resolves the "thinking…" placeholder instead of posting a new message, keeping its ephemerality.
"""

from __future__ import annotations

from typing import Any

from . import limits, messages
from .errors import (
    already_acknowledged,
    form_error,
    unknown_interaction,
    unknown_message,
    unknown_webhook,
)
from .state import EPHEMERAL, LOADING, InteractionRecord, RecordedFile, Store, StoredMessage

TOKEN_TTL = 15 * 60
MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE, AUTOCOMPLETE, MODAL = 4, 5, 6, 7, 8, 9
ALLOWED_CALLBACKS = {
    2: {MESSAGE, DEFERRED, MODAL},
    3: {MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE, MODAL},
    4: {AUTOCOMPLETE},
    5: {MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE},
}


def _bad_type(kind: int, interaction_type: int) -> Exception:
    message = f"Callback type {kind} is not valid for interaction type {interaction_type}"
    return form_error(
        {"type": {"_errors": [{"code": "INTERACTION_TYPE_INVALID", "message": message}]}}
    )


def _check_data(kind: int, data: dict[str, Any]) -> None:
    """Refuse a callback whose ``data`` breaks a limit, errors under ``data`` as Discord does."""
    errors: dict[str, Any] = {}
    if kind in (MESSAGE, UPDATE):
        errors = limits.check_message(data)
    elif kind == AUTOCOMPLETE:
        errors = limits.check_choices(data)
    elif kind == MODAL:
        errors = limits.check_modal(data)
    if errors:
        raise form_error({"data": errors})


def _new_response(
    store: Store,
    record: InteractionRecord,
    data: dict[str, Any],
    files: list[RecordedFile],
    flags: int,
) -> StoredMessage:
    message = messages.create(
        store,
        channel_id=record.channel_id,
        author=store.bot_member.user,
        body=data,
        files=files,
        flags=flags,
        check_empty=not flags & LOADING,
    )
    message.webhook_id = store.app_id
    message.application_id = store.app_id
    message.interaction_id = record.id
    message.type = 20 if record.type == 2 else 0
    return message


def _source(store: Store, record: InteractionRecord) -> StoredMessage:
    message = store.messages.get(record.source_message_id or 0)
    if message is None:
        raise unknown_message()
    return message


def _respond(
    store: Store,
    record: InteractionRecord,
    kind: int,
    data: dict[str, Any],
    files: list[RecordedFile],
) -> StoredMessage | None:
    flags = int(data.get("flags") or 0) & EPHEMERAL
    if kind == MESSAGE:
        return _new_response(store, record, data, files, flags)
    if kind == DEFERRED:
        return _new_response(store, record, {}, [], flags | LOADING)
    if kind == DEFERRED_UPDATE:
        return _source(store, record) if record.source_message_id else None
    if kind == UPDATE:
        message = _source(store, record)
        messages.edit(store, message, data, files)
        return message
    if kind == AUTOCOMPLETE:
        record.choices = list(data.get("choices") or [])
    elif kind == MODAL:
        record.modal = data
    return None


def callback(
    store: Store,
    record: InteractionRecord | None,
    body: dict[str, Any],
    files: list[RecordedFile],
    now: float,
) -> dict[str, Any]:
    """Acknowledge an interaction; return the ``with_response=1`` body."""
    if record is None or record.expired:
        raise unknown_interaction()
    if now - record.dispatched_at > store.ack_window:
        record.expired = True
        raise unknown_interaction()
    if record.acknowledged:
        raise already_acknowledged()
    kind = int(body.get("type") or 0)
    if kind not in ALLOWED_CALLBACKS.get(record.type, set()):
        raise _bad_type(kind, record.type)
    data = body.get("data") or {}
    _check_data(kind, data)
    message = _respond(store, record, kind, data, files)
    record.ack_type, record.acked_at = kind, now
    record.callbacks.append(body)
    if message is not None:
        record.original_id = message.id
    info: dict[str, Any] = {"id": str(record.id), "type": record.type}
    resource: dict[str, Any] = {"type": kind}
    if message is not None:
        info["response_message_id"] = str(message.id)
        info["response_message_loading"] = message.loading
        info["response_message_ephemeral"] = message.ephemeral
        if kind in (MESSAGE, UPDATE):
            resource["message"] = messages.render(message)
    # The spec documents a resource only for callbacks that create or update a message.
    return (
        {"interaction": info, "resource": resource}
        if "message" in resource
        else {"interaction": info}
    )


def webhook_record(store: Store, app_id: int, token: str, now: float) -> InteractionRecord:
    """Return the interaction behind a webhook token, or raise 404 Unknown Webhook."""
    record = store.tokens.get(token)
    if record is None or app_id != store.app_id or not record.acknowledged:
        raise unknown_webhook()
    if now - record.dispatched_at > TOKEN_TTL:
        raise unknown_webhook()
    return record


def followup(
    store: Store, record: InteractionRecord, body: dict[str, Any], files: list[RecordedFile]
) -> StoredMessage:
    """Post a followup; the first one after a deferral fills the placeholder instead."""
    original = store.messages.get(record.original_id or 0)
    if record.ack_type == DEFERRED and original is not None and original.loading:
        messages.edit(store, original, body, files)
        return original
    message = _new_response(store, record, body, files, int(body.get("flags") or 0) & EPHEMERAL)
    record.followup_ids.append(message.id)
    return message


def owned_message(store: Store, record: InteractionRecord, message_id: str) -> StoredMessage:
    """Resolve ``@original`` or a followup id to a message this token may read or edit."""
    if message_id == "@original":
        wanted = record.original_id
    else:
        wanted = int(message_id)
        owned = {record.original_id, record.source_message_id, *record.followup_ids}
        if wanted not in owned:
            raise unknown_message()
    message = store.messages.get(wanted or 0)
    if message is None or message.deleted:
        raise unknown_message()
    return message
