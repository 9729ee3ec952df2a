"""A deterministic synthetic knowledge base for benchmarks (``manage.py synthesize``)."""
