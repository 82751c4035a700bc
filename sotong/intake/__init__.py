"""Intake: the ways documents come in (push API, drop folder, list import) and the originals store."""
