"""The Slack adapter: slack_bolt (AsyncApp, Socket Mode) around the Limber core.

It stays thin on purpose, like the Discord one: it turns Slack envelopes into the core's
doors (`command_line`, `action`, `text`) and renders the neutral `Reply`/`Message`s it
gets back as Block Kit. Every decision (what to answer, when a session advances, who may
run what) is made in `bot.core`; nothing here knows about stretches or pain.

Modules: `slack_app` (the bolt app, listeners and start-up), `slack_chat` (the Chat port
over the app's DMs), `blocks` (Message to Block Kit), `manifest` (the app manifest from
the command registry), `slack_runner` (`limber slack`).
"""
