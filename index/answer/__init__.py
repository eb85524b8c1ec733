"""The answer a member reads: pure judgments over retrieved passages.

Whether to answer at all, which sentence to bold, how strong each quote is, what it quotes, and
the news of a period:

``abstain`` decides refusals from the best hits' signals; ``sentence`` scores each sentence of a
passage as the answer (fitted weights in ``sentence_weights.json``); ``evidence`` is the
re-ranker's sentence evidence; ``strength`` flags weak hits; ``quotes`` widens a passage to whole
paragraphs; ``news`` lists a period's articles; ``freshness`` says when the coverage is old.
"""
