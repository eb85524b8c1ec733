"""Discord API error responses, shaped like the real ones (status, JSON code, message, errors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INVALID_FORM_BODY = 50035
EMPTY_MESSAGE = 50006
UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060
UNKNOWN_WEBHOOK = 10015
UNKNOWN_MESSAGE = 10008
UNKNOWN_CHANNEL = 10003
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013


@dataclass(frozen=True)
class ApiError(Exception):
    """An error the fake answers with instead of a success body."""

    status: int
    code: int
    message: str
    errors: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        """Return the JSON body Discord sends for this error."""
        data: dict[str, Any] = {"code": self.code, "message": self.message, **self.extra}
        if self.errors is not None:
            data["errors"] = self.errors
        return data


def form_error(errors: dict[str, Any]) -> ApiError:
    """400 Invalid Form Body with the nested ``errors`` tree."""
    return ApiError(400, INVALID_FORM_BODY, "Invalid Form Body", errors)


def empty_message() -> ApiError:
    """400 Cannot send an empty message (Discord uses its own code, 50006)."""
    return ApiError(400, EMPTY_MESSAGE, "Cannot send an empty message")


def unknown_interaction() -> ApiError:
    """404 Unknown interaction: acknowledged too late, or never dispatched."""
    return ApiError(404, UNKNOWN_INTERACTION, "Unknown interaction")


def already_acknowledged() -> ApiError:
    """400 Interaction has already been acknowledged."""
    return ApiError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")


def unknown_webhook() -> ApiError:
    """404 Unknown Webhook: bad, unacknowledged or expired interaction token."""
    return ApiError(404, UNKNOWN_WEBHOOK, "Unknown Webhook")


def unknown_message() -> ApiError:
    """404 Unknown Message."""
    return ApiError(404, UNKNOWN_MESSAGE, "Unknown Message")


def unknown_channel() -> ApiError:
    """404 Unknown Channel."""
    return ApiError(404, UNKNOWN_CHANNEL, "Unknown Channel")


def missing_access() -> ApiError:
    """403 Missing Access: the bot cannot see the channel."""
    return ApiError(403, MISSING_ACCESS, "Missing Access")


def missing_permissions() -> ApiError:
    """403 Missing Permissions: the bot sees the channel but lacks a permission it needs."""
    return ApiError(403, MISSING_PERMISSIONS, "Missing Permissions")


def not_found() -> ApiError:
    """404 for a route the fake does not serve."""
    return ApiError(404, 0, "404: Not Found")


def unauthorized() -> ApiError:
    """401 for a missing or wrong bot token."""
    return ApiError(401, 0, "401: Unauthorized")


def rate_limited(retry_after: float, *, is_global: bool, via: bool) -> ApiError:
    """429; without a ``Via`` header discord.py treats it as a Cloudflare ban and raises."""
    headers = {"Retry-After": str(retry_after)}
    if via:
        headers["Via"] = "1.1 google"
    return ApiError(
        429,
        0,
        "You are being rate limited.",
        headers=headers,
        extra={"retry_after": retry_after, "global": is_global},
    )
