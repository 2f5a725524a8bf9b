"""A footer whose keys are in the first frame.

Textual's ``Footer`` composes no keys until the screen first publishes its bindings, and
then recomposes after the next refresh: its keys arrive a frame or more after everything
else (measured: 130-190 ms later at start-up, behind the work queued after the first
frame). The keys of the screen and the app are known when the footer mounts, so it
composes them at once; later binding changes recompose it as usual.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class KeysFooter(Footer):
    def compose(self) -> ComposeResult:
        self._bindings_ready = True
        yield from super().compose()
