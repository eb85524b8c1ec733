"""Allow ``python -m coverbot``."""

from coverbot.cli import main

raise SystemExit(main())
