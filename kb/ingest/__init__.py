"""The ingest pipeline: pure functions over plain data (types.py), then one storage step."""
