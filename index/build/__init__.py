"""Building an index from a corpus folder: read, chunk, embed what is new, index, report.

``builder.build_index`` composes the steps; ``incremental`` lends unchanged articles' passages
from the serving index, ``vectors`` their vectors (the rest from the embedding cache or the
model); ``settings`` is what a build records and depends on.
"""
