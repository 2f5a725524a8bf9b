"""The commands' names, without their grammar: how ``briefing.cli`` tells ``briefing PATH``
from ``briefing COMMAND`` before it imports argparse (``commandline.NAMES`` is the same
tuple, built from the grammar; a test holds them equal)."""

COMMAND_NAMES = (
    "check",
    "show",
    "list",
    "actors",
    "actor",
    "timeline",
    "draft",
    "site",
    "schema",
    "config",
    "completion",
    "help",
)
