"""The ``coverbot`` command line: the composition root wiring the engine and the bot to a shell."""
