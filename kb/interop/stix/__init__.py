"""STIX 2.1: the knowledge base as a bundle (export) and bundles into it (import)."""
