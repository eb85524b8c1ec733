"""Text as the engine reads it: sentences, passages, terms, tokens, dates, letters (pure).

Nothing here knows about questions, indexes or models; every other package reads text through it.
"""
