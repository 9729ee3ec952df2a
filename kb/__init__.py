"""The site layer (admin site, home, search, API root, commands) over kb.core and the apps."""
