"""Events step: what happened, when, where, to whom → EventProposals (events.extract)."""
