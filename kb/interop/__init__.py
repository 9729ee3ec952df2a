"""The field's exchange formats, both ways: STIX 2.1 (export and import), ACLED-style event
CSV, GeoJSON, schema.org ClaimReview."""
