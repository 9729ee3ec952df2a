"""Articles, their sources, the actor mentions in them, and the claims they report."""
