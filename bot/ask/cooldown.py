"""A per-member cooldown shared by ``/ask`` and mentions, sized from the settings."""

from __future__ import annotations

from discord import app_commands


class UserCooldowns:
    """Allow each member ``rate`` questions per ``per`` seconds."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def hit(self, user_id: int) -> None:
        """Count one question by ``user_id``; raise ``CommandOnCooldown`` if over the rate."""
        if self.rate <= 0:
            return
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = app_commands.Cooldown(self.rate, self.per)
        retry_after = bucket.update_rate_limit()
        if retry_after is not None:
            raise app_commands.CommandOnCooldown(bucket, retry_after)
        if len(self._buckets) > 10_000:  # forget idle members so memory stays bounded
            self._buckets = {uid: b for uid, b in self._buckets.items() if b.get_tokens() < b.rate}
