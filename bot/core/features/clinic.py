"""`/clinic setup` (admins) and `/clinic show`: the server's booking link, name and
emergency number, overriding the operator's BOOKING_URL, CLINIC_NAME, EMERGENCY_NUMBER."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.links import check_https_url
from bot.core.messages import Message, Reply
from bot.core.models import ClinicSettings
from bot.core.triage.assess import DEFAULT_EMERGENCY_TEXT

NO_LINK = "(not set: severe pain replies say to see a clinician)"


class SetupOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    booking_url: str = Field(
        max_length=500,
        description="Booking page, https:// only",
        examples=["https://clinic.example/book"],
    )
    name: str | None = Field(default=None, max_length=100, description="Clinic name")
    emergency_number: str | None = Field(
        default=None, max_length=20, description="Local emergency number, e.g. 911"
    )

    @field_validator("booking_url")
    @classmethod
    def _https(cls, value: str) -> str:
        return check_https_url(value)

    @field_validator("emergency_number")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\+?[0-9][0-9 \-]{1,18}", value.strip()):
            raise ValueError("must be a phone number such as 911, 112 or +44 20 1234 5678")
        return value.strip() if value else None


@command(
    "clinic setup",
    "Set this server's booking link, clinic name and emergency number",
    SetupOptions,
    admin_only=True,
)
async def setup_command(ctx: Context, options: SetupOptions) -> Reply:
    key = ctx.scope.clinic_key or ctx.user.clinic_key
    if key is None:
        return Reply.error("Use `/clinic setup` inside your server, not in a direct message.")
    await ctx.store.clinics.save(
        ClinicSettings(key, options.name, options.booking_url, options.emergency_number), ctx.now
    )
    return await show_command.handler(ctx, NoOptions())


@command("clinic show", "This server's clinic settings", read_only=True)
async def show_command(ctx: Context, options: NoOptions) -> Reply:
    info = await ctx.clinic_info()
    lines = [
        f"Clinic: {info.name or '(not set)'}",
        f"Booking link: {info.booking_url or NO_LINK}",
        f"Emergency number: {info.emergency_number or DEFAULT_EMERGENCY_TEXT}",
    ]
    return Reply([Message("\n".join(lines), title="Clinic settings")])


COMMANDS = [setup_command, show_command]
