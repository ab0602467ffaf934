"""The terminal chat (`limber demo`): try Limber with no account."""
