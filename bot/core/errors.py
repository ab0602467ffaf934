"""Errors the core raises for people, not for operators."""

from __future__ import annotations


class CommandError(Exception):
    """Bad command line or options; the message names the problem and gives a hint."""
