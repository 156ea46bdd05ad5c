"""The platform's tools beside the services: the `asn` command line, the HTTP API client, exports and
the event catalogue generator. They use the services' public APIs and contracts, never their internals.
"""
