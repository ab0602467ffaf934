"""The Discord adapter: discord.py slash commands, buttons and DMs around the Limber core.

It stays thin on purpose: it turns Discord events into the core's doors (`command`,
`action`, `text`, `autocomplete`) and renders the neutral `Reply`/`Message`s it gets
back. Every decision (what to answer, when a session advances, who may run what) is
made in `bot.core`; nothing here knows about stretches or pain.

Modules: `client` (the discord.Client and its start-up), `commands` (CommandSpecs to
app_commands), `views` (the restart-proof button), `render` (Message to Discord
payloads), `chat` (the Chat port over DMs), `runner` (`limber run`).
"""
