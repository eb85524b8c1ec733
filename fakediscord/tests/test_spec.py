"""The loopback Discord answers what breaks Discord's OpenAPI spec as real Discord would."""

from __future__ import annotations

import aiohttp
import discord
import pytest

from fakediscord import FakeDiscord
from fakediscord.models import default_guild, default_members, guild_payload
from fakediscord.spec import ALLOWED, load_spec, spec_file

SPEC = load_spec()
pytestmark = pytest.mark.skipif(SPEC is None, reason=f"Discord's spec not found at {spec_file()}")
MESSAGES = "/channels/123/messages"


def problems(body: dict, path: str = MESSAGES, method: str = "POST") -> list[str]:
    assert SPEC is not None
    return [str(p) for p in SPEC.check_request(method, path, {}, body, multipart=False)]


def test_embed_url_must_be_an_absolute_uri_of_at_most_2048():
    """An embed URL without a scheme, or longer than 2,048 characters, breaks the spec."""
    assert problems({"embeds": [{"title": "t", "url": "https://example.com/x"}]}) == []
    [no_scheme] = problems({"embeds": [{"title": "t", "url": "www.example.com/x"}]})
    assert "embeds/0/url" in no_scheme and "'uri'" in no_scheme
    [too_long] = problems({"embeds": [{"url": "https://example.com/" + "x" * 2100}]})
    assert "embeds/0/url" in too_long and "maxLength" in too_long


def test_interaction_bodies_checked_in_their_branch():
    """A callback's message data is checked as a message (not as an autocomplete answer)."""
    path = "/interactions/1/token/callback"
    assert problems({"type": 5}, path) == []
    [long] = problems({"type": 4, "data": {"content": "x" * 2001}}, path)
    assert "data/content" in long and "maxLength" in long


def test_unknown_endpoint_and_method_and_query():
    """Paths, methods and query parameters must exist in Discord's API."""
    assert "no such path" in problems({}, "/channels/1/nonsense")[0]
    assert "no such method" in problems({}, "/users/@me", "DELETE")[0]
    assert SPEC is not None
    query = SPEC.check_request(
        "POST", "/webhooks/1/t", {"wiat": "1"}, {"content": "x"}, multipart=False
    )
    assert "'wiat' is not declared" in str(query[0])


def test_allow_list_is_reasoned_and_narrow():
    """Each allowance has its reason; an integer snowflake is accepted only where allowed."""
    assert all(len(reason) > 80 for _rewrite, reason in ALLOWED)
    assert problems({"content": "x", "message_reference": {"message_id": 5}}) == []
    [bad] = problems({"content": "x", "allowed_mentions": {"users": [5]}})
    assert "allowed_mentions/users/0" in bad


def test_fakes_own_payloads_are_checked():
    """A guild member missing a field the spec requires is reported (the check is not vacuous)."""
    assert SPEC is not None
    guild = default_guild()
    payload = guild_payload(guild, default_members(guild))
    assert SPEC.check_event("GUILD_CREATE", payload) == []
    del payload["members"][0]["avatar"]
    payload["roles"][0]["colors"] = None
    found = SPEC.check_event("GUILD_CREATE", payload)
    assert any("members/0" in p and "'avatar'" in p for p in found)
    assert any("roles/0/colors" in p for p in found)


@pytest.mark.asyncio(loop_scope="session")
async def test_violation_is_refused_and_fails_the_test():
    """The fake answers 400 (50035) with Discord's errors tree and keeps the violation."""
    async with FakeDiscord() as fake:
        url = f"{discord.http.Route.BASE}/channels/{fake.channel.id}/messages"
        body = {"embeds": [{"title": "t", "url": "www.example.com/x"}]}
        headers = {"Authorization": "Bot x"}
        async with aiohttp.ClientSession() as http, http.post(url, json=body, headers=headers) as r:
            data = await r.json()
        assert r.status == 400 and data["code"] == 50035
        assert "_errors" in data["errors"]["embeds"]["0"]["url"]
        assert fake.channel_messages() == []
        assert len(fake.store.spec_violations) == 1
        with pytest.raises(AssertionError, match="spec was broken"):
            await fake.__aexit__(None, None, None)
