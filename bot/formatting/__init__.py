"""Pure functions that turn engine results into Discord payloads, within every Discord limit."""
