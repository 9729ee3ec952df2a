"""Ingest runs on the task queue: ``ingest --queue`` hands batches of files to Celery workers.

``enqueue`` (the command's side: read, store the batch, send a task), ``tasks`` (the
worker's side: extract, then store a batch exactly once), ``services`` (a run's counts),
``models`` (IngestRun, IngestBatch; app ``kb``), ``api`` (``/api/v1/ingest-runs/``). The
pipeline and its store are kb.ingest's; this package only schedules them.
"""
