"""Link step: CleanDocument → actor and place mentions, candidate actors (link.mentions)."""
