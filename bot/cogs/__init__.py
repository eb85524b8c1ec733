"""Bot features: every module here defines ``async def setup(bot)`` and is loaded at start."""
