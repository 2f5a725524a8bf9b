"""The reader re-verifies a brief when an article it cites changes on disk, without ``r``:
articles usually live outside the folders the watcher follows (``../seeds``)."""

from __future__ import annotations

from pathlib import Path

from libraries import CITING, EXTRA_ARTICLE
from test_live_library import LiveApp


def codes(live: LiveApp, ident: str) -> list[str]:
    return live.on_app(  # type: ignore[no-any-return]
        lambda: [p.code for p in live.app.keeper.entries[ident].problems]
    )


def test_an_article_edited_deleted_and_made_again_is_followed(tmp_path: Path) -> None:
    root = tmp_path / "briefs"
    root.mkdir()
    (root / "citing.yaml").write_text(CITING)
    article = tmp_path / "seeds" / "extra.txt"
    article.parent.mkdir()
    article.write_text(EXTRA_ARTICLE)
    live = LiveApp([root], tmp_path / "cache")
    try:
        assert codes(live, "citing") == []
        article.write_text("The minister said nothing at all.\n")
        live.converge()  # the view a fresh load gives: the quotes not found
        assert codes(live, "citing") == ["quote-not-found", "quote-not-found"]
        article.unlink()
        live.converge()
        assert codes(live, "citing") == ["source-file-missing"]
        article.write_text(EXTRA_ARTICLE)
        live.converge()
        assert codes(live, "citing") == []
    finally:
        live.close()
