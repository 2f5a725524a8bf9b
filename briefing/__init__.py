"""briefing: a terminal reader for YAML news briefs.

Kept import-free on purpose: the CLI's start-up time is budgeted, so nothing
heavy (Textual, PyYAML) is imported until a command needs it.
"""

__version__ = "0.1.0"
