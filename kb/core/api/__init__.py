"""The API's base: viewsets, optimistic locking, CSV export, shared fields and validation."""
