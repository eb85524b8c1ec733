"""Allow ``python -m coverbot``."""

from coverbot.cli import run

run()
