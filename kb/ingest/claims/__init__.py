"""Claims step: who asserts what in an article → ClaimProposals (claims.extract)."""
