"""Platform-neutral core. Nothing here imports a chat platform (discord, slack, rich)."""
