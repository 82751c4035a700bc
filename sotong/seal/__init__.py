"""Seal: fingerprint and PAdES-sign public PDFs, and tell anyone whether a copy is genuine."""
