"""The ``[keys]`` table of the config file: which remaps the reader can use, and what each costs.

Data in, problems out. The binding ids, their default keys and where each acts come from the
UI (``briefing.ui.bindings``), which knows Textual's key names; this module knows none of
Textual. Every remap is checked: an id that does not exist, a value that is not a key, and a
key another binding also answers to where both act (a remap can silently take ``q`` from
Quit) are reported at their line. ``ctrl+q`` quits whatever the table says: Textual binds it
above every screen, so a way to quit is never lost, and the warnings say so.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping
from typing import Any, NamedTuple, Protocol

from briefing.brief.problems import Severity

QUIT = "briefing.quit"
ALWAYS_QUITS = "ctrl+q"
NAMED_ONE_BY_ONE = 20
"""Unknown ids reported each on its line; beyond that, one line counts the rest (a file of
10,000 made-up ids is reported in milliseconds, not one slow suggestion each)."""


class Default(NamedTuple):
    """A binding as the reader declares it: its keys (comma-separated) and where it acts
    (one id can act in several places: ``briefing.down`` in every list)."""

    keys: str
    scopes: frozenset[str]


class KeyRules(NamedTuple):
    """What the UI knows of keys, for checking a ``[keys]`` table: every binding's defaults,
    and whether a key name is one Textual can report."""

    defaults: Mapping[str, Default]
    valid_key: Callable[[str], bool]


class Reporter(Protocol):
    def add(self, key: str, severity: Severity, message: str, hint: str | None, code: str) -> None:
        """One problem, placed at the line of ``key`` in the file."""


# Where a binding acts: bindings of the same scope compete for a key, as do the app's with
# every other, and the main screen's with those of the widgets on it.
_ON_MAIN = frozenset({"main", "list", "items", "quotes", "summary"})


def _overlap(one: str, other: str) -> bool:
    if one == other or "app" in (one, other):
        return True
    if {one, other} <= {"items", "quotes"}:  # the quotes pane has the items' keys too
        return True
    return {one, other} <= _ON_MAIN and "main" in (one, other)


_EVERYWHERE = frozenset({"app"})
"""Where an id the UI did not describe is taken to act: anywhere."""


def did_you_mean(name: str, valid: Collection[str]) -> str | None:
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"briefing": {"search": "x"}}`` -> ``{"briefing.search": "x"}``.

    So ``briefing.search = "x"`` (a dotted key) and ``"briefing.search" = "x"``
    (a quoted one) both work: the difference is invisible to most users.
    """
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def key_string(value: object) -> str | None:
    """Normalise ``"ctrl+f, f3"`` or ``["ctrl+f", "f3"]`` to ``"ctrl+f,f3"``; None if unusable."""
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",")]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        parts = [part.strip() for part in value]
    else:
        return None
    if not parts or any(not part or any(ch.isspace() for ch in part) for part in parts):
        return None
    return ",".join(parts)


def read_keys(
    table: object,
    report: Reporter,
    valid_ids: Collection[str] | None = None,
    rules: KeyRules | None = None,
) -> dict[str, str]:
    """The usable remaps of a ``[keys]`` table (binding id -> keys), each mistake reported.

    Without ``rules`` only the shape of each value is checked."""
    valid_key = rules.valid_key if rules is not None else None
    if table is None:
        return {}
    if not isinstance(table, dict):
        report.add(
            "keys",
            "error",
            "'keys' must be a table of binding id = \"key\"",
            'write it as [keys] followed by lines like "briefing.search" = "ctrl+f"',
            "config-keys-type",
        )
        return {}
    keys: dict[str, str] = {}
    unknown: list[str] = []
    for binding_id, value in flatten(table).items():
        if valid_ids is not None and binding_id not in valid_ids:
            unknown.append(binding_id)
            continue
        key = key_string(value)
        bad = (
            []
            if key is None or valid_key is None
            else [p for p in key.split(",") if not valid_key(p)]
        )
        if key is None or bad:
            shown = repr(bad[0]) if bad else repr(value)
            report.add(
                binding_id,
                "error",
                f"bad key for {binding_id!r}: {shown}" + (" is not a key name" if bad else ""),
                'use a key string like "ctrl+f", "f3" or "question_mark", or several '
                "separated by commas",
                "config-bad-key",
            )
            continue
        keys[binding_id] = key
    _report_unknown(unknown, report, valid_ids or ())
    _report_clashes(keys, report, rules.defaults if rules is not None else {})
    return keys


def _report_unknown(unknown: list[str], report: Reporter, valid_ids: Collection[str]) -> None:
    for binding_id in unknown[:NAMED_ONE_BY_ONE]:
        report.add(
            binding_id,
            "warning",
            f"unknown key binding id {binding_id!r}",
            did_you_mean(binding_id, valid_ids),
            "config-unknown-binding",
        )
    if len(unknown) > NAMED_ONE_BY_ONE:
        rest = unknown[NAMED_ONE_BY_ONE:]
        report.add(
            rest[0],
            "warning",
            f"{len(rest):,} more unknown key binding ids, from {rest[0]!r} on",
            "the help screen (?) lists every id",
            "config-unknown-binding",
        )


def _report_clashes(
    keys: dict[str, str], report: Reporter, defaults: Mapping[str, Default]
) -> None:
    """Warn of each remapped key that another binding answers to where both act; take
    ``ctrl+q`` from any binding but Quit's (Textual's own quit would answer it first)."""
    for ident, key in list(keys.items()):
        if ident != QUIT and ALWAYS_QUITS in key.split(","):
            report.add(
                ident,
                "warning",
                f"{ALWAYS_QUITS} always quits: {ident!r} does not get it",
                "choose another key",
                "config-key-clash",
            )
            kept = ",".join(p for p in key.split(",") if p != ALWAYS_QUITS)
            if kept:
                keys[ident] = kept
            else:
                del keys[ident]
    effective = {ident: keys.get(ident, default.keys) for ident, default in defaults.items()}
    effective.update({ident: key for ident, key in keys.items() if ident not in effective})
    owners: dict[str, list[str]] = {}
    for ident, key in effective.items():
        for part in key.split(","):
            owners.setdefault(part, []).append(ident)
    order = {ident: number for number, ident in enumerate(keys)}
    for ident, key in keys.items():
        scopes = defaults[ident].scopes if ident in defaults else _EVERYWHERE
        for part in key.split(","):
            for other in owners[part]:
                if other == ident or order.get(other, -1) > order[ident]:
                    continue  # itself, or a remap further down, which says it there
                theirs = defaults[other].scopes if other in defaults else _EVERYWHERE
                if not any(_overlap(one, two) for one in scopes for two in theirs):
                    continue
                message = f"key {part!r} is given to both {other!r} and {ident!r}"
                hint = "one of them will not answer to it; give one another key"
                if QUIT in (ident, other):
                    message += f": {part!r} may no longer quit"
                    hint = f"{ALWAYS_QUITS} still quits; give {QUIT!r} a key of its own"
                report.add(ident, "warning", message, hint, "config-key-clash")
