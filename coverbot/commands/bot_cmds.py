"""``coverbot run``, ``sync`` and ``feedback export``: the Discord bot's commands."""

from __future__ import annotations

import argparse
import asyncio
import csv
import dataclasses
import json
import logging
import sys
from pathlib import Path
from typing import IO, Any

from coverbot.errors import EXIT_OK, fail

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add the ``run``, ``sync`` and ``feedback`` commands."""
    run = subparsers.add_parser(
        "run",
        help="start the Discord bot",
        description=(
            "Start the Discord bot: load the index (building it from COVERBOT_CORPUS_DIR the "
            "first time), connect with COVERBOT_DISCORD_TOKEN and answer /ask and mentions until "
            "stopped (Ctrl-C). Settings come from the environment and .env; see .env.example."
        ),
    )
    run.set_defaults(handler=run_command)

    sync = subparsers.add_parser(
        "sync",
        help="register the slash commands with Discord (globally or per guild), then exit",
        description=(
            "Register /ask and /coverage with Discord, then exit. Per guild it is instant; "
            "globally it can take up to an hour to show. Discord allows 200 command creations "
            "a day per server, so this is not done on every start."
        ),
    )
    where = sync.add_mutually_exclusive_group()
    where.add_argument(
        "--guild",
        type=int,
        action="append",
        dest="guilds",
        metavar="ID",
        help="sync to this guild (instant; repeatable); default: COVERBOT_GUILD_IDS, else global",
    )
    where.add_argument(
        "--global",
        action="store_true",
        dest="global_sync",
        help="sync globally even if guilds are configured (can take up to an hour to show)",
    )
    sync.set_defaults(handler=sync_command)

    feedback = subparsers.add_parser("feedback", help="the 👍/👎 feedback members gave answers")
    actions = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write every vote as CSV or JSON lines")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    export.set_defaults(handler=export_command)


def run_command(args: argparse.Namespace) -> int:
    """Start the bot; a missing token or an unusable index is reported without a traceback."""
    import discord

    from bot.__main__ import MissingTokenError, serve
    from coverbot.settings import Settings
    from index.errors import CoverbotError

    try:
        asyncio.run(serve(Settings()))
    except MissingTokenError as exc:
        return fail(str(exc))
    except discord.LoginFailure:
        return fail("Discord rejected the bot token (COVERBOT_DISCORD_TOKEN); check it.")
    except discord.PrivilegedIntentsRequired:
        return fail(
            "Discord refused the gateway intents; see the README, 'Running it on Discord'."
        )
    except CoverbotError as exc:
        return fail(str(exc))
    return EXIT_OK


def sync_command(args: argparse.Namespace) -> int:
    """Sync the slash commands explicitly, then exit."""
    import discord

    from bot.__main__ import MissingTokenError, sync
    from coverbot.settings import Settings

    settings = Settings()
    guilds = None if args.global_sync else (args.guilds or settings.guild_ids or None)
    try:
        count = asyncio.run(sync(settings, guilds))
    except MissingTokenError as exc:
        return fail(str(exc))
    except discord.LoginFailure:
        return fail("Discord rejected the bot token (COVERBOT_DISCORD_TOKEN); check it.")
    except discord.HTTPException as exc:
        return fail(f"Discord refused the sync: {exc.status} {exc.text}")
    target = "globally" if not guilds else "to guild(s) " + ", ".join(map(str, guilds))
    sys.stdout.write(f"Synced {count} command{'' if count == 1 else 's'} {target}.\n")
    return EXIT_OK


def export_command(args: argparse.Namespace) -> int:
    """Write the feedback votes to stdout or a file."""
    from bot.__main__ import feedback_store
    from coverbot.settings import Settings

    rows = [dataclasses.asdict(row) for row in feedback_store(Settings()).rows()]
    if args.output is None:
        write_feedback(rows, args.format, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            write_feedback(rows, args.format, out)
        log.info("Wrote %d votes to %s", len(rows), args.output)
    return EXIT_OK


FIELDS = ("created_at", "vote", "question", "shown", "user_hash", "message_id")


def write_feedback(rows: list[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Write feedback rows as CSV (with a header) or as JSON lines."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({key: row[key] for key in FIELDS}, ensure_ascii=False) + "\n")
        return
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
