"""Test support: a small sample service that exercises the shared plumbing end to end."""
