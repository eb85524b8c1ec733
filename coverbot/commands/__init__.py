"""Command families of the ``coverbot`` CLI, one module each."""
