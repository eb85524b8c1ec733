"""Discord's message, embed, component and command limits, as pure validators.

Each ``check_*`` function returns Discord's nested ``errors`` tree (empty when valid); callers turn
a non-empty tree into ``400 {"code": 50035, "message": "Invalid Form Body", "errors": ...}``.
The numbers are Discord's documented limits; discord.py checks none of them before sending.
"""

from __future__ import annotations

from typing import Any

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
ACTION_ROWS_MAX = 5
ROW_COMPONENTS_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_PLACEHOLDER_MAX = 150
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
MODAL_TITLE_MAX = 45
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMPONENTS_V2_FLAG = 1 << 15

Errors = dict[str, Any]


def _error(code: str, message: str) -> Errors:
    return {"_errors": [{"code": code, "message": message}]}


def _too_long(limit: int) -> Errors:
    return _error("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _required() -> Errors:
    return _error("BASE_TYPE_REQUIRED", "This field is required")


def _check_str(errors: Errors, key: str, value: Any, limit: int, *, required: bool = False) -> None:
    if value is None or value == "":
        if required:
            errors[key] = _required()
        return
    if not isinstance(value, str):
        errors[key] = _error("BASE_TYPE_STRING", "Must be a string.")
    elif len(value) > limit:
        errors[key] = _too_long(limit)


def embed_text_length(embed: dict[str, Any]) -> int:
    """Count the characters Discord sums toward the 6000-per-message embed limit."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for item in embed.get("fields") or []:
        total += len(item.get("name") or "") + len(item.get("value") or "")
    return total


def check_embed(embed: dict[str, Any]) -> Errors:
    """Validate one embed's field lengths and field count."""
    errors: Errors = {}
    _check_str(errors, "title", embed.get("title"), EMBED_TITLE_MAX)
    _check_str(errors, "description", embed.get("description"), EMBED_DESCRIPTION_MAX)
    footer: Errors = {}
    _check_str(footer, "text", (embed.get("footer") or {}).get("text"), EMBED_FOOTER_MAX)
    if footer:
        errors["footer"] = footer
    author: Errors = {}
    _check_str(author, "name", (embed.get("author") or {}).get("name"), EMBED_AUTHOR_MAX)
    if author:
        errors["author"] = author
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        errors["fields"] = _too_long(EMBED_FIELDS_MAX)
        return errors
    field_errors: Errors = {}
    for index, item in enumerate(fields):
        one: Errors = {}
        _check_str(one, "name", item.get("name"), EMBED_FIELD_NAME_MAX, required=True)
        _check_str(one, "value", item.get("value"), EMBED_FIELD_VALUE_MAX, required=True)
        if one:
            field_errors[str(index)] = one
    if field_errors:
        errors["fields"] = field_errors
    return errors


def check_embeds(embeds: list[dict[str, Any]]) -> Errors:
    """Validate the embed list: count, each embed, and the 6000-character total."""
    if len(embeds) > EMBEDS_MAX:
        return _too_long(EMBEDS_MAX)
    errors: Errors = {}
    for index, embed in enumerate(embeds):
        one = check_embed(embed)
        if one:
            errors[str(index)] = one
    if not errors and sum(embed_text_length(e) for e in embeds) > EMBED_TOTAL_MAX:
        return _error("MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
    return errors


def _check_button(item: dict[str, Any], seen: set[str]) -> Errors:
    errors: Errors = {}
    _check_str(errors, "label", item.get("label"), BUTTON_LABEL_MAX)
    if item.get("style") == 5:
        if not item.get("url"):
            errors["url"] = _required()
    elif item.get("style") != 6:
        _check_custom_id(errors, item, seen)
    return errors


def _check_custom_id(errors: Errors, item: dict[str, Any], seen: set[str]) -> None:
    custom_id = item.get("custom_id")
    _check_str(errors, "custom_id", custom_id, CUSTOM_ID_MAX, required=True)
    if isinstance(custom_id, str) and custom_id:
        if custom_id in seen:
            errors["custom_id"] = _error(
                "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"
            )
        seen.add(custom_id)


def _check_select(item: dict[str, Any], seen: set[str]) -> Errors:
    errors: Errors = {}
    _check_custom_id(errors, item, seen)
    _check_str(errors, "placeholder", item.get("placeholder"), SELECT_PLACEHOLDER_MAX)
    if item.get("type") == 3:
        options = item.get("options") or []
        if not options:
            errors["options"] = _error("BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.")
        elif len(options) > SELECT_OPTIONS_MAX:
            errors["options"] = _too_long(SELECT_OPTIONS_MAX)
    return errors


def _check_leaf(item: dict[str, Any], seen: set[str]) -> Errors:
    kind = item.get("type")
    if kind == 2:
        return _check_button(item, seen)
    if kind in (3, 5, 6, 7, 8):
        return _check_select(item, seen)
    return {}


def _check_row(row: dict[str, Any], seen: set[str]) -> Errors:
    if row.get("type") != 1:
        return {"type": _error("COMPONENT_TYPE_INVALID", "Component type must be an action row")}
    items = row.get("components") or []
    if not items:
        return {"components": _error("BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.")}
    if len(items) > ROW_COMPONENTS_MAX:
        return {"components": _too_long(ROW_COMPONENTS_MAX)}
    if len(items) > 1 and any(i.get("type") != 2 for i in items):
        return {
            "components": _error(
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        }
    errors: Errors = {}
    for index, item in enumerate(items):
        one = _check_leaf(item, seen)
        if one:
            errors[str(index)] = one
    return {"components": errors} if errors else {}


def _check_v2(items: list[dict[str, Any]], seen: set[str]) -> Errors:
    errors: Errors = {}
    for index, item in enumerate(items):
        one = _check_leaf(item, seen)
        children = item.get("components")
        if isinstance(children, list):
            nested = _check_v2(children, seen)
            if nested:
                one["components"] = nested
        if one:
            errors[str(index)] = one
    return errors


def check_components(components: list[dict[str, Any]], *, flags: int = 0) -> Errors:
    """Validate action rows (≤5 rows of ≤5 buttons), custom ids (≤100) and labels (≤80)."""
    seen: set[str] = set()
    if flags & COMPONENTS_V2_FLAG:
        return _check_v2(components, seen)
    if len(components) > ACTION_ROWS_MAX:
        return _too_long(ACTION_ROWS_MAX)
    errors: Errors = {}
    for index, row in enumerate(components):
        one = _check_row(row, seen)
        if one:
            errors[str(index)] = one
    return errors


def check_allowed_mentions(allowed: dict[str, Any]) -> Errors:
    """Validate ``allowed_mentions``: known parse types, and parse/list exclusivity."""
    parse = allowed.get("parse") or []
    if any(p not in ("users", "roles", "everyone") for p in parse):
        return {"parse": _error("ENUM_TYPE_COERCE", "Value must be one of users, roles, everyone.")}
    for kind in ("users", "roles"):
        if kind in parse and allowed.get(kind):
            return _error(
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.',
            )
    return {}


def check_message(payload: dict[str, Any]) -> Errors:
    """Validate a message create/edit body (content, embeds, components, allowed_mentions)."""
    errors: Errors = {}
    _check_str(errors, "content", payload.get("content"), CONTENT_MAX)
    for key, checker in (("embeds", check_embeds), ("allowed_mentions", check_allowed_mentions)):
        value = payload.get(key)
        if value:
            found = checker(value)
            if found:
                errors[key] = found
    components = payload.get("components")
    if components:
        found = check_components(components, flags=int(payload.get("flags") or 0))
        if found:
            errors["components"] = found
    return errors


def is_empty_message(message: dict[str, Any], *, file_count: int = 0) -> bool:
    """Return whether a message would show nothing (Discord answers 50006 then)."""
    content = message.get("content") or ""
    visible = (
        content.strip(),
        message.get("embeds"),
        message.get("components"),
        message.get("attachments"),
        message.get("sticker_ids"),
        message.get("poll"),
        file_count,
    )
    return not any(visible)


def check_choices(data: dict[str, Any]) -> Errors:
    """Validate an autocomplete result: ≤25 choices, names 1-100 characters."""
    choices = data.get("choices")
    if choices is None:
        return {"choices": _required()}
    if len(choices) > CHOICES_MAX:
        return {"choices": _too_long(CHOICES_MAX)}
    errors: Errors = {}
    for index, choice in enumerate(choices):
        one: Errors = {}
        _check_str(one, "name", choice.get("name"), CHOICE_NAME_MAX, required=True)
        value = choice.get("value")
        if isinstance(value, str) and len(value) > CHOICE_NAME_MAX:
            one["value"] = _too_long(CHOICE_NAME_MAX)
        if one:
            errors[str(index)] = one
    return {"choices": errors} if errors else {}


def check_modal(data: dict[str, Any]) -> Errors:
    """Validate a modal: title ≤45, custom_id ≤100, 1-5 top-level components."""
    errors: Errors = {}
    _check_str(errors, "title", data.get("title"), MODAL_TITLE_MAX, required=True)
    _check_str(errors, "custom_id", data.get("custom_id"), CUSTOM_ID_MAX, required=True)
    components = data.get("components") or []
    if not components:
        errors["components"] = _error("BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.")
    elif len(components) > ACTION_ROWS_MAX:
        errors["components"] = _too_long(ACTION_ROWS_MAX)
    return errors


def _check_command(command: dict[str, Any]) -> Errors:
    errors: Errors = {}
    name = command.get("name")
    _check_str(errors, "name", name, COMMAND_NAME_MAX, required=True)
    if command.get("type", 1) == 1:
        if isinstance(name, str) and name != name.lower():
            errors["name"] = _error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        description = command.get("description")
        _check_str(errors, "description", description, COMMAND_DESCRIPTION_MAX, required=True)
    if len(command.get("options") or []) > COMMAND_OPTIONS_MAX:
        errors["options"] = _too_long(COMMAND_OPTIONS_MAX)
    return errors


def check_commands(commands: list[dict[str, Any]]) -> Errors:
    """Validate a bulk command overwrite: names, descriptions, option counts, duplicates."""
    errors: Errors = {}
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        one = _check_command(command)
        key = (int(command.get("type", 1)), str(command.get("name")))
        if key in seen:
            one["name"] = _error(
                "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"
            )
        seen.add(key)
        if one:
            errors[str(index)] = one
    return errors
