"""The brief: its model, the format, and reading one file into it (no Textual, no disk state)."""
