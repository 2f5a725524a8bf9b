"""The key bar at the foot of every screen: one widget, drawn in the first frame.

Textual's ``Footer`` mounts a widget per key (styled, laid out and drawn one by one, in a
start-up that is budgeted) and composes them only after the screen
first publishes its bindings, a frame or more after everything else. This bar draws the
same keys as one line of ``Content`` from the screen's active bindings, in the first frame,
and again whenever those bindings change. Clicking a key presses it, as in ``Footer``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
HOVER_STYLE = "on $block-hover-background"
SEPARATOR = "▏"
"""Between the keys and the palette key on the right, as ``Footer`` draws it."""


class Key(NamedTuple):
    key: str
    """What pressing it sends (``App.simulate_key``)."""
    display: str
    description: str
    enabled: bool


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    compact = reactive(False)
    """Less space around each key, for narrow terminals."""
    hover: reactive[int | None] = reactive(None)
    """The index of the key under the mouse."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, int]] = []
        """Where each key was drawn: (first column, end column, index in ``keys()``)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys shown on the left (one per action), and the palette key for the right."""
        app = self.app
        shown: dict[str, Key] = {}
        palette: Key | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            key = Key(binding.key, app.get_key_display(binding), binding.description, enabled)
            if app.ENABLE_COMMAND_PALETTE and binding.key == app.COMMAND_PALETTE_BINDING:
                palette = key
            elif binding.show:
                shown.setdefault(binding.action, key)
        return list(shown.values()), palette

    def render(self) -> Content:
        left, palette = self.keys()
        parts: list[Content] = []
        spans: list[tuple[int, int, int]] = []
        column = 0
        for index, key in enumerate(left):
            label = self._label(key, index, compact=self.compact)
            if self.compact:  # Footer's margin between compact keys
                label = Content.assemble(label, " ")
            parts.append(label)
            spans.append((column, column + label.cell_length, index))
            column += label.cell_length
        line = Content.assemble(*parts)
        if palette is not None:
            # As Footer draws it: compact, and a space from the right edge.
            right = Content.assemble(
                Content.styled(SEPARATOR, "$foreground 20%"),
                self._label(palette, len(left), compact=True),
                " ",
            )
            start = max(self.size.width - right.cell_length, 0)
            spans = [span for span in spans if span[1] <= start]
            if line.cell_length > start:  # whole keys only: "?" without "Help" says nothing
                line = Content.assemble(*parts[: len(spans)])
                line = line.truncate(start)
            line = line.pad_right(start - line.cell_length)
            spans.append((start + 1, start + right.cell_length, len(left)))
            line = Content.assemble(line, right)
        self._spans = spans
        return line

    def _label(self, key: Key, index: int, *, compact: bool) -> Content:
        pad = "" if compact else " "
        text = Content.styled(f"{pad}{key.display}{pad}", KEY_STYLE)
        if key.description:
            description = f" {key.description}" if compact else f"{key.description} "
            text = Content.assemble(text, Content.styled(description, DESCRIPTION_STYLE))
        if not key.enabled:
            text = text.stylize("dim")
        if index == self.hover:
            text = text.stylize(HOVER_STYLE)
        return text

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column ``x``, if any."""
        index = self._index_at(x)
        if index is None:
            return None
        left, palette = self.keys()
        every = [*left, *([palette] if palette else [])]
        return every[index] if index < len(every) else None

    def _index_at(self, x: int) -> int | None:
        return next((index for start, end, index in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self._index_at(event.x)

    def on_leave(self, _event: events.Leave) -> None:
        self.hover = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
