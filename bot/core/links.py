"""Links shown to patients: checked the same way in settings and in `/clinic setup`."""

from __future__ import annotations

from urllib.parse import urlparse


def check_https_url(value: str) -> str:
    """Booking links are shown to patients: only absolute https URLs with a host are accepted."""
    parsed = urlparse(value.strip())
    if parsed.scheme != "https" or not parsed.netloc or " " in value.strip():
        raise ValueError(
            f"must be an https:// link such as https://example.com/book, got {value!r}"
        )
    return value.strip()
