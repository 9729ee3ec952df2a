"""Actors (states, bodies, armed groups, parties, people, outlets), their aliases and ties."""
