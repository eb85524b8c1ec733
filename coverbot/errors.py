"""Turn the failures a user can expect into one actionable line (``coverbot: error: …``).

``describe`` knows the exceptions that reach the command line from settings, the network, the
file system and the engine; anything else is named with a hint to rerun with ``--debug``. The exit
codes and the one way of printing an error (``fail``) are here too.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable

from index.errors import CoverbotError

EXIT_OK = 0
EXIT_ERROR = 1
"""Any error: one line on stderr."""
EXIT_USAGE = 2
"""A usage error (as argparse's)."""


def _settings_error(exc: Exception) -> str | None:
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    if isinstance(exc, ValidationError):
        problems = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"][:1])
            value = error.get("input")
            shown = f" (got {value!r:.60})" if isinstance(value, str | int | float) else ""
            problems.append(f"COVERBOT_{field.upper()}: {error['msg']}{shown}")
        return "invalid setting " + "; ".join(problems) + " (see .env.example)"
    if isinstance(exc, SettingsError):
        cause = str(exc)
        if '"' in cause:
            field = cause.split('"')[1]
            return f"invalid setting COVERBOT_{field.upper()}: cannot be read (see .env.example)"
        return f"invalid setting: {cause} (see .env.example)"
    return None


def _network_error(exc: Exception) -> str | None:
    import aiohttp

    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = exc.os_error.strerror or str(exc.os_error) or "no route"
        return (
            f"cannot connect to {exc.host}: {reason}; check the network connection "
            "(and any proxy or firewall)"
        )
    if isinstance(exc, aiohttp.ClientError):
        return f"the network request failed ({type(exc).__name__}: {exc}); try again later"
    if isinstance(exc, TimeoutError):
        return "the network did not answer in time; check the connection and try again"
    return None


def _os_error(exc: Exception) -> str | None:
    if not isinstance(exc, OSError):
        return None
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return f"the disk is full{where}; free some space and try again"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied{where}"
    return f"{exc.strerror or exc}{where}"


def describe(exc: BaseException) -> str:
    """Return one line saying what went wrong and, where known, what to do about it."""
    from index.errors import CoverbotError

    if isinstance(exc, CoverbotError):
        return str(exc)
    if not isinstance(exc, Exception):
        return type(exc).__name__
    for explain in (_settings_error, _network_error, _os_error):
        line = explain(exc)
        if line is not None:
            return line
    try:
        import discord
    except ImportError:  # pragma: no cover - discord.py is a dependency
        discord = None  # type: ignore[assignment]
    if discord is not None and isinstance(exc, discord.DiscordException):
        return f"Discord refused: {exc}"
    return f"unexpected {type(exc).__name__}: {exc} (run again with --debug for the traceback)"


def fail(message: str) -> int:
    """Print an error for a shell user and return the error exit code."""
    print(f"coverbot: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def usage_error(command: str, message: str) -> int:
    """Print a usage error the way argparse does and return its exit code (2)."""
    print(f"usage: coverbot {command} ...\ncoverbot {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Wrap a handler so that engine errors become one clear line on stderr, not a traceback.

    With ``--debug`` or ``-v`` the error is left to ``coverbot.cli.main``, which prints the
    traceback before the same line.
    """

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CoverbotError as exc:
            if getattr(args, "debug", False) or getattr(args, "verbose", 0):
                raise
            return fail(str(exc))

    return run
