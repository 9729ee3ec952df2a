"""A deterministic synthetic knowledge base for the benchmarks (``manage.py synthesize``)."""
