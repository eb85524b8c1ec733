"""The embedding model: loaded offline, hashed, and used to encode passages and questions.

``encoder`` loads the model and encodes (sentence-transformers for passages; a cached ONNX export
for questions, ``onnx``, read from the model folder's files alone, ``folder``); ``cache`` keeps
passage vectors by content; ``batching`` shares one model call among questions asked together.
"""
