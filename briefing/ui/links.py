"""Opening links found in a brief's Markdown: web links only.

Textual's Markdown opens any scheme on click by default, ``file:`` included; a
brief is untrusted, so every Markdown view routes its clicks through here.
"""

from __future__ import annotations

from textual.widget import Widget

SAFE_SCHEMES = ("http://", "https://")


def open_web_link(widget: Widget, href: str) -> bool:
    """Open ``href`` if it is http or https, else say why not; returns whether it opened."""
    href = href.strip()
    if href.lower().startswith(SAFE_SCHEMES):
        widget.app.open_url(href)
        return True
    widget.notify(f"Not opening {href!r}: only http and https links open.", markup=False)
    return False
