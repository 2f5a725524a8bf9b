"""Which articles a library's briefs cite, and which briefs a changed one concerns."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from libraries import CITING, EXTRA_ARTICLE

from briefing.store.cited import CitedArticles
from briefing.store.library import Library

REPO = Path(__file__).resolve().parent.parent


def test_the_briefs_citing_a_changed_article_are_named_once(tmp_path: Path) -> None:
    root = tmp_path / "briefs"
    shutil.copytree(REPO / "briefs", root)
    (root / "citing.yaml").write_text(CITING)
    (root / "also.yaml").write_text(CITING.replace("title: Talks", "title: Again"))
    article = tmp_path / "seeds" / "extra.txt"
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    article.write_text(EXTRA_ARTICLE)
    since = time.time_ns()
    library = Library([root])
    library.load_all()
    cited = CitedArticles(racy_ns=0)  # the files were written before the load began
    cited.follow(library.entries, since)
    assert len(cited) > 1  # the shipped brief's articles, and extra.txt
    assert cited.changed() == set()
    info = article.stat()
    article.write_text(EXTRA_ARTICLE.replace("May", "Mai"))  # the same size
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns))  # and time: not the ctime
    assert cited.changed() == {root / "citing.yaml", root / "also.yaml"}
    assert cited.changed() == set()
    library.apply([("modified", root / "citing.yaml"), ("modified", root / "also.yaml")])
    cited.follow(library.entries, since)
    assert cited.changed() == set()
    article.unlink()
    assert cited.changed() == {root / "citing.yaml", root / "also.yaml"}
    (root / "also.yaml").unlink()
    library.apply([("deleted", root / "also.yaml"), ("modified", root / "citing.yaml")])
    cited.follow(library.entries, since)
    article.write_text(EXTRA_ARTICLE)
    assert cited.changed() == {root / "citing.yaml"}


def test_an_article_changed_while_its_briefs_loaded_is_not_missed(tmp_path: Path) -> None:
    """Looked at only once the load is over, an article may have changed since its briefs
    read it: one changed after the load began, or gone though its briefs found it, counts
    as changed; one missing when read, or older than the load, does not."""
    root = tmp_path / "briefs"
    root.mkdir()
    (root / "citing.yaml").write_text(CITING)
    (root / "absent.yaml").write_text(CITING.replace("extra.txt", "absent.txt"))
    article = tmp_path / "seeds" / "extra.txt"
    article.parent.mkdir()
    article.write_text(EXTRA_ARTICLE)
    since = time.time_ns()
    library = Library([root])
    library.load_all()
    settled = CitedArticles(racy_ns=0)
    settled.follow(library.entries, since)
    assert settled.changed() == set()
    article.write_text("The minister said nothing at all.\n")  # after the load began
    edited = CitedArticles(racy_ns=0)
    edited.follow(library.entries, since)
    assert edited.changed() == {root / "citing.yaml"}
    article.unlink()
    gone = CitedArticles(racy_ns=0)
    gone.follow(library.entries, since)
    assert gone.changed() == {root / "citing.yaml"}  # not absent.yaml: missing when read
    article.write_text(EXTRA_ARTICLE)
    racy = CitedArticles()  # within the time stamps' resolution of the load: read again
    racy.follow(library.entries, time.time_ns())
    assert racy.changed() == {root / "citing.yaml"}
