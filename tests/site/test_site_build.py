"""``briefing site`` without a browser: what it writes, what it leaves alone, what it refuses."""

from __future__ import annotations

import os
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from site_helpers import REPO, library, pagefind

from briefing.cli import main
from briefing.site import urls
from briefing.site.build import build_site
from briefing.site.layout import CSP, SEARCH_CSP
from briefing.site.writer import MANIFEST, SiteError

Snapshot = dict[str, tuple[bytes, int]]


def snapshot(site: Path) -> Snapshot:
    """Every file of the site: its bytes and its modification time."""
    return {
        p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """Files added, removed, or touched (bytes or time stamp) between two snapshots."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


@pytest.fixture
def lib(tmp_path: Path) -> list[Path]:
    return library(tmp_path)


def build(paths: list[Path], output: Path) -> None:
    build_site(paths, output, pagefind(), title="Test briefs")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_every_page_has_the_policy_and_loads_only_the_site(lib: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(lib, output)
    pages = sorted(output.rglob("*.html"))
    assert {urls.INDEX, urls.SEARCH, "briefs/hostile.html"} <= {
        p.relative_to(output).as_posix() for p in pages
    }
    for path in pages:
        relative = path.relative_to(output).as_posix()
        parser = _Tags()
        parser.feed(path.read_text("utf-8"))
        policy = [
            a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert policy == [SEARCH_CSP if relative == urls.SEARCH else CSP], relative
        for tag, attrs in parser.tags:
            assert not any(name.startswith("on") for name in attrs), (relative, tag, attrs)
            if tag in ("script", "img", "link", "iframe", "source", "object", "embed"):
                address = attrs.get("src") or attrs.get("href") or ""
                assert not re.match(r"[a-z]+:|//", address), (relative, tag, address)
            if tag == "a":
                href = attrs.get("href") or ""
                scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", href)
                assert scheme is None or scheme[1] in ("http", "https"), (relative, href)
        scripts = [a.get("src") for t, a in parser.tags if t == "script"]
        assert scripts == ([urls.SCRIPT] if relative == urls.SEARCH else []), relative


def test_an_unchanged_library_rewrites_nothing(lib: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(lib, output)
    first = snapshot(output)
    assert any(name.startswith("pagefind/") for name in first)
    built = build_site(lib, output, pagefind(), title="Test briefs")
    assert built.counts.written == 0 and built.counts.removed == 0 and not built.searched
    assert changed(first, snapshot(output)) == set()


def test_pagefind_output_is_the_same_bytes_for_the_same_pages(
    lib: list[Path], tmp_path: Path
) -> None:
    """Two builds of one library in two folders: Pagefind's bundles are identical."""
    build(lib, tmp_path / "a")
    build(lib, tmp_path / "b")
    a = {k: v[0] for k, v in snapshot(tmp_path / "a").items()}
    b = {k: v[0] for k, v in snapshot(tmp_path / "b").items()}
    assert a == b
    # Forcing Pagefind to run again over the same pages changes none of its files.
    manifest = tmp_path / "a" / MANIFEST
    manifest.write_text(
        re.sub(r'"search_digest": "\w+"', '"search_digest": ""', manifest.read_text())
    )
    before = snapshot(tmp_path / "a")
    built = build_site(lib, tmp_path / "a", pagefind(), title="Test briefs")
    assert built.searched and built.counts.written == 0
    assert changed(before, snapshot(tmp_path / "a")) == {MANIFEST}


def test_a_changed_brief_rewrites_its_pages_and_the_lists_that_show_it(
    lib: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "out"
    build(lib, output)
    before = snapshot(output)
    brief = lib[0] / "valparaiso-fires.yaml"
    brief.write_text(brief.read_text("utf-8").replace("Fires in the hills", "Fire on the hills"))
    build(lib, output)
    touched = changed(before, snapshot(output))
    pages = {name for name in touched if not name.startswith(urls.PAGEFIND + "/")}
    assert pages == {
        "briefs/valparaiso-fires.html",
        "sources/valparaiso-fires.wire.html",  # its title is on the article's page
        "index.html",
        "tags/chile.html",
        "tags/fires.html",
        "years/2023.html",
        "timeline/2023.html",  # its events name it
        "entities/camila-nieto.html",  # the dossiers of its actors name it
        "entities/soren-alund.html",
        "briefs/niger-russia-trainers.html",  # it is among the briefs naming this one
        MANIFEST,  # the search digest
    }
    assert any(name.startswith(urls.PAGEFIND + "/") for name in touched)


def test_a_deleted_brief_takes_its_pages_with_it(lib: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "out"
    (output / ".git").mkdir(parents=True)  # a published site's own files are never touched
    (output / ".git" / "HEAD").write_text("ref: refs/heads/pages\n")
    build(lib, output)
    assert (output / "briefs" / "valparaiso-fires.html").exists()
    (lib[0] / "valparaiso-fires.yaml").unlink()
    build(lib, output)
    for gone in (
        "briefs/valparaiso-fires.html",
        "sources/valparaiso-fires.wire.html",
        "tags/chile.html",
        "years/2023.html",
    ):
        assert not (output / gone).exists(), gone
    assert (output / "briefs" / "hostile.html").exists()
    assert (output / ".git" / "HEAD").read_text() == "ref: refs/heads/pages\n"
    assert "valparaiso" not in (output / MANIFEST).read_text()


def test_a_folder_of_other_files_is_refused(
    lib: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "mine"
    output.mkdir()
    (output / "notes.html").write_text("mine")
    with pytest.raises(SiteError, match="did not write"):
        build(lib, output)
    assert main(["site", str(lib[0]), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing: error: ") and "notes.html" in err
    assert sorted(p.name for p in output.iterdir()) == ["notes.html"]


@pytest.mark.parametrize(
    "manifest",
    [
        '{"version": 1, "files": "x"}',
        "not json",
        '{"version": 99, "files": [], "search_digest": ""}',
    ],
)
def test_a_manifest_that_is_not_ours_is_refused(
    lib: list[Path], tmp_path: Path, manifest: str
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / MANIFEST).write_text(manifest)
    with pytest.raises(SiteError, match="is not a manifest written by briefing site"):
        build(lib, output)


def test_manifest_entries_outside_the_site_are_never_removed(
    lib: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "out"
    build(lib, output)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    manifest = output / MANIFEST
    text = manifest.read_text()
    manifest.write_text(
        text.replace('"files": [', '"files": [\n  "../precious.txt", "/etc/hostname",')
    )
    build(lib, output)
    assert precious.read_text() == "keep me"


def test_the_command_writes_the_shipped_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    output = tmp_path / "site"
    args = ["site", "--library", str(REPO / "briefs"), "-o", str(output), "--title", "Niger <desk>"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{output}: 1 brief; ") and "search index rebuilt" in out
    index = (output / "index.html").read_text("utf-8")
    assert "<title>Niger &lt;desk&gt;</title>" in index
    assert (output / "sources" / "niger-russia-trainers.ap.html").exists()
    assert main(args) == 0
    assert "0 files written" in capsys.readouterr().out


def test_a_brief_that_does_not_load_is_left_out_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "good" / "minimal.yaml", briefs / "good.yaml")
    shutil.copy(REPO / "tests" / "fixtures" / "bad" / "missing-title.yaml", briefs / "broken.yaml")
    output = tmp_path / "site"
    assert main(["site", "--library", str(briefs), "-o", str(output)]) == 0
    captured = capsys.readouterr()
    assert f"{briefs}/broken.yaml:" in captured.err and ": error: " in captured.err
    assert "left out" in captured.out
    assert (output / "briefs" / "good.html").exists()
    assert not (output / "briefs" / "broken.html").exists()


def test_without_pagefind_the_command_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import fails as if not installed
    assert main(["site", "--library", str(REPO / "briefs"), "-o", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "pip install 'briefing-reader[site]'" in err and err.startswith("briefing: error:")
    assert not (tmp_path / "site").exists()


def test_pagefind_is_imported_by_the_site_command_only() -> None:
    script = (
        "import sys\n"
        "import briefing.site.build, briefing.site.command\n"
        "from briefing.cli import main\n"
        "main(['list', 'tests/fixtures/good'])\n"
        "assert 'pagefind_bin' not in sys.modules and 'pagefind' not in sys.modules\n"
    )
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_output_that_cannot_be_written_is_a_clear_error(
    lib: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["site", str(lib[0]), "-o", str(blocker)]) == 1
    assert "is not a folder" in capsys.readouterr().err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert main(["site", str(lib[0]), "-o", str(locked / "site")]) == 1
        assert "cannot write the site" in capsys.readouterr().err


def test_worker_processes_write_the_same_site(
    lib: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large library is rendered by worker processes: the bytes are those of one process."""
    from briefing.site import render

    build(lib, tmp_path / "one")
    monkeypatch.setattr(render, "CHUNK", 1)
    monkeypatch.setattr(render, "PARALLEL_FROM", 2)
    calls: list[int] = []
    real = render.ProcessPoolExecutor  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "ProcessPoolExecutor", counted)
    build(lib, tmp_path / "many")
    assert calls == [1]
    one = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    assert one == {k: v[0] for k, v in snapshot(tmp_path / "many").items()}


def _ids(path: Path) -> set[str]:
    parser = _Tags()
    parser.feed(path.read_text("utf-8"))
    return {a["id"] or "" for _, a in parser.tags if a.get("id")}


def broken_links(site: Path) -> list[str]:
    """Every relative link or asset of every page that names no file, or no anchor in it."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Tags()
        parser.feed(page.read_text("utf-8"))
        for tag, attrs in parser.tags:
            address = attrs.get("href") or attrs.get("src") or ""
            if tag not in ("a", "link", "script") or not address or re.match(r"[a-z]+:", address):
                continue
            path, _, fragment = address.partition("#")
            path = path.partition("?")[0]
            target = (page.parent / path).resolve() if path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {address}")
                continue
            if target not in ids and target.suffix == ".html":
                ids[target] = _ids(target)
            if fragment and fragment not in ids.get(target, {fragment}):
                broken.append(f"{page.relative_to(site)}: {address} (no such anchor)")
    return broken


def test_every_link_of_the_site_leads_somewhere(lib: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(lib, output)
    assert (output / urls.PEOPLE).is_file() and (output / urls.TIMELINE).is_file()
    assert broken_links(output) == []


def test_a_query_publishes_a_subset_and_nothing_else(
    lib: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    args = ["site", "tag:chile", "-o", str(output), *(f"--library={p}" for p in lib)]
    assert main(args) == 0
    assert "1 brief;" in capsys.readouterr().out
    briefs = sorted(p.name for p in (output / "briefs").iterdir())
    assert briefs == ["valparaiso-fires.html"]
    people = sorted(p.name for p in (output / "entities").iterdir())
    assert people == ["camila-nieto.html", "soren-alund.html"]
    assert broken_links(output) == []
    everything = " ".join(p.read_text("utf-8") for p in output.rglob("*.html"))
    assert "Niger" not in everything and "Mallory" not in everything
    # A query with a mistake is a usage error, and writes nothing.
    assert main(["site", "after:2024-13", "-o", str(tmp_path / "other")]) == 2
    assert "'2024-13' is not a date" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


def test_a_site_without_briefs_has_no_search_bundle(lib: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(lib, output)
    assert (output / "pagefind" / "pagefind.js").is_file()
    from briefing.search.query import parse

    built = build_site(lib, output, pagefind(), query=parse("tag:nothing-has-this"))
    assert built.briefs == 0 and not built.searched
    assert not (output / "pagefind").exists() or not any((output / "pagefind").rglob("*.js"))
    assert "No briefs." in (output / "index.html").read_text("utf-8")


def test_related_briefs_and_back_links(lib: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "out"
    build(lib, output)
    fires = (output / urls.brief_page("valparaiso-fires")).read_text("utf-8")
    related = fires[fires.index('<section id="related"') :].split("</section>")[0]
    niger_link = '<a href="../briefs/niger-russia-trainers.html">Russian military trainers'
    assert niger_link in related
    assert "<code>fires-of-2014</code>" in related and "no brief of this id" in related
    niger = (output / urls.brief_page("niger-russia-trainers")).read_text("utf-8")
    naming = niger[niger.index('<section id="referenced-by"') :].split("</section>")[0]
    assert (
        '<a href="../briefs/valparaiso-fires.html">Fires in the hills of Valparaíso</a>' in naming
    )
    # Published alone, the brief names the other by id, and links to nothing absent.
    alone = tmp_path / "alone"
    from briefing.search.query import parse

    build_site(lib, alone, pagefind(), query=parse("tag:chile"))
    fires = (alone / urls.brief_page("valparaiso-fires")).read_text("utf-8")
    assert "<code>niger-russia-trainers</code>" in fires and "not in this site" in fires
