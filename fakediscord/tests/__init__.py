"""The loopback Discord's own tests: discord.py against it, and its spec checks."""
