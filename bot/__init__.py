"""coverbot's Discord layer: a thin discord.py bot that quotes the coverage through the engine.

The composition root is :func:`bot.__main__.build_bot`; features live in ``bot.ask`` and
``bot.coverage`` (listed in ``bot.bot.EXTENSIONS``); reply formatting is pure functions in
``bot.formatting``. Nothing here imports the engine's internals.
"""
