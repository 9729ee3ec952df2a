"""Measure extraction against hand-made gold annotations (issue 12, data/eval/).

``gold`` loads and validates a gold YAML file, ``textspan`` locates gold passages in an
article body, ``matching`` pairs predictions with gold entries one to one, ``metrics``
computes the figures, ``report`` prints them and ``runner`` ties them together for
``manage.py evaluate``. Only ``pipeline`` imports from ``kb.ingest``.
"""
