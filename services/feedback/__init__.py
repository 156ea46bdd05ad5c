"""Feedback service: self vs supervisor discrepancies, feedback dialogues, continuous feedback."""
