"""Interaction callbacks and interaction webhooks (follow-ups, ``@original``) of the fake.

Mirrors Discord's rules that bots trip over: the initial response must come within
``interaction_deadline`` (3 s) and only once (40060), follow-ups need an acknowledged
interaction, expired tokens answer 50027, and the first follow-up after a deferred
response replaces the "thinking" message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .discord_http import ApiError, Call
from .discord_models import EPHEMERAL, LOADING, FakeMessage, InteractionResult

if TYPE_CHECKING:
    from .discord_rest import RestApi


class InteractionEndpoints:
    """Handlers for ``/interactions/.../callback`` and ``/webhooks/{app}/{token}/...``."""

    def __init__(self, rest: RestApi) -> None:
        self.rest = rest
        self.fake = rest.fake

    def _interaction_message(
        self, result: InteractionResult, call: Call, *, flags: int
    ) -> FakeMessage:
        fake = self.fake
        msg = fake.new_message(
            result.channel,
            fake.bot_user,
            webhook_id=fake.app_id,
            application_id=fake.app_id,
            interaction_id=result.interaction_id,
            interaction_metadata={
                "id": str(result.interaction_id),
                "type": result.type,
                "user": result.user.payload(),
                "authorizing_integration_owners": {
                    "0": str(result.guild.id) if result.guild else "0"
                },
            },
        )
        msg.flags = flags
        return msg

    async def callback(self, call: Call) -> dict[str, Any]:
        fake = self.fake
        iid = int(call.params["iid"])
        result = fake.interactions.get(iid)
        if result is None or result.token != call.params["token"]:
            raise ApiError(404, 10062, "Unknown interaction")
        if result.response_type is not None:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        if fake.interaction_age(iid) > fake.interaction_deadline:
            raise ApiError(404, 10062, "Unknown interaction")
        rtype = int(call.body.get("type", 0))
        data = call.body.get("data") or {}
        sub = Call(call.method, call.path, call.query, data, call.files)
        msg: FakeMessage | None = None
        if rtype == 4:
            msg = self._interaction_message(result, sub, flags=0)
            self.rest.apply(msg, sub, creating=True)
        elif rtype == 5:
            msg = self._interaction_message(
                result, sub, flags=LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            )
        elif rtype in (6, 7):
            if result.source_message is None:
                raise ApiError(400, 50035, "Invalid Form Body (type: needs a component message)")
            msg = result.source_message
            if rtype == 7:
                self.rest.apply(msg, sub, creating=False)
                fake.edited_now(msg)
        elif rtype == 8:
            result.choices = list(data.get("choices") or [])
        elif rtype == 9:
            result.modal = data
        else:
            raise ApiError(400, 50035, f"Invalid Form Body (type {rtype})")
        result.response_type = rtype
        result.message = msg
        if msg is not None and rtype in (4, 5):
            fake.record("create", msg)
            if not msg.ephemeral:
                await fake.dispatch_message("MESSAGE_CREATE", msg)
        elif msg is not None and rtype == 7:
            fake.record("edit", msg)
            if not msg.ephemeral:
                await fake.dispatch_message("MESSAGE_UPDATE", msg)
        result._touch()
        interaction: dict[str, Any] = {"id": str(iid), "type": result.type}
        response: dict[str, Any] = {"interaction": interaction, "resource": {"type": rtype}}
        if msg is not None:
            interaction.update(
                response_message_id=str(msg.id),
                response_message_loading=rtype == 5,
                response_message_ephemeral=msg.ephemeral,
            )
            if rtype != 6:
                response["resource"]["message"] = msg.payload()
        return response

    def _webhook_result(self, call: Call) -> InteractionResult:
        token = call.params["token"]
        if int(call.params["app"]) != self.fake.app_id or self.fake.token_expired(token):
            raise ApiError(401, 50027, "Invalid Webhook Token")
        for result in self.fake.interactions.values():
            if result.token == token:
                if result.response_type is None:
                    raise ApiError(404, 10015, "Unknown Webhook")
                return result
        raise ApiError(401, 50027, "Invalid Webhook Token")

    def _webhook_message(self, call: Call, result: InteractionResult) -> FakeMessage:
        ref = call.params["message"]
        if ref == "@original":
            if result.message is None:
                raise ApiError(404, 10008, "Unknown Message")
            return result.message
        msg = self.fake.messages.get(int(ref))
        ours = msg is not None and (
            msg.interaction_id == result.interaction_id or msg is result.source_message
        )
        if msg is None or msg.deleted or not ours:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def post_followup(self, call: Call) -> dict[str, Any]:
        fake = self.fake
        result = self._webhook_result(call)
        original = result.message
        if result.response_type == 5 and original is not None and original.loading:
            # Discord: the first follow-up after a deferred response replaces the
            # "thinking" message (keeping the defer's ephemeral flag).
            await self.rest.edit(original, call)
            result.followups.append(original)
            result._touch()
            return original.payload()
        flags = int(call.body.get("flags") or 0) & EPHEMERAL
        msg = self._interaction_message(result, call, flags=flags)
        self.rest.apply(msg, call, creating=True)
        result.followups.append(msg)
        fake.record("create", msg)
        if not msg.ephemeral:
            await fake.dispatch_message("MESSAGE_CREATE", msg)
        return msg.payload()

    async def get_webhook_message(self, call: Call) -> dict[str, Any]:
        result = self._webhook_result(call)
        return self._webhook_message(call, result).payload()

    async def patch_webhook_message(self, call: Call) -> dict[str, Any]:
        result = self._webhook_result(call)
        return await self.rest.edit(self._webhook_message(call, result), call)

    async def delete_webhook_message(self, call: Call) -> None:
        result = self._webhook_result(call)
        await self.rest.delete(self._webhook_message(call, result))
