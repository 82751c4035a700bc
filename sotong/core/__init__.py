"""Tiny shared kernel: errors, clock, base model, file store. Imported by every app."""
