"""Conversations: follow-up turns scored in context, beside asking alone and gluing turns (pure).

A file has a conversation a line: ``{"id", "turns": [{"q", "gold": [substrings], "abstain":
false, "asked": "2020-06-12"}, ...]}``. Every turn after the first is a follow-up, asked three
ways (``METHODS``): ``context`` (``Engine.ask(q, after=earlier turns)``, what the bot does with a
reply), ``alone`` (the turn by itself) and ``glued`` (the previous turn's question and this one
as one question); a turn that carries a ``reading`` (the self-contained question a person reads
the follow-up as, written by hand) is also asked ``read`` (that reading alone), which tells how
far the rules' reading is from a person's and what the engine answers when the reading is
right. Per method: answer@3 (a gold substring among the first three quotes), bold@1
(the first quote's bold sentence holds one), and refusals of answerable turns and of turns that
should be refused. A follow-up that the rules leave as written (``Reading.rule == "alone"``) must
get exactly the answer it gets alone: ``unchanged`` counts those that do.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.evaluation.metrics import contains_any, share
from index.records import Answer
from index.text.dates import parse_when

METHODS = ("context", "alone", "glued")
READ = "read"
"""The method that asks a follow-up's hand-written ``reading`` alone (where the turn has one)."""
ANSWER_DEPTH = 3


@dataclass(frozen=True)
class Turn:
    """One question of a conversation and what answers it."""

    q: str
    gold: tuple[str, ...] = ()
    abstain: bool = False
    asked: dt.datetime | None = None
    reading: str | None = None
    """The follow-up as a person reads it, self-contained (written by hand; optional)."""


@dataclass(frozen=True)
class Conversation:
    """Turns in the order they were asked."""

    cid: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class TurnOutcome:
    """How one follow-up turn fared, asked one way."""

    method: str
    answerable: bool
    abstained: bool
    answered: bool
    """A gold substring among the first ``ANSWER_DEPTH`` quotes."""
    bold: bool
    """The first quote's bold sentence holds a gold substring."""


def read_conversations(path: Path) -> tuple[Conversation, ...]:
    """Read a conversations file; a malformed line raises ``ValueError`` naming it."""
    conversations = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    conversations.append(_conversation(json.loads(line), number))
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    raise ValueError(f"{path}:{number}: {exc}") from None
    return tuple(conversations)


def _conversation(row: dict[str, Any], number: int) -> Conversation:
    turns = tuple(_turn(turn) for turn in row["turns"])
    if not turns:
        raise ValueError("a conversation needs at least one turn")
    return Conversation(str(row.get("id", number)), turns)


def _turn(row: dict[str, Any]) -> Turn:
    question = str(row["q"]).strip()
    if not question:
        raise ValueError("a turn's question is empty")
    gold = tuple(str(g) for g in row.get("gold") or () if str(g).strip())
    asked = row.get("asked")
    reading = row.get("reading")
    if reading is not None and not isinstance(reading, str):
        raise ValueError("a turn's reading is a question as text")
    if reading is not None:
        reading = reading.strip() or None
    return Turn(
        question,
        gold,
        bool(row.get("abstain", False)),
        parse_when(str(asked)) if asked else None,
        reading,
    )


def asked_as(method: str, turns: Sequence[Turn], index: int) -> tuple[str, tuple[str, ...]]:
    """Return the question and earlier turns that ``method`` asks for turn ``index``."""
    turn = turns[index]
    if method == "context":
        return turn.q, tuple(t.q for t in turns[:index])
    if method == "glued":
        return f"{turns[index - 1].q} {turn.q}", ()
    if method == READ:
        if turn.reading is None:
            raise ValueError(f"turn {index} has no reading")
        return turn.reading, ()
    return turn.q, ()


def methods_of(turn: Turn) -> tuple[str, ...]:
    """Return the ways a follow-up is asked: ``METHODS``, and ``read`` when it has a reading."""
    return (*METHODS, READ) if turn.reading is not None else METHODS


def judge_turn(method: str, turn: Turn, answer: Answer) -> TurnOutcome:
    """Return the outcome of one follow-up's answer."""
    hits = answer.hits[:ANSWER_DEPTH] if not answer.abstained else ()
    answered = any(contains_any(hit.quote, turn.gold) for hit in hits)
    bold = bool(hits) and contains_any(hits[0].highlighted_text, turn.gold)
    return TurnOutcome(method, not turn.abstain, answer.abstained, answered, bold)


def same_answer(one: Answer, other: Answer) -> bool:
    """Tell whether two answers show the same thing (quotes, bold, refusal and its reason)."""
    shown = [(h.quote, h.highlight) for h in one.hits]
    return (
        shown == [(h.quote, h.highlight) for h in other.hits]
        and one.abstained == other.abstained
        and one.reason == other.reason
    )


@dataclass(frozen=True)
class MethodFigures:
    """One method's figures over the follow-up turns."""

    method: str
    answerable: int
    to_refuse: int
    answer_at_3: float | None
    bold_at_1: float | None
    refused_answerable: float | None
    refused_to_refuse: float | None


def figures(method: str, outcomes: Sequence[TurnOutcome]) -> MethodFigures:
    """Return a method's figures from its turns' outcomes."""
    mine = [o for o in outcomes if o.method == method]
    answerable = [o for o in mine if o.answerable]
    to_refuse = [o for o in mine if not o.answerable]
    return MethodFigures(
        method,
        len(answerable),
        len(to_refuse),
        share([o.answered for o in answerable]),
        share([o.bold for o in answerable]),
        share([o.abstained for o in answerable]),
        share([o.abstained for o in to_refuse]),
    )


@dataclass(frozen=True)
class ConversationReport:
    """The figures of a conversations run."""

    conversations: int
    follow_ups: int
    methods: tuple[MethodFigures, ...]
    self_contained: int
    """Follow-ups the rules asked as written."""
    unchanged: int
    """Of those, how many got exactly the answer they get alone."""
    rules: tuple[tuple[str, int], ...]
    """How many follow-ups each rule read."""

    def as_dict(self) -> dict[str, Any]:
        """Return the report as one JSON-ready object."""
        return {
            "conversations": self.conversations,
            "follow_ups": self.follow_ups,
            "self_contained": self.self_contained,
            "unchanged": self.unchanged,
            "rules": dict(self.rules),
            **{
                m.method: {
                    "answerable": m.answerable,
                    "to_refuse": m.to_refuse,
                    "answer@3": m.answer_at_3,
                    "bold@1": m.bold_at_1,
                    "refused_answerable": m.refused_answerable,
                    "refused_to_refuse": m.refused_to_refuse,
                }
                for m in self.methods
            },
        }
