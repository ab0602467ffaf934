"""The PostgreSQL fixtures, for the tests in this folder."""

from tests.support.pg_fixtures import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]
