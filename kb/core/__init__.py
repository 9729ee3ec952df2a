"""The base every app stands on: choices, dates, history, locking, bulk writes, pagination, permissions, roles, full-text helpers. Imports no app."""
