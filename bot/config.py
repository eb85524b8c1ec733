"""What the bot reads of its settings: handed in by whoever wires it (``coverbot run``).

The bot never imports the CLI or ``coverbot.settings``; any object with these attributes will do
(the CLI passes its ``coverbot.settings.Settings``, tests the same, built without a ``.env``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from pydantic import SecretStr

    from index.config import EngineConfig
    from index.ingest import IngestConfig


class Settings(Protocol):
    """The bot's settings (documented in ``.env.example``), read-only."""

    @property
    def discord_token(self) -> SecretStr | None:
        """The bot token, held as a secret."""
        ...

    @property
    def data_dir(self) -> Path:
        """Where the feedback and ingestion databases live."""
        ...

    @property
    def guild_ids(self) -> list[int]:
        """Servers whose commands are synced when the bot starts."""
        ...

    @property
    def coverage_guild_ids(self) -> list[int]:
        """Servers whose moderators may change the shared coverage."""
        ...

    @property
    def moderator_role(self) -> str | None:
        """The moderator role's name or id."""
        ...

    @property
    def sharded(self) -> bool:
        """Whether to run as an auto-sharded bot."""
        ...

    @property
    def shard_count(self) -> int | None:
        """How many shards, when sharded (Discord's recommendation when None)."""
        ...

    @property
    def max_question_chars(self) -> int:
        """Longest question accepted."""
        ...

    @property
    def cooldown_rate(self) -> int:
        """Questions a member may ask per ``cooldown_seconds``."""
        ...

    @property
    def cooldown_seconds(self) -> float:
        """The cooldown's window."""
        ...

    @property
    def answers_shown(self) -> int:
        """Quotes shown per page of an answer."""
        ...

    @property
    def answer_style(self) -> Literal["compact", "full"]:
        """How answers are shown: compact (answering sentence first) or full passages."""
        ...

    @property
    def reload_progress_seconds(self) -> float:
        """Least time between two progress edits of a reload reply."""
        ...

    @property
    def button_timeout_seconds(self) -> float:
        """How long an answer's buttons work."""
        ...

    @property
    def conversation_hours(self) -> float:
        """How long a reply to an answer is still read in that answer's context."""
        ...

    @property
    def feed_poll_minutes(self) -> float:
        """How often feeds are polled."""
        ...

    @property
    def answer_threads(self) -> int | None:
        """Threads of the answering pool (sized from the cores when None)."""
        ...

    @property
    def answer_queue_limit(self) -> int:
        """Questions admitted at once; past it members are told the bot is busy."""
        ...

    @property
    def answer_max_wait_seconds(self) -> float:
        """Longest a question may wait for an answer before it is refused as busy."""
        ...

    def engine_config(self) -> EngineConfig:
        """Return the engine's configuration."""
        ...

    def ingest_config(self) -> IngestConfig:
        """Return ingestion's configuration."""
        ...
