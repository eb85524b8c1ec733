"""coverbot's retrieval engine: corpus, chunking, embedding, FAISS and BM25 search, quotes.

Front ends use ``index.engine.Engine`` (see ``docs/ENGINE_API.md``); this package never imports
``discord``.
"""
