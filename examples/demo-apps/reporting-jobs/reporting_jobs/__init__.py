"""Nightly reporting jobs of the Sieve example estate (deliberately vulnerable)."""
