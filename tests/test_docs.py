"""The README and .env.example stay true to the code: every setting and command is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.features import build_registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text("utf-8")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_in_env_example_with_a_comment_and_in_the_readme(field: str) -> None:
    variable = field.upper()
    lines = ENV_EXAMPLE.splitlines()
    index = next((i for i, line in enumerate(lines) if line.startswith(f"{variable}=")), None)
    assert index is not None, f"{variable} missing from .env.example"
    assert lines[index - 1].startswith("# "), f"{variable} has no comment in .env.example"
    assert f"`{variable}`" in README


@pytest.mark.parametrize("usage", sorted(spec.usage for spec in build_registry().specs()))
def test_every_command_is_in_the_readme_table(usage: str) -> None:
    assert f"| `{usage}` |" in README
