"""The reader application: config, the library's messages, and what screens ask for.

The library lives in ``briefing.ui.keeper``, loaded in a thread worker, so the first screen
paints before any YAML is parsed and keys work while the rest loads. The app calls down:
it gives the main screen the library and tells it when entries arrive or change. Screens,
widgets and the palette ask for effects (the editor, a reload, the clipboard, another
screen) with the messages of ``briefing.ui.messages``, handled here with ``@on``; none of
them imports this module. What the first frame does not need is imported through its
package when first read (``screens.HelpScreen``, ``ui.start_watcher``: see
``briefing.deferred``), never by an import inside a method.
"""

from __future__ import annotations

from briefing.store import collector

# Textual's objects live as long as the process: see briefing.store.collector.
with collector.imports_kept():
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager
    from functools import partial
    from pathlib import Path
    from typing import TYPE_CHECKING, Any, ClassVar

    from textual import events, on
    from textual.binding import BindingType
    from textual.screen import Screen

    from briefing import ui
    from briefing.paths import config_path, default_library_paths
    from briefing.ui import screens
    from briefing.ui.bindings import bindings_for, key_rules, known_ids
    from briefing.ui.body import BodyApp
    from briefing.ui.keeper import EntriesChanged, EntriesLoaded, LibraryKeeper
    from briefing.ui.messages import (
        BriefChosen,
        CommandChosen,
        CopyRequested,
        DetailsRequested,
        EditRequested,
        ItemChosen,
        ProblemsRequested,
        ReloadRequested,
        SourceRequested,
    )
    from briefing.ui.pane import Pane
    from briefing.ui.reading import CatalogKeeper, CatalogReady, SeenChanged
    from briefing.ui.stylesheet import ParsedStylesheet

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing.brief.model import Brief
    from briefing.editor import EditorOutcome
    from briefing.store.library import Entry
    from briefing.store.prefetch import Readied
    from briefing.ui.screens.main import MainScreen
    from briefing.ui.watcher import FilesChanged, WatchFailed

WATCH_RESTARTS = 3
"""How many times a session a watcher that stopped on an error is started again."""
WATCH_RESTART_S = 2.0
"""How long after such an error it is started again."""

Runner = Callable[[Sequence[str]], "EditorOutcome"]
Suspender = Callable[[], AbstractContextManager[Any]]


def _provider(name: str) -> Callable[[], type[Provider]]:
    """A lazy command provider: the palette module is imported when the palette opens."""

    def load() -> type[Provider]:
        provider: type[Provider] = getattr(ui, name)
        return provider

    return load


class BriefingApp(BodyApp):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere work
    TITLE = "briefing"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("app")
    COMMANDS = BodyApp.COMMANDS | {
        _provider("CommandsProvider"),
        _provider("BriefsProvider"),
        _provider("ActorsProvider"),
        _provider("QuotesProvider"),
        _provider("EntitiesProvider"),
    }

    def __init__(
        self,
        paths: Sequence[Path] = (),
        *,
        max_bytes: int | None = None,
        watch: bool = True,
        editor_runner: Runner | None = None,
        editor_suspend: Suspender | None = None,
        config_path: Path | None = None,
        prefetch: Readied | None = None,
    ) -> None:
        """The reader for ``paths`` (files or folders; none: ``./briefs`` or the shipped
        library). ``prefetch`` readies the first screen: the helper the CLI started, or
        the answer it read itself (``briefing.store.prefetch``); the editor arguments are
        for tests."""
        super().__init__()
        # Textual's stylesheet, but taking the rules parsed ahead (``make css``).
        self.stylesheet = ParsedStylesheet(variables=self.theme_variables)
        if not paths:
            paths = default_library_paths()
        self.keeper = LibraryKeeper(self, [Path(p) for p in paths], max_bytes, prefetch)
        self.catalogs = CatalogKeeper(self, self.keeper.entry)
        """The catalog (filters, order, facets) and what has been read, once loaded."""
        self.watch_files = watch
        self.editor_runner = editor_runner
        self.editor_suspend = editor_suspend
        self.config_path = config_path
        self.keymap: dict[str, str] = {}
        """The user's key remapping (binding id -> keys), as applied with ``set_keymap``."""
        self._config_notice = ""
        self._main: MainScreen
        self._first: list[Entry] = []
        self._touched = False
        """Whether the user has pressed a key or a mouse button yet."""
        self._watch_restarts: dict[bool, int] = {}
        """How often each watcher (by ``WatchFailed.articles``) was started again."""

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run with the collector paused until the first frame is out
        (``briefing.store.collector``)."""
        collector.until_first_frame()
        try:
            return super().run(*args, **kwargs)
        finally:
            collector.first_frame_out()

    async def run_async(self, *args: Any, **kwargs: Any) -> Any:
        """Run, then stop every worker once more before ``asyncio.run`` joins their threads.

        Textual cancels the workers when its message loop ends, but a hang-up just after
        the first frame ends that loop before ``_load_rest`` runs: the watchers it starts
        during the shutdown would never be told to stop, and the process would outlive its
        terminal, waiting on their threads.
        """
        try:
            return await super().run_async(*args, **kwargs)
        finally:
            self.workers.cancel_all()

    def get_default_screen(self) -> Screen[Any]:
        """The main screen, given the library with what the index holds of the first screen
        already in it, so the first frame is complete."""
        # Its modules first: while they are imported, the prefetch helper may still be
        # readying what load_first waits for.
        screen = screens.MainScreen
        self._first, _total = self.keeper.load_first()
        self._main = screen(self.keeper, keymap=self.keymap, reading=self.catalogs)
        return self._main

    @property
    def main(self) -> MainScreen:
        return self._main

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._touched = True
        await super().on_event(event)

    def on_load(self) -> None:
        """Apply the config before the stylesheet is first parsed (compose comes next).

        A theme set any later makes Textual parse every stylesheet again, twice.
        """
        self._config_notice = self._apply_config()

    def on_mount(self) -> None:
        if self._config_notice:  # notifications need a screen to show on
            self.notify(self._config_notice, title="Config", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # The worker (and the search index) start once the first frame is drawn.
        self.call_after_refresh(self._load_rest, self._first)

    # -- config ----------------------------------------------------------------------------

    def _apply_config(self) -> str:
        """Set the keymap and theme from the config file; a notice of its problems, or ""."""
        path = self.config_path or config_path()
        if not path.exists():  # no file, no settings: skip the parser and its imports
            return ""
        config, problems = ui.load_config(
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
        problem = ui.save_theme(self.theme, path=self.config_path)
        if problem is not None:
            self.notify(problem.format(), title="Theme", severity="warning", markup=False)

    # -- the library -----------------------------------------------------------------------

    def _load_rest(self, first: list[Entry]) -> None:
        """The first frame is drawn: load the rest, then mount what that frame hid."""
        collector.first_frame_out()  # see ``run``
        if not self.is_running:  # closing already (see ``run_async``): start nothing
            return
        self.keeper.start()
        if self.watch_files:  # now, not once loaded: a save during the load is seen too
            self._start_watching()
        self.keeper.index_entries(first)
        self.main.mount_hidden()

    def on_entries_loaded(self, message: EntriesLoaded) -> None:
        self.keeper.absorb_loaded(message)
        self.main.entries_added(message.done, message.total)
        if message.finished:
            if self.keeper.index is not None:
                self.keeper.index.prepare()  # now, not in the first keystroke
            collector.keep_all()  # the briefs live until reloaded
            self.main.finish_loading()
            self.catalogs.build(list(self.keeper.order))

    @on(ReloadRequested)
    def _reload_requested(self, _message: ReloadRequested) -> None:
        """``r``: pick up added and deleted files and reload every brief."""
        self.notify("Reloading…", timeout=2)
        self.keeper.reload(None)

    def reload_paths(self, paths: set[Path]) -> None:
        self.keeper.reload({("modified", path) for path in paths})

    def on_entries_changed(self, message: EntriesChanged) -> None:
        moved = self.keeper.absorb_changed(message)
        self.catalogs.sync(message.changed, message.order)
        self.main.entries_changed(message.changed, moved=moved)
        if message.notice:
            self.notify(message.notice, title="Reload", timeout=3)

    def on_catalog_ready(self, message: CatalogReady) -> None:
        if not self.main.is_attached:  # quitting
            return
        self.catalogs.adopt(message.catalog, self.keeper.order)
        # Until the catalog sorts the list, the brief on screen is the first that loaded;
        # the reader opens on the first row of the sorted list instead, unless the user has
        # already done something with the one shown.
        self.main.adopt_catalog(message.catalog, open_first=not self._touched)
        if message.notice:
            self.notify(message.notice, title="Reading state", severity="warning", markup=False)

    def on_seen_changed(self, message: SeenChanged) -> None:
        self.main.seen_changed(message.count, message.notice)

    def _start_watching(self) -> None:
        self._start_watch(articles=False)
        self._start_watch(articles=True)

    def on_files_changed(self, message: FilesChanged) -> None:
        self.keeper.reload(set(message.changes))

    def on_watch_failed(self, message: WatchFailed) -> None:
        """Start a watcher that stopped on an error again, a moment later and a few times a
        session: a failure of the moment (a file system that errs once) must not leave live
        reload off for the rest of the session, and one that repeats must not spin."""
        tried = self._watch_restarts.get(message.articles, 0)
        if tried >= WATCH_RESTARTS:
            reason = f"{message.reason}. It stays off: r reloads by hand."
            self.notify(reason, severity="warning", markup=False, timeout=10)
            return
        self._watch_restarts[message.articles] = tried + 1
        self.notify(f"{message.reason}. Starting it again.", severity="warning", markup=False)
        self.set_timer(WATCH_RESTART_S, partial(self._start_watch, articles=message.articles))

    def _start_watch(self, *, articles: bool) -> None:
        """Start the article watcher, or the folder watcher (which first compares every root
        with the disk: what changed while nothing watched is not missed)."""
        if not self.is_running:  # closing (a restart's timer, or a hang-up at start)
            return
        if articles:
            ui.start_article_watcher(self, self.keeper.changed_articles)
        else:
            ui.start_watcher(self, self.keeper.paths, initial_rescan=True)

    # -- data for the palette (``PaletteHost``) --------------------------------------------

    def brief_titles(self) -> list[tuple[str, str]]:
        return [(e.id, self.keeper.title_of(e.id)) for e in self.keeper.order]

    def current_brief(self) -> tuple[str, Brief] | None:
        entry = self.main.current
        if entry is None or entry.brief is None:
            return None
        return entry.id, entry.brief

    # -- what screens and the palette ask for ----------------------------------------------

    def _to_main(self) -> MainScreen:
        main = self.main
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        return main

    @on(BriefChosen)
    def _brief_chosen(self, message: BriefChosen) -> None:
        self._to_main().show_entry(message.entry_id)

    @on(ItemChosen)
    def _item_chosen(self, message: ItemChosen) -> None:
        main = self._to_main()
        main.jump_to_item(message.entry_id, message.pane, message.index, message.section)

    @on(CommandChosen)
    def _command_chosen(self, message: CommandChosen) -> None:
        """A palette command: a binding's action, run where the binding lives."""
        main = self._to_main()
        self.call_later(self.run_action, message.action, self if message.scope == "app" else main)

    def action_help(self) -> None:
        if not isinstance(self.screen, screens.HelpScreen):
            self.push_screen(screens.HelpScreen(self.keymap))

    @on(DetailsRequested)
    def _open_details(self, message: DetailsRequested) -> None:
        pane, index = message.pane, message.index
        actor = message.brief.actors[index].id if pane is Pane.ACTORS else ""
        across = self.actor_entity(message.entry_id, actor) if actor else None
        self.push_screen(
            screens.DetailsScreen(message.entry_id, message.brief, pane, index, across=across)
        )

    @on(CopyRequested)
    def _copy(self, message: CopyRequested) -> None:
        self.copy_text(message.text, message.what)

    def copy_text(self, text: str, what: str) -> None:
        """OSC 52, and this machine's clipboard program in a thread (briefing.clipboard)."""
        self.copy_to_clipboard(text)
        self.run_worker(lambda: self._say_copied(text, what), thread=True, group="copy")

    def _say_copied(self, text: str, what: str) -> None:
        title, message, severity = ui.copy_notice(text, what)
        self.call_from_thread(self.notify, message, title=title, severity=severity, markup=False)

    @on(SourceRequested)
    def _open_source(self, message: SourceRequested) -> None:
        quote = message.brief.quotes[message.index]
        source = message.brief.source(quote.source)
        if source is None or source.path is None:
            self.notify("This quote names no source article file.", severity="warning")
            return
        text = ui.article_text(source.path)
        if not isinstance(text, str):
            self.notify(f"Cannot read {source.path}: {text.reason}", severity="error", markup=False)
            return
        title = source.title or source.label
        span, closest = quote.verification.span, quote.verification.closest
        self.push_screen(screens.SourceScreen(title, text, span, closest=closest))

    @on(EditRequested)
    def _edit_requested(self, message: EditRequested) -> None:
        entry = self.keeper.entry(message.entry_id)
        if entry is not None:
            self.edit_entry(entry, message.line)

    def edit_entry(self, entry: Entry, line: int) -> None:
        self.run_worker(self._edit(entry.path, line), group="editor", exclusive=True)

    async def _edit(self, path: Path, line: int) -> None:
        suspend = self.editor_suspend
        if self.editor_runner is None:
            await ui.edit_in_editor(self, path, line, suspend=suspend)
        else:
            await ui.edit_in_editor(self, path, line, self.editor_runner, suspend=suspend)
        self.reload_paths({path})

    @on(ProblemsRequested)
    def _open_problems(self, message: ProblemsRequested) -> None:
        entry = self.keeper.entry(message.entry_id)
        if entry is None:
            return

        def chosen(problem: object) -> None:
            line = getattr(problem, "line", None)
            if isinstance(line, int):
                self.edit_entry(entry, line)

        self.push_screen(screens.ProblemsScreen(entry.problems, title=str(entry.path)), chosen)


make_app = BriefingApp
"""The CLI and the tests start here: ``make_app(paths, watch=False, ...)``."""
