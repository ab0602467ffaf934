"""Persistence: SQLite through aiosqlite, versioned migrations."""
