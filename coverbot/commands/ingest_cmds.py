"""``coverbot add``, ``remove``, ``restore`` and ``feed``: grow the coverage without Discord.

Every change rebuilds the index incrementally and is written to the audit log as ``cli:<login>``.
Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage (argparse).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from coverbot.commands.engine_options import add_location_options, make_engine
from coverbot.errors import EXIT_ERROR, EXIT_OK, fail
from coverbot.settings import Settings
from coverbot.terminal import clean, plural
from index.errors import CoverbotError
from index.ingest import AddResult, FeedInfo, FeedPollResult, Library


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``add``, ``remove``, ``restore`` and ``feed`` commands."""
    add = subparsers.add_parser("add", help="add an article by link or from a file, then reindex")
    add.add_argument("target", metavar="URL|FILE", help="http(s) link or a local article file")
    _common(add, _add)
    remove = subparsers.add_parser("remove", help="move an article to the removed folder")
    remove.add_argument("article", help="the article's title (or part of it) or its file")
    _common(remove, _remove)
    restore = subparsers.add_parser("restore", help="put a removed article back")
    restore.add_argument(
        "name",
        nargs="?",
        help="the article's title (or part of it) or its file (default: the latest removal)",
    )
    restore.add_argument("--list", action="store_true", help="list what can be restored")
    _common(restore, _restore)

    feed = subparsers.add_parser("feed", help="follow RSS/Atom feeds and add their new entries")
    actions = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True)
    for name, help_text, handler in (
        ("add", "follow a feed", _feed_add),
        ("remove", "stop following a feed", _feed_remove),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("url", help="the feed's link")
        _common(action, handler)
    _common(actions.add_parser("list", help="list feeds and how their last poll went"), _feed_list)
    poll = actions.add_parser("poll", help="poll feeds now and add their new entries")
    poll.add_argument("url", nargs="?", help="only this feed (default: all)")
    _common(poll, _feed_poll)


def _common(parser: argparse.ArgumentParser, handler: Any) -> None:
    add_location_options(parser)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=lambda args: _run(handler, args))


def _run(handler: Any, args: argparse.Namespace) -> int:
    try:
        return int(asyncio.run(handler(_library(args), args)))
    except CoverbotError as exc:
        return fail(str(exc))


def _library(args: argparse.Namespace) -> Library:
    config = Settings().ingest_config()
    if getattr(args, "corpus", None):
        config = dataclasses.replace(config, corpus_dir=args.corpus)
    return Library(config, make_engine(args))


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(clean(text) + "\n")


def _passages(n: int) -> str:
    return f"{n} passage" if n == 1 else f"{n} passages"


def describe_add(result: AddResult) -> str:
    """Return an added article (or every article of an added file) as terminal lines."""
    if result.articles > 1:
        lines = [f"added {plural(result.articles, 'article')} from one file:"]
        lines += [f'  + "{title}"' for title in result.titles]
    else:
        where = ", ".join(x for x in (result.outlet, result.published) if x)
        lines = [f'added "{result.title}"' + (f" ({where})" if where else "")]
    lines.append(f"  {_passages(result.passages)}, file {result.path}")
    lines += [f"  ! {note}" for note in result.notes]
    return "\n".join(lines)


async def _add(library: Library, args: argparse.Namespace) -> int:
    target: str = args.target
    if target.startswith(("http://", "https://")):
        result = await library.add_url(target, _actor())
    else:
        result = await library.add_path(Path(target), _actor())
    _out(args, dataclasses.asdict(result), describe_add(result))
    return _indexed(result.indexed, result.note)


def _indexed(ok: bool, note: str | None) -> int:
    if not ok:
        sys.stderr.write(f"coverbot: warning: {note}\n")
    return EXIT_OK


async def _remove(library: Library, args: argparse.Namespace) -> int:
    result = await library.remove(args.article, _actor())
    file, _, record = result.path.partition("#")
    moved = f"record {record} of {file} taken out" if record else f"{result.path} moved"
    text = f'removed "{result.title}": {moved} to the removed folder as ' + (
        f"{result.removed_path} (undo: coverbot restore)"
    )
    _out(args, dataclasses.asdict(result), text)
    return _indexed(result.indexed, result.note)


async def _restore(library: Library, args: argparse.Namespace) -> int:
    if args.list:
        items = await asyncio.to_thread(library.removed)
        lines = [f"{i.removed_at}  {i.title}  ({i.removed_path})" for i in items]
        _out(args, [dataclasses.asdict(i) for i in items], "\n".join(lines) or "nothing removed")
        return EXIT_OK
    result = await library.restore(args.name, _actor())
    text = f'restored "{result.title}" as {result.path} ({_passages(result.passages)})'
    _out(args, dataclasses.asdict(result), text)
    return _indexed(result.indexed, result.note)


def describe_feed(info: FeedInfo) -> str:
    """Return a followed feed as one terminal line."""
    state = (
        f"failing: {info.last_error}"
        if info.last_error
        else (f"ok at {info.last_ok}" if info.last_ok else "not polled yet")
    )
    return f"{info.url}  [{info.title or 'untitled'}]  {info.articles_added} added, {state}"


async def _feed_add(library: Library, args: argparse.Namespace) -> int:
    info = await library.feeds.follow(args.url, _actor())
    _out(args, dataclasses.asdict(info), f"following {describe_feed(info)}")
    return EXIT_OK


async def _feed_remove(library: Library, args: argparse.Namespace) -> int:
    info = await library.feeds.unfollow(args.url, _actor())
    _out(args, dataclasses.asdict(info), f"stopped following {info.url}")
    return EXIT_OK


async def _feed_list(library: Library, args: argparse.Namespace) -> int:
    feeds = await library.feeds.followed()
    text = "\n".join(describe_feed(f) for f in feeds) or "no feeds followed"
    _out(args, [dataclasses.asdict(f) for f in feeds], text)
    return EXIT_OK


def describe_poll(result: FeedPollResult) -> str:
    """Return one feed's poll as terminal lines."""
    if result.error:
        return f"{result.feed_url}: failed: {result.error}"
    lines = [f"{result.feed_url}: {len(result.added)} added, {result.skipped} already seen"]
    lines += [f'  + "{a.title}" ({_passages(a.passages)})' for a in result.added]
    lines += [f"  ! {f.link}: {f.reason}" for f in result.failed]
    return "\n".join(lines)


async def _feed_poll(library: Library, args: argparse.Namespace) -> int:
    if args.url:
        feed = await library.feeds.find(args.url)
        results: tuple[FeedPollResult, ...] = (await library.feeds.poll(feed.url),)
    else:
        results = await library.feeds.poll_all()
    text = "\n".join(describe_poll(r) for r in results) or "no feeds followed"
    _out(args, [dataclasses.asdict(r) for r in results], text)
    return EXIT_OK if all(r.ok for r in results) else EXIT_ERROR
