"""Shared ground: offices and departments, terms, stated figures, formatting and findings."""
