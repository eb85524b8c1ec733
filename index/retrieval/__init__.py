"""Finding and ordering passages for a question.

Dense and lexical search, fusion, the recency prior, period candidates, re-ranking by sentence
evidence, duplicates and diversity.

Entry point: ``search.search(data, query, settings, k, frame)``; the ranking steps it composes
are pure functions over ``(passage, score)`` lists (``fusion``, ``recency``, ``ranking``).
"""
