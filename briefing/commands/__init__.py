"""The non-interactive commands behind the CLI: parsed values in, exit status out."""
