"""The read stage: decoding and discovery, and every bad-input case as a Problem."""

from __future__ import annotations

import pytest

from factcheck.model import Document, Problem
from factcheck.readers import PathNotFoundError, decode_source, discover_sources, read_sources

DECODE_CASES = [
    pytest.param(b"plain text\n", "text", "plain text\n", id="utf8"),
    pytest.param(b"one\r\ntwo\rthree", "text", "one\ntwo\nthree", id="universal-newlines"),
    pytest.param("\ufeffbom first".encode("utf-8"), "text", "\ufeffbom first", id="bom-kept-like-python-reads-it"),
    pytest.param(b"", "empty", None, id="empty"),
    pytest.param(b"  \n\t\n", "empty", None, id="whitespace-only"),
    pytest.param(b"PK\x03\x04\x00\x00binary", "binary", None, id="binary-nul-bytes"),
    # bytes that no encoding fits: every high byte once, three times over
    pytest.param(b"line one\n" + bytes(range(0x80, 0x100)) * 3, "undecodable", None, id="undecodable"),
    pytest.param("The toll rose to 40.".encode("utf-16"), "text", "The toll rose to 40.", id="utf-16-with-bom"),
    # UTF-16 without its byte order mark: its NUL bytes alternate, so it is text, not binary
    pytest.param("The Orvald toll rose to 40 dead.".encode("utf-16-le"), "text", "The Orvald toll rose to 40 dead.",
                 id="utf-16-le-without-bom"),
    pytest.param("The Orvald toll rose to 40 dead.".encode("utf-16-be"), "text", "The Orvald toll rose to 40 dead.",
                 id="utf-16-be-without-bom"),
    pytest.param("The Orvald toll rose to 40.".encode("utf-16-le") + b"\x00\xd8", "undecodable", None,
                 id="utf-16-le-without-bom-cut-in-a-surrogate"),
    pytest.param(bytes(range(256)) * 4, "binary", None, id="nul-bytes-that-do-not-alternate"),
    pytest.param("Цена выросла на 100 рублей, сообщил министр.".encode("cp1251"), "text",
                 "Цена выросла на 100 рублей, сообщил министр.", id="cp1251-guessed"),
    pytest.param("Les dégâts sont estimés à 5 millions d'euros, a déclaré le préfet.".encode("latin-1"), "text",
                 "Les dégâts sont estimés à 5 millions d'euros, a déclaré le préfet.", id="latin-1-guessed"),
]


@pytest.mark.parametrize("data, outcome, text", DECODE_CASES)
def test_decode_source(data, outcome, text):
    result = decode_source(data, "doc.txt")
    if outcome == "text":
        assert isinstance(result, Document)
        assert result.text == text
    else:
        assert isinstance(result, Problem)
        assert result.reason.value == outcome
        assert result.source == "doc.txt"


def test_undecodable_problem_names_the_line():
    result = decode_source(b"ok\nstill ok\nbad " + bytes(range(0x80, 0x100)) * 3 + b"\n", "doc.txt")
    assert result.line == 3
    assert "line 3" in result.detail and "0x80" in result.detail


def test_discovery_recurses_for_the_formats_read(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.md", "sub/c.txt", "d.pdf", "e.json", "f.html", "g.docx", "h.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [f.source for f in discover_sources([tmp_path])[0]] == ["a.txt", "b.md", "d.pdf", "f.html", "g.docx",
                                                                "sub/c.txt"]


def test_discovery_of_a_single_file_names_it(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("x", encoding="utf-8")
    assert [f.source for f in discover_sources([path])[0]] == ["note.txt"]


def test_several_roots_keep_names_unique(tmp_path):
    for folder in ("left", "right"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("x", encoding="utf-8")
    names = [f.source for f in discover_sources([tmp_path / "left", tmp_path / "right"])[0]]
    assert names == ["left/same.txt", "right/same.txt"]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(PathNotFoundError, match="no such file or folder"):
        discover_sources([tmp_path / "nowhere"])


def test_bad_files_become_problems_and_the_rest_are_read(tmp_path):
    (tmp_path / "good.txt").write_text("The flood displaced 4,000 people.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 prices rose 5% this year".encode("latin-1"))
    (tmp_path / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 3)
    documents, problems = read_sources(discover_sources([tmp_path])[0])
    assert [d.source for d in documents] == ["good.txt", "latin1.md"]
    assert {(p.source, p.reason.value) for p in problems} == {
        ("empty.txt", "empty"), ("binary.txt", "binary"), ("noise.txt", "undecodable"),
        ("latin1.md", "encoding_guessed")}


@pytest.mark.parametrize(("data", "encoding"), [
    pytest.param(b"The toll rose to 40.", "utf-8", id="utf-8"),
    pytest.param("The toll rose to 40.".encode("utf-16"), "utf-16", id="utf-16"),
    pytest.param("Цена выросла на 100 рублей, сообщил министр.".encode("cp1251"), "cp1251", id="cp1251"),
])
def test_a_document_names_the_encoding_it_was_read_in(data, encoding):
    document = decode_source(data, "doc.txt")
    assert (document.format, document.encoding) == ("text", encoding)



# --- sources stay sources -------------------------------------------------------------
# A folder read as sources: factcheck's own output inside it is skipped, links are
# followed only while they stay inside it, and whatever cannot be walked is a problem
# naming the path, never a silent gap. Each case lays out `sources/` (and `outside/`).

A_REPORT = '{\n  "schema": "factcheck.report/1",\n  "sources": []\n}\n'


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _link(root, links):
    for name, target in links.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)


WALK_CASES = [
    pytest.param({"old-reports/report.json": A_REPORT, "old-reports/report.md": "40 people died."}, {}, (),
                 ["a.txt"], [], id="a-folder-holding-a-factcheck-report-is-skipped"),
    pytest.param({"out/notes.md": "40 people died."}, {}, ("out",), ["a.txt"], [], id="the-output-folder-is-skipped"),
    pytest.param({"out.md": "40 people died."}, {}, ("out.md",), ["a.txt"], [], id="the-output-file-is-skipped"),
    pytest.param({".factcheck-cache/entry.txt": "40 people died."}, {}, (), ["a.txt"], [],
                 id="the-claim-cache-is-skipped"),
    pytest.param({"data/report.json": '{"rows": [1, 2]}', "data/b.txt": "12 km."}, {}, (), ["a.txt", "data/b.txt"],
                 [], id="a-report-json-of-someone-else-does-not-hide-its-folder"),
    pytest.param({}, {"leak.txt": "../outside/secret.txt"}, (), ["a.txt"], [("leak.txt", "link_outside")],
                 id="a-link-to-a-file-outside-is-a-problem"),
    pytest.param({}, {"ext": "../outside"}, (), ["a.txt"], [("ext", "link_outside")],
                 id="a-link-to-a-folder-outside-is-a-problem"),
    pytest.param({}, {"alias.txt": "a.txt"}, (), ["a.txt", "alias.txt"], [],
                 id="a-link-inside-is-a-source-of-its-own-name"),
    pytest.param({"sub/b.txt": "12 km."}, {"sub/up": ".."}, (), ["a.txt", "sub/b.txt"], [("sub/up", "link_loop")],
                 id="a-link-back-to-a-parent-folder-is-a-loop"),
    pytest.param({}, {"x.txt": "y.txt", "y.txt": "x.txt"}, (), ["a.txt"],
                 [("x.txt", "link_loop"), ("y.txt", "link_loop")], id="a-cycle-of-links-is-a-loop"),
    pytest.param({}, {"gone.txt": "missing.txt"}, (), ["a.txt"], [("gone.txt", "unreadable")],
                 id="a-broken-link-is-unreadable"),
]


@pytest.mark.parametrize(("files", "links", "exclude", "sources", "problems"), WALK_CASES)
def test_a_folder_walk_keeps_to_the_sources(tmp_path, files, links, exclude, sources, problems):
    root = tmp_path / "sources"
    _write(root, {"a.txt": "The 2031 Orvald floods killed 40 people.", **files})
    _write(tmp_path / "outside", {"secret.txt": "Salaries rose by 12 percent."})
    _link(root, links)
    found, met = discover_sources([root], [root / name for name in exclude])
    assert [file.source for file in found] == sources
    assert [(problem.source, problem.reason.value) for problem in met] == problems


def test_a_folder_that_cannot_be_read_is_a_problem(tmp_path, monkeypatch):
    import os

    root = tmp_path / "sources"
    _write(root, {"a.txt": "40 people died.", "locked/b.txt": "12 km."})
    scandir = os.scandir

    def refusing(path):  # the error a folder without read permission gives (this may run as root)
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found, met = discover_sources([root])
    assert [file.source for file in found] == ["a.txt"]
    assert [(p.source, p.reason.value, p.detail) for p in met] == [
        ("locked", "unreadable", "the folder cannot be read: Permission denied")]
