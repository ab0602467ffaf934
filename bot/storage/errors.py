"""Errors every storage backend raises, so callers need not know the driver.

`open_storage` turns a driver's failure to open the database (server unreachable,
password rejected, database missing, file not writable) into `StorageOpenError` with a
one-line message that never contains a password; the CLI prints it after "DATABASE_URL:".
"""

from __future__ import annotations


class StorageError(Exception):
    """Base of the storage errors an operator can act on."""


class StorageOpenError(StorageError):
    """The database cannot be opened; the message is one line for the operator."""


class MigrationError(StorageError):
    """The database is newer than this Limber, or a migration file is malformed."""
