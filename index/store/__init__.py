"""The index as stored and loaded: the folder's versions and manifest, and its two structures.

``folder`` publishes a build atomically, prunes old versions and loads the current one checked
against the model (``IndexData``); ``dense`` is the FAISS vector index, ``lexical`` the BM25
index (bm25s) with ``bm25``'s incremental term counts.
"""
