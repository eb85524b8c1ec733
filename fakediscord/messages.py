"""Creating, editing and rendering messages, with Discord's limits enforced on every write.

Shared by channel messages and interaction responses/followups: both validate the body
(``limits``), refuse empty messages, store uploaded files so their URLs can be fetched on
loopback, and render the message JSON discord.py parses.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import limits
from .errors import empty_message, form_error
from .models import FakeAttachment, FakeUser, iso_now, member_payload, snowflake, user_payload
from .state import LOADING, RecordedFile, Store, StoredMessage

EDITABLE = ("content", "embeds", "components", "allowed_mentions")


def validate(body: dict[str, Any]) -> None:
    """Raise 400 Invalid Form Body if the body breaks any limit."""
    errors = limits.check_message(body)
    if errors:
        raise form_error(errors)


def store_file(store: Store, part: RecordedFile) -> FakeAttachment:
    """Keep an uploaded file and give it a loopback URL."""
    attachment = FakeAttachment(snowflake(), part.filename, part.data, part.content_type)
    attachment.url = f"{store.base_url}/attachments/{attachment.id}/{part.filename}"
    store.attachments[attachment.id] = attachment
    return attachment


def _attachments(
    store: Store, body: dict[str, Any], files: list[RecordedFile], kept: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Resolve ``attachments`` (existing ids kept, ``{"id": n}`` → ``files[n]``) to payloads."""
    existing = {a["id"]: a for a in kept}
    uploads = {p.field: p for p in files}
    result: list[dict[str, Any]] = []
    used: set[str] = set()
    for item in body.get("attachments") or []:
        key = str(item.get("id"))
        if key in existing:
            result.append(existing[key])
        elif f"files[{key}]" in uploads:
            used.add(f"files[{key}]")
            result.append(store_file(store, uploads[f"files[{key}]"]).payload())
    result += [store_file(store, p).payload() for p in files if p.field not in used]
    return result


def _numbered(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return components as Discord stores them: numbered, without null emoji ids.

    Each gets a numeric ``id`` (1, 2, ... depth first, unless the request gave one); a unicode
    emoji has no ``id`` at all.
    """
    counter = iter(range(1, 1 << 20))

    def number(item: dict[str, Any]) -> dict[str, Any]:
        out = {**item, "id": item.get("id") or next(counter)}
        emoji = out.get("emoji")
        if isinstance(emoji, dict):
            out["emoji"] = {k: v for k, v in emoji.items() if v is not None}
        if isinstance(out.get("components"), list):
            out["components"] = [number(c) for c in out["components"]]
        return out

    return [number(c) for c in components]


def _apply_fields(message: StoredMessage, body: dict[str, Any]) -> None:
    for key in EDITABLE:
        if key in body:
            value = body[key]
            if key == "content":
                value = value or ""
            elif key == "embeds":
                value = [{"type": "rich", **e} for e in value or []]
            elif key == "components":
                value = _numbered(list(value or []))
            setattr(message, key, value)


def apply(
    store: Store, message: StoredMessage, body: dict[str, Any], files: list[RecordedFile]
) -> None:
    """Apply the fields present in a create/edit body to ``message``."""
    _apply_fields(message, body)
    if "attachments" in body or files:
        message.attachments = _attachments(store, body, files, message.attachments)


def _check_reference(store: Store, reference: dict[str, Any] | None) -> None:
    """Refuse a reply to an unknown message unless ``fail_if_not_exists`` is false."""
    if not reference or reference.get("fail_if_not_exists") is False:
        return
    if int(reference.get("message_id") or 0) not in store.messages:
        raise form_error(
            {
                "message_reference": {
                    "_errors": [
                        {"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "message": "Unknown message"}
                    ]
                }
            }
        )


def create(
    store: Store,
    *,
    channel_id: int,
    author: FakeUser,
    body: dict[str, Any],
    files: list[RecordedFile],
    flags: int = 0,
    check_empty: bool = True,
) -> StoredMessage:
    """Validate and store a new message."""
    validate(body)
    if check_empty and limits.is_empty_message(body, file_count=len(files)):
        raise empty_message()
    _check_reference(store, body.get("message_reference"))
    member = store.find_member(author.id)
    found = store.find_channel(channel_id)
    guild = found[0] if found else None
    message = StoredMessage(
        id=snowflake(),
        channel_id=channel_id,
        guild_id=guild.id if guild else None,
        author=author,
        flags=flags,
        message_reference=body.get("message_reference"),
        member=member_payload(member, with_user=False, guild=guild) if member and guild else None,
    )
    if message.message_reference:
        message.type = 19
    apply(store, message, body, files)
    store.messages[message.id] = message
    return message


def edit(
    store: Store, message: StoredMessage, body: dict[str, Any], files: list[RecordedFile]
) -> None:
    """Validate and apply an edit (which also resolves a "thinking…" placeholder)."""
    validate(body)
    trial = replace(message)
    _apply_fields(trial, body)
    kept = body.get("attachments", message.attachments)
    shown = {**trial.__dict__, "attachments": kept}
    if limits.is_empty_message(shown, file_count=len(files)):
        raise empty_message()
    apply(store, message, body, files)
    message.flags &= ~LOADING
    message.edited_timestamp = iso_now()
    message.edits += 1


def render(message: StoredMessage) -> dict[str, Any]:
    """Render the message JSON discord.py parses into ``discord.Message``."""
    data: dict[str, Any] = {
        "id": str(message.id),
        "channel_id": str(message.channel_id),
        "type": message.type,
        "content": message.content,
        "author": user_payload(message.author),
        "embeds": message.embeds,
        "components": message.components,
        "attachments": message.attachments,
        "mentions": message.mentions,
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "flags": message.flags,
        "timestamp": message.timestamp,
        "edited_timestamp": message.edited_timestamp,
    }
    if message.guild_id is not None:
        data["guild_id"] = str(message.guild_id)
    if message.member is not None:
        data["member"] = message.member
    if message.message_reference:
        reference = {
            k: str(v) if k.endswith("_id") else v for k, v in message.message_reference.items()
        }
        data["message_reference"] = {"type": 0, "channel_id": str(message.channel_id), **reference}
    if message.webhook_id is not None:
        data["webhook_id"] = str(message.webhook_id)
    if message.application_id is not None:
        data["application_id"] = str(message.application_id)
    return data
