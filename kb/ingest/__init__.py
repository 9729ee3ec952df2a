"""The ingest pipeline, one folder per step: read → clean → link → claims → events → store.

pipeline.py runs the pure steps on one document; batch.py runs the whole ingest over files.
"""
