"""Why a target is missed, in words built from what this run measured.

Every number here comes from the run: first-paint markers, a headless timeline of the
reader's loading steps, ``-X importtime``, cProfile areas and memory stages. Remedies are
fixed text chosen by what dominates the measurement, so a line never proposes cutting
something the run did not find expensive.
"""

from __future__ import annotations

from typing import Any

from benchmarks import cores, report
from benchmarks.report import mb, ms, sec, size_label

IMPORT_HINTS = {
    "briefing.brief.validate": "validation: needed only to parse a brief, not on an index hit",
    "briefing.brief.yamlnodes": "the YAML reader: needed only to parse a brief",
    "yaml": "PyYAML: needed only to parse a brief",
    "markdown_it": "the Markdown parser behind the summary pane",
    "briefing.search.index": "the search index: not needed until the user searches",
    "briefing.config": "the config file reader",
    "textual.highlight": "syntax highlighting, imported by Textual's Markdown widget",
}

AREAS: dict[str, tuple[str, ...]] = {
    "decoding rows into Brief objects": ("codec.py", "model.py", "<string>"),
    "JSON": ("json", "decoder.py", "(loads)"),
    "SQLite": ("sqlite3",),
    "pathlib": ("pathlib.py",),
    "os.stat": ("posix.stat",),
    "building hits (snippets, labels)": ("_snippet", "_hit", "_item_label", "_Folded"),
    "compiling regular expressions": ("_compiler.py", "_parser.py", "re/__init__"),
    "matching candidates": ("of 're.Pattern'", "_matches", "fold"),
    "YAML parsing and validation": ("yamlnodes", "validate.py", "yaml", "schema.py"),
    "quote provenance": ("provenance.py",),
}
"""Own time is charged to the first area whose needle is in the function's name."""

REMEDIES = {
    "decoding rows into Brief objects": "build fewer objects per brief at start (the list "
    "needs id, title and date; decode the rest when a brief is opened)",
    "JSON": "a row format that decodes faster than JSON (marshal of the same lists)",
    "SQLite": "one SELECT for all rows instead of one query per file",
    "pathlib": "fewer Path objects per brief (plain strings for keys and source paths)",
    "os.stat": "fewer stat calls per file",
    "building hits (snippets, labels)": "build snippets only for the hits on screen, and "
    "the rest when scrolled to",
    "compiling regular expressions": "keep compiled term patterns across keystrokes (every "
    "new prefix compiles new expressions, and `re`'s cache cannot help while typing)",
    "matching candidates": "check fewer candidates with regular expressions per keystroke "
    "(narrow by postings first, stop at the limit)",
    "YAML parsing and validation": "parse only the changed file, and nothing else",
    "quote provenance": "re-verify quotes only against articles that changed",
}


def areas(profile: dict[str, Any]) -> list[tuple[str, float]]:
    """Own time grouped by the areas above, as shares of the profiled total."""
    total = profile.get("total_ms") or 1.0
    shares: dict[str, float] = {}
    for row in profile.get("all", profile.get("top", [])):
        for area, needles in AREAS.items():
            if any(n in row["function"] for n in needles):
                shares[area] = shares.get(area, 0.0) + row["own_ms"] / total
                break
    return sorted(shares.items(), key=lambda kv: -kv[1])


def _profile_lines(name: str, profile: dict[str, Any]) -> list[str]:
    if "error" in profile:
        return [f"  - cProfile of {name} failed: {profile['error']}"]
    total = profile.get("total_ms") or 1.0
    shares = areas(profile)
    top = ", ".join(
        f"`{r['function']}` {r['own_ms']:,.0f} ms ({r['own_ms'] / total:.0%}, {r['calls']:,} calls)"
        for r in profile.get("top", [])[:5]
    )
    lines = [
        f"  - cProfile of {name} at {size_label(profile['size'])} briefs ({total:,.0f} ms under "
        f"the profiler): {', '.join(f'{a} {s:.0%}' for a, s in shares[:5]) or 'no known area'}. "
        f"Top own time: {top}."
    ]
    fixes = [f"{REMEDIES[a]} ({s:.0%})" for a, s in shares[:3] if s >= 0.1 and a in REMEDIES]
    if fixes:
        lines.append("  - What would close it, largest share first: " + "; ".join(fixes) + ".")
    return lines


# -- first paint -----------------------------------------------------------------------


def _timeline_line(timeline: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """One sentence from the headless timeline, and the facts the remedies depend on."""
    if "error" in timeline:
        return f"  - Headless timeline failed: {timeline['error']}", {}
    events, counts = timeline["events"], timeline["counts"]

    def first(what: str, nth: int = 1) -> dict[str, Any] | None:
        found = [e for e in events if e["what"].startswith(what)]
        return found[nth - 1] if len(found) >= nth else None

    loaded, shown = first("load one brief"), first("UI: show a brief")
    frame, batch2 = first("first frame"), first("UI: handle a batch", 2)
    until = loaded["start_ms"] if loaded else float("inf")
    listings = [e for e in events if e["what"].startswith("Library.discover")]
    before = [e for e in listings if e["end_ms"] <= until]
    facts = {
        "listings": len(before),
        "listing_ms": sum(e["end_ms"] - e["start_ms"] for e in before),
        "lookups": counts.get("Index.lookup", {}).get("calls"),
    }
    parts = []
    if frame:
        parts.append(f"first frame drawn at {ms(frame['start_ms'])}")
    if before:
        parts.append(
            f"`Library.discover` ran {len(before)} time{'s' * (len(before) != 1)} before the "
            f"first brief loaded ({ms(facts['listing_ms'])} in all)"
        )
    if loaded:
        parts.append(f"first brief loaded {ms(loaded['start_ms'])} to {ms(loaded['end_ms'])}")
    if shown:
        parts.append(f"shown by {ms(shown['end_ms'])}")
    if batch2:
        parts.append(f"second batch handled by {ms(batch2['end_ms'])}")
    if facts["lookups"] is not None:
        parts.append(f"`Index.lookup` calls: {facts['lookups']}")
    line = (
        "  - Headless timeline (one run, no terminal, ms from process start; steps on the "
        "loading thread include waits for the GIL while the UI thread draws): "
    )
    return line + "; ".join(parts) + ".", facts


def _paint_lines(results: dict[int, Any], rows: list[report.Row], why: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    missed = [r for r in rows if r.key == "paint" and r.status == "MISS"]
    facts: dict[str, Any] = {}
    for size in sorted({r.size for r in missed}):
        kinds = results[size]["paint"]["kinds"]
        limit = report.PAINT_SHIPPED if size == 1 else report.PAINT_LIBRARY
        base, cold = kinds["minimal"]["median_ms"], kinds["cold"]
        ratios = ", ".join(f"{r.figure.split(', ')[1]} {r.ratio}" for r in missed if r.size == size)
        marks = cold.get("per_marker_ms", {})
        steps = [f"minimal app {ms(base)}"]
        footer = marks.get("footer")
        content = [v for k, v in marks.items() if k != "footer"]
        if footer is not None and content:
            steps.append(f"reader's frame and footer {ms(footer)} (+{ms(footer - base)})")
            steps.append(f"first brief {ms(min(content))} (+{ms(min(content) - footer)})")
            steps.append(f"whole screen {ms(max(content))} (+{ms(max(content) - min(content))})")
        lines.append(
            f"- **First paint, {size_label(size)} briefs: {ratios} (target ≤ {limit}x, so "
            f"within {ms(limit * base)}).** Where the time goes (tmux, cold cache, medians): "
            + ", ".join(steps)
            + "."
        )
        if footer is not None and footer > limit * base:
            lines.append(
                f"  - Even the frame and footer, which need no brief, arrive "
                f"{ms(footer - limit * base)} after the whole budget."
            )
        timeline = why.get("timelines", {}).get(size)
        if timeline:
            line, found = _timeline_line(timeline)
            lines.append(line)
            if found.get("listings", 0) > 1:
                facts.setdefault("listed", []).append((size, found))
            if found.get("lookups") == 0 and "warm" in kinds:
                facts.setdefault("no_lookups", []).append(size)
    frame = why.get("frame", {})
    if lines and "reader" in frame and "minimal" in frame:
        reader, minimal = frame["reader"], frame["minimal"]
        extra = {
            area: reader["areas"].get(area, 0.0) - minimal["areas"].get(area, 0.0)
            for area in reader["areas"]
        }
        biggest = sorted(extra.items(), key=lambda kv: -kv[1])[:4]
        lines.append(
            "  - cProfile of the main thread until Textual reports the app ready (headless, "
            "shipped library, one run each, profiler overhead included): the reader is ready "
            f"at {ms(reader['ready_ms'])} after {ms(reader['total_ms'])} of profiled work, the "
            f"minimal app at {ms(minimal['ready_ms'])} after {ms(minimal['total_ms'])}; the "
            "difference by area: "
            + ", ".join(f"{area} {'+' if d >= 0 else ''}{ms(d)}" for area, d in biggest)
            + ". What the first screen still lacks at that point comes after: the loading "
            "worker starts then (timeline above), and issue 4 measured Textual's footer keys "
            "arriving in a second frame."
        )
    imports = why.get("imports")
    if lines and imports:
        top = ", ".join(
            f"`{name}` {cum:.0f} ms" + (f" ({IMPORT_HINTS[name]})" if name in IMPORT_HINTS else "")
            for name, cum in imports["top"]
        )
        lines.append(
            "  - `python -X importtime`, the reader run headless until its first frame is drawn: "
            f"{imports['extra_modules']} modules the minimal app does not import cost "
            f"{imports['extra_ms']:.0f} ms of own import time (all its imports: "
            f"{imports['reader_ms']:.0f} ms). Heaviest, cumulative: {top}."
        )
    if lines:
        fixes = []
        deferrable = [name for name, _ in (imports or {}).get("top", []) if name in IMPORT_HINTS]
        if deferrable:
            fixes.append(
                "import after the first frame whatever of the modules above it does not "
                f"draw ({', '.join(f'`{name}`' for name in deferrable)})"
            )
        elif imports:
            fixes.append(
                "the modules left are those the first frame draws (the screen, its panes and "
                "the index it reads); what remains is Textual's own work for a screen of "
                "bordered panes: parsing the stylesheets, styling, layout and drawing"
            )
        listed = [(s, f) for s, f in facts.get("listed", []) if f["listing_ms"] >= 50]
        if listed:
            size, found = listed[-1]
            fixes.append(
                f"list the files once, not {found['listings']} times, before the first brief "
                f"({ms(found['listing_ms'])} at {size_label(size)} briefs)"
            )
        if facts.get("no_lookups"):
            sizes = ", ".join(size_label(s) for s in facts["no_lookups"])
            fixes.append(
                f"read the index at start: with a warm cache the reader made no `Index.lookup` "
                f"calls ({sizes} briefs), so a warm start does the same work as a cold one"
            )
        lines.append("  - What would close it: " + "; ".join(fixes) + ".")
    return lines


# -- the other targets -----------------------------------------------------------------


def _memory_lines(
    results: dict[int, Any], rows: list[report.Row], why: dict[str, Any]
) -> list[str]:
    lines = []
    for row in (r for r in rows if r.key == "memory" and r.status == "MISS"):
        m = results[row.size]["memory"]
        text = (
            f"- **Peak RSS of the reader at {size_label(row.size)} briefs: {row.measured} "
            f"({row.gap}).** Without Textual and the UI, a cold load peaks at "
            f"{mb(m['cold_load_hwm_kib'])}; a warm one at {mb(m['warm_load_hwm_kib'])}, "
            f"{mb(m['warm_hwm_kib'])} with the search index."
        )
        plain = why.get("memory", {})
        fixes = []
        if plain.get("load_hwm_kib"):
            cost = m["cold_load_hwm_kib"] - plain["load_hwm_kib"]
            text += (
                f" The same load without an index (`Library(paths)`) peaks at "
                f"{mb(plain['load_hwm_kib'])}, so writing the index costs {mb(cost)} at the peak"
            )
            queued = results[row.size]["load"]["cold_runs"][0]
            if queued.get("queued_rows"):
                text += (
                    f"; {queued['queued_rows']:,} rows holding {mb(queued['queued_bytes'] / 1024)}"
                    " of JSON text wait in memory for one flush at the end of the load"
                )
                fixes.append("write the index in batches during the load, not in one flush")
            text += "."
        if m["warm_hwm_kib"] * 1024 / 1e6 > report.PEAK_MB:
            fixes.append(
                "keep fewer objects per brief resident (the list needs id, title and date)"
            )
        lines.append(text)
        if fixes:
            lines.append("  - What would close it: " + "; ".join(fixes) + ".")
    return lines


def misses(results: dict[int, Any], rows: list[report.Row], why: dict[str, Any]) -> list[str]:
    lines = _paint_lines(results, rows, why)
    for row in (r for r in rows if r.key == "load" and r.status == "MISS"):
        parse = report.median(results[row.size]["load"]["yaml"])
        lines.append(
            f"- **Warm load at {size_label(row.size)} briefs: {row.ratio} than the parse "
            f"({row.gap}).** To pass it must take at most {sec(parse / report.WARM_SPEEDUP)}."
        )
        if "load" in why:
            lines += _profile_lines("the warm load", why["load"])
    searches = [r for r in rows if r.key == "search" and r.status == "MISS"]
    for row in searches:
        stats = results[row.size]["search_stats"]
        lines.append(
            f"- **Search at {size_label(row.size)} briefs: {row.measured}, 1-2 characters p95 "
            f"{ms(stats['short_p95'])} ({row.gap}).** Slowest keystroke {ms(stats['max'])}; "
            f"the UI's rows for the hits (up to {results[row.size]['search_limit']}) add "
            f"p95 {ms(stats['rows_p95'])}."
        )
    if searches and "search" in why:
        lines += _profile_lines("every keystroke of one pass", why["search"])
    for row in (r for r in rows if r.key == "reload" and r.status == "MISS"):
        lines.append(f"- **Reload at {size_label(row.size)} briefs: {row.measured} ({row.gap}).**")
        if "reload" in why:
            lines += _profile_lines("five reloads", why["reload"])
    lines += _memory_lines(results, rows, why)
    for row in (r for r in rows if r.key == "keys" and r.status == "MISS"):
        lines.append(
            f"- **{row.figure.capitalize()}, {row.label}: {row.measured}, {row.ratio} over the "
            f"reader with {row.reference} ({row.gap}).** Time from `?` until the help screen "
            "shows; no profile is taken of this one (section f has the figures)."
        )
    lines += cores.miss_lines(rows)
    return lines or ["Every target measured in this run holds."]
