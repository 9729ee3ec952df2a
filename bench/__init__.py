"""Benchmarks (not tests): synthetic corpora, latency over HTTP, queries per request, ingest speed."""
