"""Plumbing shared by every service: envelope, schemas, event store, relay, consumer, auth, HTTP."""
