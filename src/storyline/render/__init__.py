"""Renderers: turn stage outputs into JSON-ready dicts and human text."""
