"""The `make up` demo: a seeded agency and one appraisal period through the public HTTP APIs."""
