"""Render stage: a checked plan as an accessible HTML page."""
