"""Which articles a library's briefs cite, and which briefs a changed one concerns."""

from __future__ import annotations

import os
import shutil
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
    library = Library([root])
    library.load_all()
    cited = CitedArticles()
    cited.follow(library.entries)
    assert len(cited) > 1  # the shipped brief's articles, and extra.txt
    assert cited.changed() == set()
    info = article.stat()
    article.write_text(EXTRA_ARTICLE.replace("May", "Mai"))  # the same size
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns))  # and time: not the ctime
    assert cited.changed() == {root / "citing.yaml", root / "also.yaml"}
    assert cited.changed() == set()
    library.apply([("modified", root / "citing.yaml"), ("modified", root / "also.yaml")])
    cited.follow(library.entries)
    assert cited.changed() == set()
    article.unlink()
    assert cited.changed() == {root / "citing.yaml", root / "also.yaml"}
    (root / "also.yaml").unlink()
    library.apply([("deleted", root / "also.yaml"), ("modified", root / "citing.yaml")])
    cited.follow(library.entries)
    article.write_text(EXTRA_ARTICLE)
    assert cited.changed() == {root / "citing.yaml"}
