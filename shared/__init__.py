"""The platform every service runs on: envelope, event registry, event store, relay, consumer,
replay, web and auth, configuration, logs and metrics. It imports no service
(tests/unit/test_architecture.py)."""
