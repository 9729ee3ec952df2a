"""manage.py commands: ingest, ingest_seeds, load_reference, setup_roles, make_demo_fixture, synthesize."""
