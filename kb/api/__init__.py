"""REST API v1 plumbing shared by the apps: fields, model validation, optimistic locking, exports."""
