"""Store step: the only part of ingest that touches the database (kb.ingest.store.articles)."""
