"""Every key the reader answers to, as one table of data.

Widgets take their ``BINDINGS`` from here by scope, the help screen is generated
from the same rows, and every binding carries an ``id`` so a user's keymap
(``[keys]`` in the config file) can move it with ``App.set_keymap``. Nothing
else in the UI declares a key, so help, footer and keymap can never drift apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType
from textual.keys import KEY_TO_UNICODE_NAME, REPLACED_KEYS, Keys

from briefing.keymap import Default, KeyRules

Scope = Literal[
    "app",
    "main",
    "list",
    "items",
    "quotes",
    "summary",
    "details",
    "search",
    "help",
    "source",
    "problems",
    "problem_list",
    "facets",
]

SECTION_TITLES: dict[Scope, str] = {
    "app": "Anywhere",
    "main": "Main screen",
    "list": "Brief list",
    "items": "Actors, quotes and questions panes",
    "quotes": "Quotes pane",
    "summary": "Summary pane",
    "details": "Details screen",
    "search": "Search box",
    "help": "This help",
    "source": "Source article",
    "problems": "Problems list",
    "problem_list": "Problems list",  # the list inside that screen: one section for both
    "facets": "Facets",
}


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One binding and the widget scope that owns it."""

    scope: Scope
    binding: Binding


def _b(
    key: str, action: str, description: str, name: str, *, show: bool = True, priority: bool = False
) -> Binding:
    return Binding(key, action, description, show=show, priority=priority, id=f"briefing.{name}")


# Movement keys are shared by every scrolling widget; one id each, so remapping
# `j` moves it everywhere at once.
_MOVES: tuple[tuple[str, str, str, str], ...] = (
    ("j", "cursor_down", "Down", "down"),
    ("k", "cursor_up", "Up", "up"),
    ("g", "first", "First", "first"),
    ("G", "last", "Last", "last"),
)
_SCROLLS: tuple[tuple[str, str, str, str], ...] = (
    ("j", "scroll_down", "Scroll down", "down"),
    ("k", "scroll_up", "Scroll up", "up"),
    ("g", "scroll_home", "Top", "first"),
    ("G", "scroll_end", "Bottom", "last"),
)

TABLE: tuple[KeyRow, ...] = (
    # Anywhere.
    KeyRow("app", _b("q", "quit", "Quit", "quit")),
    KeyRow("app", _b("question_mark,f1", "help", "Help", "help")),
    KeyRow(
        "app", _b("ctrl+p", "command_palette", "Commands", "palette", show=False, priority=True)
    ),
    KeyRow("app", _b("ctrl+z", "suspend_process", "Suspend (fg resumes)", "suspend", show=False)),
    # Main screen.
    KeyRow("main", _b("1", "jump('summary')", "Summary pane", "pane.summary", show=False)),
    KeyRow("main", _b("2", "jump('actors')", "Actors pane", "pane.actors", show=False)),
    KeyRow("main", _b("3", "jump('quotes')", "Quotes pane", "pane.quotes", show=False)),
    KeyRow(
        "main", _b("4", "jump('questions')", "Open questions pane", "pane.questions", show=False)
    ),
    KeyRow("main", _b("0", "jump('briefs')", "Brief list", "pane.briefs", show=False)),
    KeyRow("main", _b("tab", "cycle(1)", "Next pane", "pane.next", show=False)),
    KeyRow("main", _b("shift+tab", "cycle(-1)", "Previous pane", "pane.previous", show=False)),
    KeyRow(
        "main",
        _b("left_square_bracket", "step_brief(-1)", "Previous brief", "brief.previous", show=False),
    ),
    KeyRow(
        "main", _b("right_square_bracket", "step_brief(1)", "Next brief", "brief.next", show=False)
    ),
    # Priority, so "/abc" typed fast lands in the box: an ordinary binding runs after the
    # focused widget's queue, behind the letters. In the box, check_action lets "/" through.
    KeyRow("main", _b("slash", "search", "Search", "search", priority=True)),
    KeyRow("main", _b("n", "step_hit(1)", "Next hit", "hit.next")),
    KeyRow("main", _b("N", "step_hit(-1)", "Previous hit", "hit.previous")),
    KeyRow("main", _b("escape", "clear_search", "Clear search", "search.clear", show=False)),
    KeyRow("main", _b("o", "cycle_sort", "Sort: date, title, changed", "sort", show=False)),
    KeyRow("main", _b("f", "facets", "Facets", "facets")),
    KeyRow("main", _b("M", "mark_all_seen", "Mark every brief read", "seen.all", show=False)),
    KeyRow("main", _b("r", "reload", "Reload", "reload", show=False)),  # the watcher reloads too
    KeyRow("main", _b("e", "edit", "Edit", "edit")),
    KeyRow("main", _b("p", "problems", "Problems", "problems")),
    # The brief list.
    *(KeyRow("list", _b(k, a, d, n, show=False)) for k, a, d, n in _MOVES),
    KeyRow("list", _b("enter", "select", "Open", "open", show=False)),
    # Actors, quotes and questions.
    *(KeyRow("items", _b(k, a, d, n, show=False)) for k, a, d, n in _MOVES),
    KeyRow("items", _b("enter", "select", "Details", "details")),
    KeyRow("items", _b("y", "screen.copy_item", "Copy", "copy")),
    KeyRow("quotes", _b("s", "screen.source", "Source", "source")),
    # Summary.
    *(KeyRow("summary", _b(k, a, d, n, show=False)) for k, a, d, n in _SCROLLS),
    KeyRow("summary", _b("y", "screen.copy_item", "Copy", "copy")),
    # Details.
    KeyRow("details", _b("escape", "back", "Back", "back")),
    *(KeyRow("details", _b(k, a, d, n, show=False)) for k, a, d, n in _SCROLLS),
    KeyRow("details", _b("y", "copy", "Copy", "copy")),
    KeyRow("details", _b("s", "source", "Source", "source")),
    KeyRow("details", _b("e", "edit", "Edit", "edit")),
    # Search box.
    KeyRow("search", _b("enter", "go", "Go to hit", "search.go")),
    KeyRow("search", _b("down", "move(1)", "Next result", "search.down", show=False)),
    KeyRow("search", _b("up", "move(-1)", "Previous result", "search.up", show=False)),
    KeyRow("search", _b("escape", "close", "Clear and close", "search.close")),
    # Help.
    KeyRow("help", _b("escape", "close", "Close", "help.close")),
    # A quote's source article.
    KeyRow("source", _b("escape", "close", "Back", "source.close")),
    KeyRow("source", _b("j", "scroll('down')", "Down", "down", show=False)),
    KeyRow("source", _b("k", "scroll('up')", "Up", "up", show=False)),
    KeyRow("source", _b("g", "scroll('home')", "Top", "first", show=False)),
    KeyRow("source", _b("G", "scroll('end')", "Bottom", "last", show=False)),
    KeyRow("source", _b("c", "centre", "Back to quote", "source.centre")),
    # The problems of a brief.
    KeyRow("problems", _b("escape", "close", "Back", "problems.close")),
    *(KeyRow("problem_list", _b(k, a, d, n, show=False)) for k, a, d, n in _MOVES),
    # The facets view: typing narrows it, so its keys are not letters.
    KeyRow("facets", _b("escape", "close", "Back", "facets.close")),
    KeyRow("facets", _b("enter", "choose", "Add filter", "facets.choose", priority=True)),
    KeyRow("facets", _b("down", "move(1)", "Next", "facets.down", show=False)),
    KeyRow("facets", _b("up", "move(-1)", "Previous", "facets.up", show=False)),
)


def bindings_for(*scopes: Scope) -> list[BindingType]:
    """The bindings a widget declares: the rows of the given scopes, in table order."""
    return [row.binding for row in TABLE if row.scope in scopes]


def known_ids() -> set[str]:
    """Every binding id a keymap may name, to warn about typos in user config."""
    return {row.binding.id for row in TABLE if row.binding.id}


def key_display(
    binding_id: str, keymap: Mapping[str, str], display: Callable[[Binding], str]
) -> str:
    """How the key bound to ``binding_id`` reads now, ``keymap`` included (``display`` is
    ``App.get_key_display``); "" for an unknown id."""
    for row in TABLE:
        if row.binding.id == binding_id:
            key = keymap.get(binding_id, row.binding.key).split(",")[0]
            return display(Binding(key, row.binding.action))
    return ""


_CLASH_SCOPE: dict[Scope, str] = {"problem_list": "problems"}
"""Scopes whose keys compete as one: the problems list is the problems screen's own."""


def key_defaults() -> dict[str, Default]:
    """Every binding id -> (its keys, the scopes it acts in), for the config's clash check.

    The source view and the problems list are screens of their own: their keys compete
    only with the app's.
    """
    found: dict[str, tuple[str, set[str]]] = {}
    for row in TABLE:
        if row.binding.id:
            _keys, scopes = found.setdefault(row.binding.id, (row.binding.key, set()))
            scopes.add(_CLASH_SCOPE.get(row.scope, row.scope))
    return {ident: Default(keys, frozenset(scopes)) for ident, (keys, scopes) in found.items()}


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def valid_key(key: str) -> bool:
    """Whether Textual can ever report ``key`` (``ctrl+f``, ``f3``, ``?``, ``question_mark``)."""
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if not name or len(set(modifiers)) != len(modifiers) or not _MODIFIERS.issuperset(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name in REPLACED_KEYS or any(name == k.value for k in Keys if "<" not in k.value):
        return True
    try:
        unicodedata.lookup(KEY_TO_UNICODE_NAME.get(name, name.replace("_", " ")))
    except KeyError:
        return False
    return True


def key_rules() -> KeyRules:
    """What the config's ``[keys]`` table is checked against."""
    return KeyRules(key_defaults(), valid_key)
