"""Limber: a stretch coach for low back pain and sciatica that lives in chat."""

__version__ = "0.1.0"
