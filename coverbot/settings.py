"""One typed settings object for every front end, read from the environment and ``.env``.

Every field is documented in ``.env.example``. The Discord token is a secret: it is held as a
``SecretStr`` so that it never appears in a log line or a repr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.config import DEFAULT_MODEL, EngineConfig

if TYPE_CHECKING:
    from index.ingest import IngestConfig


class Settings(BaseSettings):
    """Configuration of coverbot, from ``COVERBOT_*`` variables and the ``.env`` file."""

    model_config = SettingsConfigDict(
        env_prefix="COVERBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    discord_token: SecretStr | None = None
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("var/index")
    data_dir: Path = Path("var")
    model: str = DEFAULT_MODEL
    device: str = "cpu"
    index_kind: Literal["flat", "hnsw", "ivf", "sq8"] = "flat"
    query_encoder: Literal["torch", "onnx", "onnx-int8"] = "onnx-int8"
    passage_encoder: Literal["fp32", "onnx-int8"] = EngineConfig().passage_encoder
    moderator_role: str | None = None
    guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    """Guild ids: ``123``, ``1,2``, ``1 2`` or a JSON list ``[1, 2]``."""
    coverage_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    """Servers whose moderators may change the (shared) coverage; none: only while in one."""
    sharded: bool = False
    shard_count: int | None = None
    max_question_chars: int = 300
    cooldown_rate: int = 3
    cooldown_seconds: float = 30.0
    answers_shown: int = 3
    answer_style: Literal["compact", "full"] = "compact"
    """compact: the answering sentence first, the full passages behind "More"; full: passages."""
    reload_progress_seconds: float = 1.0
    """Least time between two progress edits of a ``/coverage reload`` reply."""
    button_timeout_seconds: float = 600.0
    """How long an answer's buttons work; under the 15 minutes an interaction token lives."""
    conversation_hours: float = Field(default=24.0, gt=0)
    """How long a reply to an answer (or a question in its thread) is read in its context."""
    feed_poll_minutes: float = 30.0
    allow_private_fetch: bool = False
    fetch_max_bytes: int = 3_000_000
    fetch_timeout_seconds: float = 15.0
    fetch_max_redirects: int = 5
    fetch_allowed_networks: list[str] = Field(default_factory=list)
    """Private networks fetches may reach anyway (CIDR), e.g. an intranet news server."""
    removed_dir: Path | None = None
    """Where removed articles are moved; ``corpus_dir/../removed`` when unset."""
    min_article_chars: int = 400
    attachment_max_bytes: int = 2_000_000
    feed_max_entries_per_poll: int = 10
    answer_threads: int | None = None
    """Threads answering questions; unset: sized from the cores and the encoder's threads."""
    answer_queue_limit: int = 2000
    """Questions waiting or being answered at once; past it members are told "busy"."""
    answer_max_wait_seconds: float = 600.0
    """Refuse ("busy") when the questions ahead would take longer (a token lives 15 minutes)."""

    @field_validator("guild_ids", "coverage_guild_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        """Accept one id, ids separated by commas or spaces, or a JSON list."""
        if isinstance(value, int):
            return [value]
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except ValueError:
                raise ValueError("not a JSON list of ids; write e.g. 123,456") from None
        return [part for part in text.replace(",", " ").split() if part]

    def ingest_config(self) -> IngestConfig:
        """Return the configuration of ingestion (adding, removing, feeds) from these settings."""
        from index.ingest import FetchPolicy, IngestConfig

        policy = FetchPolicy(
            allow_private=self.allow_private_fetch,
            allowed_networks=tuple(self.fetch_allowed_networks),
            max_bytes=self.fetch_max_bytes,
            timeout_seconds=self.fetch_timeout_seconds,
            max_redirects=self.fetch_max_redirects,
        )
        return IngestConfig(
            corpus_dir=self.corpus_dir,
            data_dir=self.data_dir,
            removed_dir=self.removed_dir if self.removed_dir not in (None, Path("")) else None,
            policy=policy,
            min_article_chars=self.min_article_chars,
            attachment_max_bytes=self.attachment_max_bytes,
            corpus_max_bytes=self.engine_config().max_file_bytes,
            feed_max_entries=self.feed_max_entries_per_poll,
        )

    def engine_config(self) -> EngineConfig:
        """Return the engine's configuration derived from these settings."""
        return EngineConfig(
            corpus_dir=self.corpus_dir,
            index_dir=self.index_dir,
            model=self.model,
            device=self.device,
            index_kind=self.index_kind,
            query_encoder=self.query_encoder,
            passage_encoder=self.passage_encoder,
        )
