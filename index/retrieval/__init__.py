"""retrieval: see docs/ARCHITECTURE.md."""
