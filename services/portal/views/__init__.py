"""The portal's pages, one module per part of a person's work."""
