"""Grounding: does the coverage mention what the question names, and how does it write it.

A name is mentioned as written, through a slip of it, in another form of the word (a place and
its people), by a symbol or a newsroom tag, or as a dotted acronym (``mentioned``, ``forms``,
``symbols``); the coverage is asked through one view per loaded index (``coverage.Coverage``),
never through the store. ``query.prepare_query`` turns the verdicts into the query that search
ranks by. The rules, their order and how to add one: ``RULES.md`` beside this file.
"""
