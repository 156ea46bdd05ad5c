"""Training service: competency gaps to training assignments, JP hours, development plans."""
