"""PostgreSQL backend (asyncpg, one connection pool per process)."""
