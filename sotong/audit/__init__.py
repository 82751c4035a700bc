"""Append-only audit log: every state-changing service writes one row in its own transaction."""
