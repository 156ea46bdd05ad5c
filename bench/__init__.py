"""Benchmarks run against the real PostgreSQL and Kafka (``python -m bench.backbone``)."""
