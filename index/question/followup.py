"""Follow-up questions read in the context of the earlier ones, by stated rules (pure, no model).

A member replies to an answer with "what about Microsoft?", "why?" or "who can still use it?".
Alone, such a question names nothing to search for. ``read_in_context(earlier, follow_up)``
returns the question to ask instead, a :class:`Reading` that says what it carried over from the
earlier question and what it replaced. The earlier turns are folded oldest first: each is read in
the context of the ones before it, and the follow-up in the context of the last one as read.

The rules, first match wins (``Reading.rule`` names the one applied):

1. ``replaced``: "what about X?", "how about X?", "and X?", or a bare "X?" of a few words with no
   question word. When X is a time ("last year", "in 2019"), it replaces the earlier question's
   time phrase (or is added to it); when X is one name, it replaces the earlier name of the same
   kind (a person's for a person, another name's for another: "What did IBM announce?" then
   "what about Microsoft?" asks what Microsoft announced), else the earlier question's first name;
   otherwise X is added to the earlier question ("…, and X?").
2. ``reasked``: a question word with nothing else of its own ("why?", "when was that?", "how
   much?", "why did they do that?"): the earlier question asked with that question word ("When
   did IBM announce?"; "Who announced the ban — why?" when the earlier one opens otherwise).
3. ``resolved``: a question with a personal pronoun ("it", "they", "his", ...): its first pronoun
   is replaced by what the earlier question was about (its first person for "he"/"she", its
   first name for "they", its last name for "it", else its last noun phrase), a possessive with
   "'s", and the earlier time phrase is added when the follow-up names none. After "Who did
   X?", "they" and "he" stand for the answer: "those who did X", "the one who did X".
4. ``extended``: a question that names nothing of its own (no name or rare word) while
   the conversation has named something, or that points back ("who said that?", "and who else
   uses it?"): it is asked about what the conversation is about, as a label before it ("Netflix
   and Squid Game: who made the show?"). On a coverage of many stories "the show" is the one
   just discussed.
5. ``alone``: anything else, a question with a name or rare word of its own, or one asking for a
   period's news ("what happened this week?"), is self-contained and asked exactly as written:
   it is answered as it would be alone.

A name the follow-up brings replaces the earlier one even when the coverage never mentions it, so
"and Google?" is refused as "The coverage does not mention Google." exactly as asked alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from index.lexicon import mapping, words
from index.question.names import TITLES, Name, given_name, names
from index.question.period import asks_for_news, time_frame, time_phrase

Rule = Literal["alone", "replaced", "reasked", "resolved", "extended"]

_WORD = re.compile(r"[\w'’]+")
_END = re.compile(r"[\s?.!,;:…]+$")
_LEAD = re.compile(
    r"^(?:(?:and|also|so|but|ok|okay|then|oh|hmm+|well|right|or)\b[\s,]*)+", re.IGNORECASE
)
_ABOUT = re.compile(
    r"^(?:what|how)\s+about\s+(?P<x>.+)$|^(?:and\s+)?(?:same|the same)\s+(?:question\s+)?"
    r"(?:for|about|with)\s+(?P<y>.+)$",
    re.IGNORECASE,
)
_TRAILING_TOO = re.compile(r"\s*,?\s*(?:too|as well|also)$", re.IGNORECASE)
_WH = re.compile(
    r"^(?:since\s+when|how\s+(?:much|many|long|often|far|old|soon|come)"
    r"|what\s+(?:year|month|day|date|time)"
    r"|who|whom|whose|what|which|when|where|why|how)\b",
    re.IGNORECASE,
)
_AUXILIARIES = words("auxiliaries")
_QUESTION_WORDS = words("wh_words")
_PERSONAL = {pronoun: role for pronoun, (role,) in mapping("pronouns").items()}
"""Personal pronouns and which of the earlier question's names each stands for."""
_POSSESSIVE = frozenset("its their his".split())
_POINTING = frozenset("that this those these there such".split())
"""Demonstratives that may point back at the earlier exchange as a whole."""
_FILLER = words("follow_up_filler")
"""What a bare question word may come with and still ask nothing of its own ("when was that?",
"why did they do that?", "who else?")."""
_STOP = words("function_words")
_NAME_WORDS = 4
"""A bare follow-up of at most this many words with no question word is a name or a time."""
_TITLE_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(TITLES))})\.?\s+$", re.I)
"""A title just before a name ("Sen. Wyden"): replaced with the name it stands before."""
_PREPOSITION = re.compile(r"^(?:in|at|for|from|of|on|about|with|by)\s+(?=[A-Z])")
"""A name brought with a preposition ("and in Zanzibar?") replaces the earlier name alone."""
_NEUTRAL = "ask about"
"""Put before a bare follow-up so that its first word is read as any other ("Joy Buolamwini"
is one name, not the ordinary word "joy" opening a question)."""


@dataclass(frozen=True)
class Reading:
    """How a follow-up was read: the question asked instead, and what changed."""

    question: str
    """The follow-up as written."""
    asked: str
    """The question to ask: ``question`` itself when it is self-contained."""
    rule: Rule = "alone"
    carried: tuple[str, ...] = ()
    """What came from the earlier turns: names, the earlier question's words, its time phrase."""
    replaced: tuple[tuple[str, str], ...] = ()
    """Pairs (earlier, follow-up's): a name or time of the earlier question and what took its
    place."""

    @property
    def in_context(self) -> bool:
        """Tell whether the earlier turns changed the question."""
        return self.asked != self.question


def read_in_context(earlier: Sequence[str], follow_up: str) -> Reading:
    """Return the question to ask for ``follow_up`` after the ``earlier`` turns (oldest first)."""
    question = " ".join(follow_up.split())
    read: list[str] = []
    for turn in earlier:
        turn = " ".join(turn.split())
        if turn:
            read.append(read_one(read[-1], turn, tuple(read[:-1])).asked if read else turn)
    if not read or not question:
        return Reading(question, question)
    return read_one(read[-1], question, tuple(read[:-1]))


def read_one(context: str, question: str, before: Sequence[str] = ()) -> Reading:
    """Return the reading of ``question`` after the earlier question ``context``.

    ``before``: the questions before that one (as read, oldest first), where a pronoun finds
    what the conversation is about when ``context`` names nothing ("how many returns were left
    over?" after "What did the IRS say?").
    """
    body = _END.sub("", question)
    rest = _LEAD.sub("", body)
    connected = rest != body
    about = _ABOUT.match(rest)
    if about is not None:
        return _replace(
            context, question, _TRAILING_TOO.sub("", about.group("x") or about.group("y"))
        )
    words = [w.lower() for w in _WORD.findall(rest)]
    if not words:
        return Reading(question, question)
    if _bare_subject(words, connected):
        return _replace(context, question, _TRAILING_TOO.sub("", rest))
    wh = _WH.match(rest)
    if wh is not None and _asks_who(words):
        return _resolve(context, question, rest, before)
    if wh is not None and all(
        w in _FILLER or w in _AUXILIARIES for w in _WORD.findall(rest[wh.end() :].lower())
    ):
        return _reask(context, question, wh.group(0))
    if any(w in _PERSONAL for w in words):
        return _resolve(context, question, rest, before)
    own = [n for n in names(rest) if not n.calendar] or _news_only(rest)
    if not own and (connected or _points_back(words) or _named(context, before)):
        return _extend(context, question, rest, before)
    return Reading(question, question)


def _asks_who(words: list[str]) -> bool:
    """Tell whether the follow-up asks about someone itself ("who is he?", "how old is she?").

    "when was it?" asks when the earlier thing happened (rule 2); a person is asked about.
    """
    copula = next((at for at, w in enumerate(words) if w in ("is", "was", "are", "were")), None)
    if copula is None or copula + 2 != len(words):
        return False
    pronoun = words[-1]
    return pronoun in _PERSONAL and (pronoun != "it" or words[0] in ("who", "what"))


def _bare_subject(words: list[str], connected: bool) -> bool:
    """Tell whether the follow-up is only a name or time ("and Google?", "Microsoft?")."""
    if words[0] in _AUXILIARIES or any(w in _QUESTION_WORDS for w in words):
        return False
    if any(w in _PERSONAL for w in words):
        return False
    return connected or (len(words) <= _NAME_WORDS and not any(w in _POINTING for w in words))


def _points_back(words: list[str]) -> bool:
    """Tell whether a demonstrative stands alone ("who said that?"), not before a noun."""
    for at, word in enumerate(words):
        if word in _POINTING:
            following = words[at + 1] if at + 1 < len(words) else None
            if following is None or following in _AUXILIARIES:
                return True
    return False


def _replace(context: str, question: str, subject: str) -> Reading:
    """Rule 1: the follow-up's name or time takes the place of the earlier one."""
    subject = _END.sub("", subject).strip()
    body = _END.sub("", context)
    when = time_phrase(subject)
    if when is not None and not _content(subject.replace(when, " ")):
        earlier = time_phrase(body)
        if earlier is not None:
            asked = body.replace(earlier, when, 1) + "?"
            return Reading(question, asked, "replaced", _kept(body, earlier), ((earlier, when),))
        return Reading(question, f"{body} {when}?", "replaced", (body,))
    subject = _PREPOSITION.sub("", subject) if _PREPOSITION.match(subject) else subject
    brought = [n for n in names(f"{_NEUTRAL} {subject}") if n.proper]
    if len(brought) == 1 and not _content(_drop(subject, brought[0].text)):
        target = _same_kind(body, brought[0])
        if target is not None:
            start, end = target
            if body[:start].lower().endswith("the "):  # the follow-up's own article, if any
                start -= len("the ")
            asked = body[:start] + subject + body[end:] + "?"
            old = body[start:end]
            return Reading(question, asked, "replaced", _kept(body, old), ((old, subject),))
        return Reading(question, f"{body} for {subject}?", "replaced", (body,))
    return Reading(question, f"{body}, and {subject}?", "replaced", (body,))


def _reask(context: str, question: str, wh: str) -> Reading:
    """Rule 2: the earlier question asked with the follow-up's question word."""
    body = _END.sub("", context)
    earlier = _WH.match(body)
    if earlier is not None:
        after = body[earlier.end() :].strip()
        first = after.split(" ", 1)[0].lower() if after else ""
        if first in _AUXILIARIES:
            asked = f"{wh[0].upper()}{wh[1:].lower()} {after}?"
            return Reading(question, asked, "reasked", (after,), ((earlier.group(0), wh),))
    elif body.split(" ", 1)[0].lower() in _AUXILIARIES:
        asked = f"{wh[0].upper()}{wh[1:].lower()} {body[0].lower()}{body[1:]}?"
        return Reading(question, asked, "reasked", (body,))
    return Reading(question, f"{body} — {wh.lower()}?", "reasked", (body,))


def _resolve(context: str, question: str, rest: str, before: Sequence[str] = ()) -> Reading:
    """Rule 3: the follow-up's first personal pronoun becomes what the earlier one was about."""
    body = _END.sub("", context)
    for match in _WORD.finditer(rest):
        pronoun = match.group(0).lower()
        if pronoun not in _PERSONAL:
            continue
        possessive = pronoun in _POSSESSIVE or (pronoun == "her" and _before_noun(rest, match))
        answered = _who_did(body, _PERSONAL[pronoun])
        referent = answered or _referent(body, _PERSONAL[pronoun], before)
        if possessive:
            referent = referent + ("'" if referent.endswith("s") else "'s")
        text = _END.sub("", rest[: match.start()] + referent + rest[match.end() :])
        carried = [referent]
        when = time_phrase(body)
        if when is not None and time_phrase(text) is None:
            text += f" {when}"
            carried.append(when)
        return Reading(
            question, text + "?", "resolved", tuple(carried), ((match.group(0), referent),)
        )
    return Reading(question, question)


_WHO_DID = re.compile(r"^who\s+(?P<verb>[\w'’]+)\s+(?P<rest>.+)$", re.IGNORECASE)


def _who_did(body: str, which: str) -> str | None:
    """Return "those who criticised Amazon" for "Who criticised Amazon?": "they" is the answer.

    After a question asking who did something, a pronoun stands for whoever did it, not for a
    name the question itself mentions; a "who is X?" question is about X and gives None.
    """
    match = _WHO_DID.match(body)
    if which == "last" or match is None or match.group("verb").lower() in _AUXILIARIES:
        return None
    who = "the one who" if which == "person" else "those who"
    return f"{who} {match.group('verb')} {match.group('rest')}"


def _extend(context: str, question: str, rest: str, before: Sequence[str] = ()) -> Reading:
    """Rule 4: a follow-up naming nothing is asked about what the conversation is about."""
    body = _END.sub("", context)
    referent = _referent(body, "all", before)
    text = f"{referent}: {_END.sub('', rest)}"
    carried = [referent]
    when = time_phrase(body)
    if when is not None and time_phrase(text) is None:
        text += f" {when}"
        carried.append(when)
    return Reading(question, text + "?", "extended", tuple(carried))


_SOME_DAY = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Any moment: what kind of period a question names does not depend on when it is asked."""


def _news_only(question: str) -> bool:
    """Tell whether a question asks for a period's news and nothing else ("what's new?")."""
    return asks_for_news(question, time_frame(question, _SOME_DAY))


def _named(context: str, before: Sequence[str]) -> bool:
    """Tell whether the conversation so far names something (a name, not just words)."""
    texts = (context, *before)
    return any(
        n.proper and not n.calendar and not n.text.isdigit() for t in texts for n in names(t)
    )


def _referent(body: str, which: str, before: Sequence[str] = ()) -> str:
    """Return what the conversation is about, for a pronoun of the kind ``which``.

    The earlier question's names, else those of the questions before it (newest first), else
    the earlier question's last noun phrase.
    """
    for text in (body, *(_END.sub("", turn) for turn in reversed(before))):
        found = [n for n in names(text) if not n.calendar and not n.text.isdigit()]
        proper = [n for n in found if n.proper] or found
        if proper:
            return _chosen(text, proper, which)
    return _noun_phrase(body)


def _chosen(body: str, proper: Sequence[Name], which: str) -> str:
    if which == "all":
        return " and ".join(_written(body, n) for n in proper)
    if which == "person":
        people = [n for n in proper if _person(body, n)]
        return _written(body, (people or proper)[0])
    chosen = proper[-1] if which == "last" else proper[0]
    return _phrase(body, chosen)


def _noun_phrase(body: str) -> str:
    """Return the earlier question's last run of content words, with its article ("the ban")."""
    tokens = _WORD.findall(body)
    run: list[str] = []
    for token in reversed(tokens):
        lower = token.lower()
        if lower in _STOP or lower in _AUXILIARIES or lower in _QUESTION_WORDS:
            if run and lower in ("the", "a", "an"):
                run.append(token)
            if run:
                break
            continue
        run.append(token)
    if not run:
        return body
    return " ".join(reversed(run))


def _before_noun(text: str, match: re.Match[str]) -> bool:
    """Tell whether a word is followed by another word that is no stop word ("her job")."""
    following = _WORD.search(text, match.end())
    return following is not None and following.group(0).lower() not in _STOP


def _person(body: str, name: Name) -> bool:
    """Tell whether a name is a person's: a known given name first, or a title before it."""
    if given_name(name) is not None:
        return True
    before = body[: body.find(name.text)].split() if name.text in body else []
    return bool(before) and before[-1].lower().rstrip(".") in TITLES


def _same_kind(body: str, brought: Name) -> tuple[int, int] | None:
    """Return where the earlier question writes its name of the same kind as ``brought``.

    A person's name replaces the first person's, another name the first other name's; failing
    that, the first name (a question's subject comes first).
    """
    proper = [n for n in names(body) if n.proper and not n.calendar]
    person = _person(body, brought)
    same = [n for n in proper if _person(body, n) == person] or proper
    for name in same:
        match = _name_pattern(name).search(body)
        if match is not None:
            title = _TITLE_BEFORE.search(body[: match.start()])
            start = title.start() if title else match.start()
            return start, match.end()
    return None


def _name_pattern(name: Name) -> re.Pattern[str]:
    words = name.text.split()
    return re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)


_OWNED = re.compile(r"(?:\s+(?:[a-z]+['’]s\s+)?[a-z]+)?['’]s\s+([a-z]+)")


def _phrase(body: str, name: Name) -> str:
    """Return the noun phrase a name opens as a possessive ("the Oregon sheriff's office")."""
    match = _name_pattern(name).search(body)
    if match is None:
        return name.text
    owned = _OWNED.match(body, match.end())
    if owned is None or owned.group(1) in _STOP or owned.group(1) in _AUXILIARIES:
        return match.group(0)
    start = match.start() - 4 if body[: match.start()].lower().endswith("the ") else match.start()
    return body[start : owned.end()]


def _written(body: str, name: Name) -> str:
    """Return the name as the earlier question writes it ("F.B.I." rather than "FBI")."""
    match = _name_pattern(name).search(body)
    return match.group(0) if match else name.text


def _content(text: str) -> bool:
    """Tell whether a text holds a word beyond articles and prepositions."""
    return any(w.lower() not in _STOP for w in _WORD.findall(text))


def _drop(text: str, name: str) -> str:
    return re.sub(re.escape(name), " ", text, flags=re.IGNORECASE).replace("'s", " ")


def _kept(body: str, old: str) -> tuple[str, ...]:
    """Return the earlier question's words that stay, for ``Reading.carried``."""
    return (" ".join(body.replace(old, " ").split()),)
