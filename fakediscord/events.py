"""Gateway event payloads: INTERACTION_CREATE (commands, components, autocomplete), MESSAGE_CREATE.

Option values are encoded with the type the registered command schema declares when one is
known (as Discord does), else inferred from the Python value; attachments, users, roles and
channels also go into ``data.resolved`` the way Discord sends them.
"""

from __future__ import annotations

from typing import Any

from .models import (
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    channel_payload,
    member_payload,
    role_payload,
    user_payload,
)

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 10, 11
DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    kinds = {FakeAttachment: ATTACHMENT, FakeMember: USER, FakeUser: USER, FakeRole: ROLE}
    for cls, kind in kinds.items():
        if isinstance(value, cls):
            return kind
    return CHANNEL if isinstance(value, FakeChannel) else STRING


def _schema_options(schema: dict[str, Any] | None, path: list[str]) -> dict[str, dict[str, Any]]:
    """Walk subcommand groups/subcommands of a command schema; return its leaf options by name."""
    options = (schema or {}).get("options") or []
    for name in path:
        match = next((o for o in options if o.get("name") == name), None)
        options = (match or {}).get("options") or []
    return {o["name"]: o for o in options if o.get("type") not in (SUB_COMMAND, SUB_COMMAND_GROUP)}


class OptionEncoder:
    """Builds ``data.options`` and ``data.resolved`` for one interaction."""

    def __init__(self, guild_id: int, permissions_of: Any) -> None:
        self.guild_id = guild_id
        self.permissions_of = permissions_of
        self.resolved: dict[str, dict[str, Any]] = {}

    def _resolve(self, kind: str, key: int, value: dict[str, Any]) -> None:
        self.resolved.setdefault(kind, {})[str(key)] = value

    def _value(self, value: Any) -> Any:
        if isinstance(value, FakeAttachment):
            self._resolve("attachments", value.id, value.payload())
            return str(value.id)
        if isinstance(value, FakeMember):
            self._resolve("users", value.user.id, user_payload(value.user))
            perms = self.permissions_of(value)
            member = member_payload(value, with_user=False, permissions=perms)
            self._resolve("members", value.user.id, member)
            return str(value.user.id)
        if isinstance(value, FakeUser):
            self._resolve("users", value.id, user_payload(value))
            return str(value.id)
        if isinstance(value, FakeRole):
            self._resolve("roles", value.id, role_payload(value))
            return str(value.id)
        if isinstance(value, FakeChannel):
            channel = channel_payload(value, self.guild_id) | {"permissions": str((1 << 53) - 1)}
            self._resolve("channels", value.id, channel)
            return str(value.id)
        return value

    def leaf(
        self, options: dict[str, Any], schema: dict[str, dict[str, Any]], focused: str | None
    ) -> list[dict[str, Any]]:
        """Encode leaf options; ``focused`` marks the autocomplete option (value kept as typed)."""
        encoded = []
        for name, value in options.items():
            kind = int(schema.get(name, {}).get("type") or _infer_type(value))
            item: dict[str, Any] = {"name": name, "type": kind, "value": self._value(value)}
            if name == focused:
                item["focused"] = True
            encoded.append(item)
        return encoded

    def command_options(
        self,
        path: list[str],
        options: dict[str, Any],
        schema: dict[str, Any] | None,
        focused: str | None = None,
    ) -> list[dict[str, Any]]:
        """Nest leaf options under ``path`` (group, then subcommand) as Discord does."""
        encoded = self.leaf(options, _schema_options(schema, path), focused)
        for depth, name in reversed(list(enumerate(path))):
            kind = SUB_COMMAND if depth == len(path) - 1 else SUB_COMMAND_GROUP
            encoded = [{"name": name, "type": kind, "options": encoded}]
        return encoded


GUILD, BOT_DM, PRIVATE_CHANNEL = 0, 1, 2
GUILD_INSTALL, USER_INSTALL = "0", "1"


def interaction_payload(
    *,
    interaction_id: int,
    token: str,
    kind: int,
    app_id: int,
    channel: dict[str, Any],
    data: dict[str, Any],
    context: int,
    owners: dict[str, str],
    app_permissions: int,
    guild_id: int | None = None,
    member: dict[str, Any] | None = None,
    user: dict[str, Any] | None = None,
    attachment_size_limit: int = DEFAULT_ATTACHMENT_LIMIT,
    locale: str = "en-US",
) -> dict[str, Any]:
    """Build INTERACTION_CREATE's data with every field discord.py 2.7 requires.

    In a guild it carries ``guild_id`` and ``member``; in a DM or private channel ``user``
    instead. ``context`` (0 guild, 1 the bot's DM, 2 another private channel) and
    ``authorizing_integration_owners`` (``{"0": guild id or "0"}`` for a guild install,
    ``{"1": user id}`` for a user install) say where and through which install it came.
    """
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(app_id),
        "type": kind,
        "token": token,
        "version": 1,
        "channel_id": channel["id"],
        "channel": channel,
        "locale": locale,
        "app_permissions": str(app_permissions),
        "entitlements": [],
        "authorizing_integration_owners": owners,
        "context": context,
        "attachment_size_limit": attachment_size_limit,
        "data": data,
    }
    if guild_id is not None:
        payload |= {"guild_id": str(guild_id), "guild_locale": "en-US", "member": member}
        payload["guild"] = {"id": str(guild_id), "locale": "en-US", "features": []}
    else:
        payload["user"] = user
    return payload


def message_payload(
    *,
    message_id: int,
    channel_id: int,
    guild: FakeGuild,
    author: FakeMember,
    content: str,
    mentions: list[FakeMember],
    timestamp: str,
) -> dict[str, Any]:
    """Build MESSAGE_CREATE's data for a message a user posted."""
    guild_id = guild.id
    mentioned = [
        user_payload(m.user) | {"member": member_payload(m, with_user=False, guild=guild)}
        for m in mentions
    ]
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "guild_id": str(guild_id),
        "author": user_payload(author.user),
        "member": member_payload(author, with_user=False, guild=guild),
        "content": content,
        "type": 0,
        "mentions": mentioned,
        "mention_roles": [],
        "mention_everyone": False,
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": False,
        "tts": False,
        "flags": 0,
        "timestamp": timestamp,
        "edited_timestamp": None,
    }


def _submitted(
    item: dict[str, Any], label: str | None, values: dict[str, str], used: set[str]
) -> dict[str, Any]:
    """Return a text input's submitted form, its value looked up by custom_id or label."""
    custom_id = item.get("custom_id", "")
    keys = [k for k in (custom_id, item.get("label"), label) if k in values]
    used.update(keys)
    value = values[keys[0]] if keys else item.get("value", "")
    return {"type": item.get("type", 4), "custom_id": custom_id, "value": value}


def modal_submission(modal: dict[str, Any], values: dict[str, str]) -> list[dict[str, Any]]:
    """Build MODAL_SUBMIT ``components`` mirroring the modal's rows (type 1) or labels (18)."""
    used: set[str] = set()
    submitted: list[dict[str, Any]] = []
    for top in modal.get("components") or []:
        if top.get("type") == 1:
            inner = [_submitted(i, None, values, used) for i in top.get("components") or []]
            submitted.append({"type": 1, "components": inner})
        elif top.get("type") == 18 and isinstance(top.get("component"), dict):
            field = _submitted(top["component"], top.get("label"), values, used)
            submitted.append({"type": 18, "component": field})
    unknown = set(values) - used
    if unknown:
        raise KeyError(f"modal has no inputs {sorted(unknown)}")
    return submitted
