"""The brief list's order and filters in the reader: the sort key, field filters in the
search box ("N of M briefs", mistakes under the box, escape), and the facets view.

The test library: alpha (2024-03-04, tags chile ports labour, outlets Example Wire and
Radio Puerto), beta (2024-05-01, hostile strings, a quote with "shout"), gamma (broken,
undated).
"""

from __future__ import annotations

import os
from pathlib import Path

from pilot_helpers import (
    app_for,
    choose_in_palette,
    main_of,
    notices,
    reader,
    screen_text,
    settle,
    type_query,
    wait_for,
)
from test_screen_alone import FakeLibrary, Host, main_screen
from textual.widgets import Input, OptionList

from briefing.ui.app import BriefingApp
from briefing.ui.filtering import FilterChanged
from briefing.ui.screens.facets import FacetsScreen
from briefing.ui.widgets.brieflist import BriefList


def ids(pilot: object) -> list[str]:
    return [e.id for e in main_of(pilot).entries]  # type: ignore[arg-type]


def title(pilot: object) -> str:
    return str(main_of(pilot).brief_list.border_title)  # type: ignore[arg-type]


async def test_the_list_is_newest_first_and_the_sort_key_cycles_in_its_title(
    library: Path,
) -> None:
    # Changed on disk: gamma first, then beta, then alpha (the most recent). The sort reads
    # the later of a file's modification and status-change times, and setting either sets
    # the status-change time to now on a clock that ticks coarsely: each file is touched
    # until its time is past the one before, or two could tie.
    before = 0
    for name in ("gamma", "beta", "alpha"):
        path = library / f"{name}.yaml"
        changed = before
        while changed <= before:
            os.utime(path)
            info = path.stat()
            changed = max(info.st_mtime_ns, info.st_ctime_ns)
        before = changed
    async with reader(library) as pilot:
        assert ids(pilot) == ["beta", "alpha", "gamma"]  # undated last
        assert title(pilot) == "0 Briefs · by date"
        assert "0 Briefs · by date" in screen_text(pilot)
        await pilot.press("o")
        assert title(pilot) == "0 Briefs · by title"
        assert ids(pilot) == ["beta", "alpha", "gamma"]  # "[bold]Beta", "Harbour", untitled
        await pilot.press("o")
        assert title(pilot) == "0 Briefs · by change"
        assert ids(pilot) == ["alpha", "beta", "gamma"]
        await pilot.press("o")
        assert title(pilot) == "0 Briefs · by date"
        assert ids(pilot) == ["beta", "alpha", "gamma"]
        main = main_of(pilot)
        assert main.current is not None and main.current.id == "beta"  # never moved
        assert main.brief_list.highlighted == 0


async def test_field_filters_narrow_the_list_and_escape_clears_them(library: Path) -> None:
    async with reader(library) as pilot:
        main = main_of(pilot)
        await type_query(pilot, "tag:chile")
        assert ids(pilot) == ["alpha"]
        assert title(pilot) == "0 1 of 3 briefs · by date"
        assert "1 of 3 briefs pass the filters" in screen_text(pilot)
        await pilot.press("ctrl+u", *"-tag:chile")  # combinable, and excluding
        assert ids(pilot) == ["beta", "gamma"]
        # Alpha left the list. (On the way, "-t" left out every brief with a word in t:
        # gamma alone was listed, and shown.)
        assert main.current is not None and main.current.id in ("beta", "gamma")
        await pilot.press("ctrl+u", *'outlet:"radio puerto" after:2024-03 before:2024-03-31')
        assert ids(pilot) == ["alpha"]
        await pilot.press("ctrl+u", *"after:2024-04")
        assert ids(pilot) == ["beta"]
        await pilot.press("escape")
        assert ids(pilot) == ["beta", "alpha", "gamma"]
        assert title(pilot) == "0 Briefs · by date"
        assert not main.has_class("-searching")
        assert main.search_panel.input.value == ""


async def test_words_and_filters_together_keep_hits_to_the_filtered_briefs(
    library: Path,
) -> None:
    async with reader(library) as pilot:
        main = main_of(pilot)
        await type_query(pilot, "shout")
        assert {h.brief_id for h in main.hits} == {"beta"}
        assert ids(pilot) == ["beta", "alpha", "gamma"]  # words alone do not narrow the list
        await pilot.press("ctrl+u", *"tag:chile shout")
        assert main.hits == () or list(main.hits) == []
        assert ids(pilot) == ["alpha"]
        assert "1 of 3 briefs pass the filters · no hits" in screen_text(pilot)
        await pilot.press("ctrl+u", *"tag:chile dockworkers")
        assert main.hits and {h.brief_id for h in main.hits} == {"alpha"}
        await pilot.press("ctrl+u", *"and")
        assert {h.brief_id for h in main.hits} == {"alpha", "beta"}
        await pilot.press("ctrl+u", *"-tag:chile and")  # "and" is in both; alpha is out
        assert main.hits and {h.brief_id for h in main.hits} == {"beta"}


async def test_a_minus_word_leaves_out_the_briefs_it_matches_as_the_command_line_does(
    library: Path,
) -> None:
    async with reader(library) as pilot:
        app = pilot.app
        assert isinstance(app, BriefingApp)
        main = main_of(pilot)
        catalog = app.catalogs.catalog
        assert catalog is not None

        def command_line(text: str) -> set[str]:
            """What ``briefing list -- TEXT`` selects: the catalog with its words."""
            chosen = catalog.select(text)
            return {catalog.at(n).id for n in catalog.numbers(chosen.mask)}

        await type_query(pilot, "-shout")  # in a quote of beta's
        # Once the box is still: "-s", "-sh" ... typed on the way are never looked for.
        await wait_for(pilot, lambda: not main.filter.pending)
        assert ids(pilot) == ["alpha", "gamma"]
        assert set(ids(pilot)) == command_line("-shout")
        assert title(pilot) == "0 2 of 3 briefs · by date"
        assert "2 of 3 briefs pass the filters" in screen_text(pilot)
        # Beta left the list ("-s" typed on the way left out more, gamma among the rest).
        assert main.current is not None and main.current.id in ("alpha", "gamma")
        await pilot.press("ctrl+u", *"-dock")  # a word prefix, as search matches them
        await wait_for(pilot, lambda: ids(pilot) == ["beta", "gamma"])
        assert set(ids(pilot)) == command_line("-dock")
        await pilot.press("ctrl+u", *"and -shout")  # "and" is in both: hits in alpha only
        await wait_for(pilot, lambda: not main.filter.pending)
        assert main.hits and {h.brief_id for h in main.hits} == {"alpha"}
        assert ids(pilot) == ["alpha", "gamma"]  # the word itself does not narrow the list
        await pilot.press("ctrl+u", *'-"no such phrase anywhere"')
        await wait_for(pilot, lambda: not main.filter.pending)
        assert ids(pilot) == ["beta", "alpha", "gamma"]
        assert title(pilot) == "0 3 of 3 briefs · by date"
        await pilot.press("escape")
        assert ids(pilot) == ["beta", "alpha", "gamma"]
        assert title(pilot) == "0 Briefs · by date"


async def test_an_unknown_field_or_a_bad_date_is_a_message_under_the_box(
    library: Path,
) -> None:
    async with reader(library) as pilot:
        app = pilot.app
        main = main_of(pilot)
        await type_query(pilot, "colour:red before:2024-13 tag:chile")
        text = screen_text(pilot)
        assert "unknown filter 'colour:'" in text and "(at column 1)" in text
        assert "'2024-13' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY" in text
        assert main.search_panel.problem.display
        assert ids(pilot) == ["alpha"]  # the rest still applies
        await pilot.press("ctrl+u", *"tag:chile")
        assert not main.search_panel.problem.display
        assert app.is_running


async def test_enter_goes_to_the_filtered_list_and_escape_there_clears(library: Path) -> None:
    async with reader(library) as pilot:
        app = pilot.app
        main = main_of(pilot)
        await type_query(pilot, "-tag:chile")
        await pilot.press("enter")
        assert not main.has_class("-searching")
        assert isinstance(app.focused, BriefList)
        assert "Filtered: -tag:chile · 2 of 3 briefs" in screen_text(pilot)
        await pilot.press("escape")
        assert ids(pilot) == ["beta", "alpha", "gamma"]
        assert "Filtered:" not in screen_text(pilot)


async def test_the_selection_is_posted_for_other_screens(library: Path) -> None:
    seen: list[tuple[int, int, list[str]]] = []

    class Recording(BriefingApp):
        def on_filter_changed(self, message: FilterChanged) -> None:
            selection = message.filter.selection
            assert selection is not None and message.filter.catalog is not None
            order = message.filter.catalog.order(message.filter.sort, selection)
            seen.append((selection.count, selection.total, order))

    app = Recording([library], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "tag:chile")
        assert seen[-1] == (1, 3, ["alpha"])
        await pilot.press("escape")
        assert seen[-1] == (3, 3, ["beta", "alpha", "gamma"])
        selection = main_of(pilot).filter.selection
        assert selection is not None and selection.count == 3


async def test_the_facets_view_adds_the_chosen_filter(library: Path) -> None:
    async with reader(library) as pilot:
        app = pilot.app
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FacetsScreen))
        text = screen_text(pilot)
        assert "Tags (5)" in text and "chile  tag:chile" in text
        assert 'Example Wire  outlet:"Example Wire"' in text
        assert "Marta Rojas" in text  # an actor, counted by entity
        await pilot.press(*"chil")
        rows = app.screen.query_one(OptionList)
        assert rows.option_count == 4  # three headings and "chile"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is main_of(pilot))
        assert ids(pilot) == ["alpha"]
        assert main_of(pilot).search_panel.input.value == "tag:chile"
        await wait_for(pilot, lambda: isinstance(app.focused, BriefList))
        # The next one joins it, counted over the briefs listed.
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FacetsScreen))
        assert "Tags (3)" in screen_text(pilot)
        await pilot.press(*"radio", "enter")
        await wait_for(pilot, lambda: app.screen is main_of(pilot))
        assert main_of(pilot).search_panel.input.value == 'tag:chile outlet:"Radio Puerto"'
        assert ids(pilot) == ["alpha"]


async def test_escape_leaves_the_facets_view_without_a_filter(library: Path) -> None:
    async with reader(library) as pilot:
        app = pilot.app
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FacetsScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main_of(pilot))
        assert ids(pilot) == ["beta", "alpha", "gamma"]


async def test_the_palette_opens_the_facets_view_and_the_sort(library: Path) -> None:
    async with reader(library) as pilot:
        app = pilot.app
        await choose_in_palette(pilot, "Facets")
        await wait_for(pilot, lambda: isinstance(app.screen, FacetsScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main_of(pilot))
        await choose_in_palette(pilot, "Sort: date")
        await wait_for(pilot, lambda: title(pilot) == "0 Briefs · by title")


async def test_filters_typed_while_loading_apply_once_the_catalog_is_built(
    library: Path,
) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_of(pilot)
        await wait_for(pilot, lambda: main.query("#search"))
        main.action_search()
        box = main.search_panel.input
        assert isinstance(box, Input)
        box.value = "tag:chile"
        await settle(pilot)
        assert ids(pilot) == ["alpha"]
        assert not [n for n in notices(pilot) if "Error" in n]


async def test_a_filtered_list_follows_briefs_added_changed_and_removed(library: Path) -> None:
    app = app_for(library, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: any(w.group == "watcher" for w in app.workers))
        await type_query(pilot, "tag:chile")
        assert ids(pilot) == ["alpha"]
        (library / "delta.yaml").write_text(
            "title: Delta\ndate: 2025-02-01\ntags: [chile]\nsummary: Later.\n", encoding="utf-8"
        )
        await wait_for(pilot, lambda: ids(pilot) == ["delta", "alpha"], rounds=1000)
        assert title(pilot) == "0 2 of 4 briefs · by date"
        alpha = library / "alpha.yaml"
        alpha.write_text(alpha.read_text(encoding="utf-8").replace("chile, ", ""), "utf-8")
        await wait_for(pilot, lambda: ids(pilot) == ["delta"], rounds=1000)
        (library / "delta.yaml").unlink()
        await wait_for(pilot, lambda: ids(pilot) == [], rounds=1000)
        assert "No brief passes the filters" in screen_text(pilot)
        await pilot.press("escape")
        assert ids(pilot) == ["beta", "alpha", "gamma"]


async def test_the_list_keys_wait_for_the_catalog() -> None:
    """The screen alone, given no catalog: the keys say so and the list stays as loaded."""
    app = Host(FakeLibrary("alpha", "beta"))
    async with app.run_test(size=(120, 40)) as pilot:
        main = main_screen(app)
        await wait_for(pilot, lambda: main.current is not None)
        await pilot.press("o", "f", "M")
        await wait_for(pilot, lambda: len(notices(pilot)) == 3)
        said = " ".join(notices(pilot))
        assert "The list can be sorted once the library has loaded." in said
        assert "Facets are ready once the library has loaded." in said
        assert "What is new is known once the library has loaded." in said
        await pilot.press("slash", *"tag:chile")
        await wait_for(
            pilot, lambda: "Filters apply once the library has loaded" in screen_text(pilot)
        )
        assert [e.id for e in main.entries] == ["alpha", "beta"]  # as loaded
