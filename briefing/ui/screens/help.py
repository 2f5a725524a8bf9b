"""The help screen, generated from the bindings table, with the user's remapped keys.

Nothing here names a key: rows come from ``briefing.ui.bindings.TABLE`` and keys from the
keymap in force, so help cannot fall out of step with what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.ui.bindings import SECTION_TITLES, TABLE, Scope, bindings_for

Display = Callable[[Binding], str]
Section = tuple[str, list[tuple[str, str, str]]]

# Keys Textual widgets answer to without a row in our table, named so help is complete.
BUILT_IN: dict[Scope, list[tuple[str, str]]] = {
    "list": [("↑ ↓, home end, pgup pgdn", "Move")],
    "items": [("↑ ↓, home end, pgup pgdn", "Move")],
    "summary": [("↑ ↓, pgup pgdn", "Scroll")],
    "details": [("↑ ↓, pgup pgdn", "Scroll")],
}


def _row(binding: Binding, keymap: Mapping[str, str], display: Display) -> tuple[str, str, str]:
    ident = binding.id or ""
    key = keymap.get(ident, binding.key)
    keys = ", ".join(display(Binding(k.strip(), binding.action)) for k in key.split(","))
    return keys, binding.description, ident


def help_rows(keymap: Mapping[str, str], display: Display) -> list[Section]:
    """(section title, [(keys, description, binding id)]) in table order, one row per id;
    scopes with the same title (a screen and the list in it) make one section."""
    sections: list[Section] = []
    for title in dict.fromkeys(SECTION_TITLES.values()):
        scopes = [scope for scope, named in SECTION_TITLES.items() if named == title]
        bindings = [row.binding for scope in scopes for row in TABLE if row.scope == scope]
        built_in = [(k, d, "") for scope in scopes for k, d in BUILT_IN.get(scope, [])]
        sections.append((title, _unique(bindings, keymap, display) + built_in))
    return [(title, rows) for title, rows in sections if rows]


def _unique(
    bindings: list[Binding], keymap: Mapping[str, str], display: Display
) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for binding in bindings:
        ident = binding.id or binding.action
        if ident not in seen:
            seen.add(ident)
            rows.append(_row(binding, keymap, display))
    return rows


class HelpScreen(ModalScreen[None]):
    # Here, not in app.tcss: parsed when help is first opened, not before the first frame.
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen #help-body {
        width: 90; max-width: 100%; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("help")

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})
        """The user's key remapping (binding id -> keys), so help shows the keys in force."""

    def compose(self) -> ComposeResult:
        lines: list[Content] = [Content.styled("Keys", "bold $text-primary"), Content("")]
        for title, rows in help_rows(self.keymap, self.app.get_key_display):
            lines.append(Content.styled(title, "bold $text-accent"))
            keys_width = max(len(k) for k, _, _ in rows)
            text_width = max(len(d) for _, d, _ in rows)
            lines += [
                Content.assemble(
                    Content.styled(f"  {k:<{keys_width}}  ", "bold"),
                    f"{d:<{text_width}}  ",
                    Content.styled(i, "dim"),
                )
                for k, d, i in rows
            ]
            lines.append(Content(""))
        lines.append(
            Content.styled(
                "Remap any key in the config file's [keys] table by the binding id "
                '(briefing.search = "ctrl+f"); see the README.',
                "dim",
            )
        )
        with VerticalScroll(id="help-body"):
            yield Static(Content("\n").join(lines), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()

    def help_text(self) -> str:
        """The help as plain text, for tests and the e2e check."""
        static = self.query_one("#help-text", Static)
        return str(static.content)
