"""The reader application: config, the library's messages, and effects screens ask for.

Screens ask the app for data and for effects (copy, edit, reload, open a screen). The
library lives in ``briefing.ui.keeper``, loaded in a thread worker, so the first screen
paints before any YAML is parsed and keys work while the rest loads. Modules the first
frame does not need (the loader, PyYAML, the Markdown widget, the config parser, the
palette providers) are imported inside the functions that use them.
"""

from __future__ import annotations

import gc

# Importing Textual builds about 100,000 objects that live as long as the process, and the
# collector would scan them again and again while they are being built (5-10 ms of a
# start-up budgeted to the millisecond): paused for these imports, and they are frozen.
_COLLECTING = gc.isenabled()
gc.disable()
try:
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import TYPE_CHECKING, Any, ClassVar

    from textual.binding import Binding, BindingType
    from textual.screen import Screen
    from textual.widget import Widget

    from briefing.ui.bindings import bindings_for, known_ids
    from briefing.ui.keeper import EntriesChanged, EntriesLoaded, LibraryKeeper
    from briefing.ui.reading import CatalogKeeper, CatalogReady, SeenChanged
    from briefing.ui.terminal import TerminalApp
finally:
    gc.freeze()
    if _COLLECTING:
        gc.enable()

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing.brief.model import Brief
    from briefing.editor import EditorOutcome
    from briefing.search.index import SearchIndex
    from briefing.store.library import Entry
    from briefing.store.prefetch import Prefetch
    from briefing.ui.screens.main import MainScreen
    from briefing.ui.watcher import FilesChanged, WatchFailed

Runner = Callable[[Sequence[str]], "EditorOutcome"]
Suspender = Callable[[], AbstractContextManager[Any]]


def _provider(name: str) -> Callable[[], type[Provider]]:
    """A lazy command provider: the palette module is imported when the palette opens."""

    def load() -> type[Provider]:
        from briefing.ui import commands

        provider: type[Provider] = getattr(commands, name)
        return provider

    return load


class BriefingApp(TerminalApp):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere work
    TITLE = "briefing"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("app")
    COMMANDS = TerminalApp.COMMANDS | {
        _provider("CommandsProvider"),
        _provider("BriefsProvider"),
        _provider("ActorsProvider"),
        _provider("QuotesProvider"),
    }

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        max_bytes: int | None = None,
        watch: bool = True,
        editor_runner: Runner | None = None,
        editor_suspend: Suspender | None = None,
        config_path: Path | None = None,
        prefetch: Prefetch | None = None,
    ) -> None:
        super().__init__()
        self.keeper = LibraryKeeper(self, [Path(p) for p in paths], max_bytes, prefetch)
        self.catalogs = CatalogKeeper(self, self.entry)
        """The catalog (filters, order, facets) and the reading state, once loaded."""
        self.watch_files = watch
        self.editor_runner = editor_runner
        self.editor_suspend = editor_suspend
        self.config_path = config_path
        self.keymap: dict[str, str] = {}
        """The user's key remapping (binding id -> keys), as applied with ``set_keymap``."""
        self._config_notice = ""
        self._main: MainScreen

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run with the collector paused until the first frame is out.

        Start-up allocates tens of thousands of objects and CPython answered with a full
        collection (about 10 ms) in the middle of the first frame. Everything imported
        so far lives as long as the process, so it is frozen out of later collections.
        """
        gc.freeze()
        gc.disable()
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.enable()

    def get_default_screen(self) -> Screen[Any]:
        from briefing.ui.screens.main import MainScreen

        self._main = MainScreen()
        return self._main

    @property
    def main(self) -> MainScreen:
        return self._main

    def on_load(self) -> None:
        """Apply the config before the stylesheet is first parsed (compose comes next).

        A theme set any later makes Textual parse every stylesheet again, twice: about
        10 ms of start-up for anyone who ever picked a theme (the choice is saved).
        """
        self._config_notice = self._apply_config()

    def on_mount(self) -> None:
        if self._config_notice:  # notifications need a screen to show on
            self.notify(self._config_notice, title="Config", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    # -- config ----------------------------------------------------------------------------

    def _apply_config(self) -> str:
        """Set the keymap and theme from the config file; a notice of its problems, or ""."""
        from briefing.paths import config_path

        path = self.config_path or config_path()
        if not path.exists():  # no file, no settings: skip the parser and its imports
            return ""
        from briefing.config import load_config
        from briefing.ui.bindings import key_rules

        config, problems = load_config(
            known_ids(), set(self.available_themes), path=self.config_path, rules=key_rules()
        )
        self.keymap = dict(config.keys)
        if self.keymap:
            self.set_keymap(self.keymap)
        if config.theme:
            self.theme = config.theme
        if not problems:
            return ""
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return problems[0].format() + more

    def _remember_theme(self, _theme: object) -> None:
        from briefing.config import save_theme

        problem = save_theme(self.theme, path=self.config_path)
        if problem is not None:
            self.notify(problem.format(), title="Theme", severity="warning", markup=False)

    def key_display(self, binding_id: str) -> str:
        """How the key bound to ``binding_id`` reads now, keymap included."""
        from briefing.ui.bindings import TABLE

        for row in TABLE:
            if row.binding.id == binding_id:
                key = self.keymap.get(binding_id, row.binding.key).split(",")[0]
                return self.get_key_display(Binding(key, row.binding.action))
        return ""

    # -- the library -----------------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex | None:
        return self.keeper.index

    def start_loading(self) -> None:
        """Called by the main screen on mount, once its panes exist.

        What the index holds of the first screen is shown now, so the first frame is
        complete; the worker (and the search index) start after that frame is drawn.
        """
        first, total = self.keeper.load_first()
        if first:
            self.main.add_entries(first, len(first), total)
        self.call_after_refresh(self._load_rest, first)

    def _load_rest(self, first: list[Entry]) -> None:
        gc.enable()  # the first frame is drawn: see ``run``
        self.keeper.start()
        if self.watch_files:  # now, not once loaded: a save during the load is seen too
            self._start_watching()
        self.keeper.index_entries(first)

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        self.keeper.absorb_loaded(message)
        self.main.add_entries(message.entries, message.done, message.total)
        if message.finished:
            if self.search_index is not None:
                self.search_index.prepare()  # now, not in the first keystroke
            # The briefs live until reloaded: out of the collector's sight, so a full
            # collection (about 110 ms at 10,000 briefs) never lands in a keystroke.
            gc.freeze()
            self.main.finish_loading()
            self.catalogs.build(list(self.keeper.entries.values()))

    def reload_library(self) -> None:
        """``r``: pick up added and deleted files and reload every brief."""
        self.notify("Reloading…", timeout=2)
        self.keeper.reload(None)

    def reload_paths(self, paths: set[Path]) -> None:
        self.keeper.reload({("modified", path) for path in paths})

    def on_entries_changed(self, message: EntriesChanged) -> None:
        self.keeper.absorb_changed(message)
        self.catalogs.sync(message.changed, message.order)
        self.main.apply_changes(message.changed, message.order)
        if message.notice:
            self.notify(message.notice, title="Reload", timeout=3)

    def on_catalog_ready(self, message: CatalogReady) -> None:
        if not self.main.is_attached:  # quitting
            return
        self.catalogs.adopt(message.catalog, self.keeper.entries.values())
        self.main.adopt_catalog(message.catalog)
        if message.notice:
            self.notify(message.notice, title="Reading state", severity="warning", markup=False)

    def on_seen_changed(self, message: SeenChanged) -> None:
        if self.is_running:
            self.main.seen_changed(message.count, message.notice)

    def _start_watching(self) -> None:
        from briefing.ui.watcher import start_watcher

        start_watcher(self, self.keeper.paths, initial_rescan=True)

    def on_files_changed(self, message: FilesChanged) -> None:
        self.keeper.reload(set(message.changes))

    def on_watch_failed(self, message: WatchFailed) -> None:
        self.notify(message.reason, severity="warning", markup=False)

    # -- data for screens and the palette --------------------------------------------------

    def entry(self, ident: str) -> Entry | None:
        return self.keeper.entries.get(ident)

    def title_of(self, ident: str) -> str:
        entry = self.keeper.entries.get(ident)
        return entry.brief.title if entry and entry.brief else ident

    def brief_titles(self) -> list[tuple[str, str]]:
        return [(e.id, self.title_of(e.id)) for e in self.main.entries]

    def current_brief(self) -> tuple[str, Brief] | None:
        entry = self.main.current
        if entry is None or entry.brief is None:
            return None
        return entry.id, entry.brief

    # -- effects ---------------------------------------------------------------------------

    def _to_main(self) -> MainScreen:
        main = self.main
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        return main

    def goto_brief(self, ident: str) -> None:
        self._to_main().show_entry(ident)

    def goto_item(self, ident: str, kind: str, index: int) -> None:
        self._to_main().jump_to_item(ident, kind, index)

    def run_command(self, scope: str, action: str) -> None:
        """A palette command: a binding's action, run where the binding lives."""
        main = self._to_main()
        self.call_later(self.run_action, action, self if scope == "app" else main)

    def action_help(self) -> None:
        from briefing.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_details(self, brief: Brief, pane: str, index: int) -> None:
        from briefing.ui.screens.details import DetailsScreen

        entry = self.main.current
        self.push_screen(DetailsScreen(entry.id if entry else "", brief, pane, index))

    def copy_text(self, text: str, what: str) -> None:
        """OSC 52, and this machine's clipboard program in a thread (briefing.clipboard)."""
        self.copy_to_clipboard(text)
        self.run_worker(lambda: self._say_copied(text, what), thread=True, group="copy")

    def _say_copied(self, text: str, what: str) -> None:
        from briefing.clipboard import notice

        title, message, severity = notice(text, what)
        self.call_from_thread(self.notify, message, title=title, severity=severity, markup=False)

    def copy_item(self, brief: Brief, pane: str, index: int) -> None:
        from briefing.ui import render

        if pane == "actors":
            self.copy_text(render.copy_actor(brief, brief.actors[index]), "actor")
        elif pane == "quotes":
            self.copy_text(render.copy_quote(brief, brief.quotes[index]), "quote")
        elif pane == "questions":
            self.copy_text(render.copy_question(brief, brief.open_questions[index]), "question")

    def open_source(self, brief: Brief, quote_index: int) -> None:
        from briefing.ui.screens.source import SourceScreen

        quote = brief.quotes[quote_index]
        source = brief.source(quote.source)
        if source is None or source.path is None:
            self.notify("This quote names no source article file.", severity="warning")
            return
        from briefing.brief.provenance import article_text
        from briefing.brief.reading import Unread

        text = article_text(source.path)
        if isinstance(text, Unread):
            self.notify(f"Cannot read {source.path}: {text.reason}", severity="error", markup=False)
            return
        title = source.title or source.label
        self.push_screen(
            SourceScreen(title, text, quote.verification.span, closest=quote.verification.closest)
        )

    def edit_entry(self, entry: Entry, line: int) -> None:
        self.run_worker(self._edit(entry.path, line), group="editor", exclusive=True)

    async def _edit(self, path: Path, line: int) -> None:
        from briefing.ui.edit import edit_in_editor

        if self.editor_runner is None:
            await edit_in_editor(self, path, line, suspend=self.editor_suspend)
        else:
            await edit_in_editor(self, path, line, self.editor_runner, suspend=self.editor_suspend)
        self.reload_paths({path})

    def open_problems(self, entry: Entry) -> None:
        from briefing.ui.screens.problems import ProblemsScreen

        def chosen(problem: object) -> None:
            line = getattr(problem, "line", None)
            if isinstance(line, int):
                self.edit_entry(entry, line)

        self.push_screen(ProblemsScreen(entry.problems, title=str(entry.path)), chosen)

    def make_banner(self) -> Widget:
        from briefing.ui.widgets.banner import ErrorBanner

        return ErrorBanner(id="banner")

    def update_banner(self, entry: Entry) -> None:
        clean = entry.brief is None or not entry.problems
        if clean and not self.main.query("#banner"):  # mounted when first needed
            return
        from briefing.ui.widgets.banner import ErrorBanner

        banner = self.main.late_widget("banner")
        assert isinstance(banner, ErrorBanner)
        if clean:
            banner.clear()
            return
        banner.show_problems(
            entry.problems,
            self.keeper.display(entry.path),
            list_key=self.key_display("briefing.problems"),
            showing_last_good=entry.stale,
        )


def make_app(
    paths: Sequence[Path],
    *,
    max_bytes: int | None = None,
    watch: bool = True,
    editor_runner: Runner | None = None,
    editor_suspend: Suspender | None = None,
    config_path: Path | None = None,
    prefetch: Prefetch | None = None,
) -> BriefingApp:
    """The reader for ``paths`` (files or folders); the CLI and the tests both start here.

    ``prefetch`` is the helper the CLI started to ready the first screen
    (``briefing.store.prefetch``).
    """
    if not paths:
        from briefing.paths import default_library_paths

        paths = default_library_paths()
    return BriefingApp(
        paths,
        max_bytes=max_bytes,
        watch=watch,
        editor_runner=editor_runner,
        editor_suspend=editor_suspend,
        config_path=config_path,
        prefetch=prefetch,
    )
