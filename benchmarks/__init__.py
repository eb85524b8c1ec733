"""Benchmarks of the engine: ask latency, index search at scale, build speed, cold start, memory.

``coverbot bench`` runs them all; each module measures one thing and returns plain dicts so that
the command can print a table and one JSON object. Timings use ``time.perf_counter``; memory comes
from ``/proc/self/status`` in a subprocess.
"""
