"""Test support that needs more than a fake: a real PostgreSQL server for the suite."""
