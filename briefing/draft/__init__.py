"""``briefing draft``: a brief scaffolded from an article's text."""
