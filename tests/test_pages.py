"""The site as a folder of files (builder/pages.py): written when changed, cleaned of what is
no longer made, and never written into a folder that is not ours."""
from __future__ import annotations

import json
import os

import pytest

from builder.pages import MARKER, PagesError, summary, write_pages


def test_only_changed_files_are_written_and_files_no_longer_made_are_removed(tmp_path):
    folder = tmp_path / "pages"
    first = write_pages({"a.md": "one", "b/c.md": "two", "data/x.csv": b"1,2\n"}, folder)
    assert first.written == ["a.md", "b/c.md", "data/x.csv"] and first.removed == []
    old = os.stat(folder / "a.md").st_mtime_ns
    os.utime(folder / "a.md", ns=(old - 10**9, old - 10**9))  # an older time: rewriting would change it
    second = write_pages({"a.md": "one", "b/c.md": "changed"}, folder)
    assert (second.written, second.kept, second.removed) == (["b/c.md"], 1, ["data/x.csv"])
    assert os.stat(folder / "a.md").st_mtime_ns == old - 10**9
    assert (folder / "b/c.md").read_text() == "changed" and not (folder / "data").exists()
    assert json.loads((folder / MARKER).read_text()) == ["a.md", "b/c.md"]


def test_a_folder_with_files_and_no_marker_is_not_ours_and_is_left_as_it_is(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.md").write_text("keep me")
    with pytest.raises(PagesError, match="not a folder Sourcebook wrote"):
        write_pages({"notes.md": "overwritten", "a.md": "x"}, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.md"] and (folder / "notes.md").read_text() == "keep me"


@pytest.mark.parametrize("where", ["content", "content/sub", "."], ids=["is", "sits-in", "holds"])
def test_a_folder_that_is_holds_or_sits_in_the_hand_written_pages_is_refused(tmp_path, where):
    content = tmp_path / "content"
    content.mkdir()
    (content / "guide.md").write_text("hand-written")
    with pytest.raises(PagesError, match="writing there would overwrite it"):
        write_pages({"guide.md": "generated"}, tmp_path / where, guard=[content])
    assert (content / "guide.md").read_text() == "hand-written"


def test_a_path_outside_the_folder_is_refused(tmp_path):
    with pytest.raises(PagesError, match="outside the pages folder"):
        write_pages({"../escape.md": "x"}, tmp_path / "pages")
    assert not (tmp_path / "escape.md").exists()


def test_the_summary_lists_home_the_indexes_and_the_hand_written_pages():
    pages = {"articles/index.md": "", "actors/index.md": "", "articles/a.md": "", "outlets/index.md": ""}
    assert summary(pages, ["index.md", "guide.md", "assets/x.css", "format.md"]).splitlines() == [
        "* [Home](index.md)", "* [Articles](articles/index.md)", "* [Actors](actors/index.md)",
        "* [Outlets](outlets/index.md)", "* [Format](format.md)", "* [Guide](guide.md)"]
