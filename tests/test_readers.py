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
    assert [f.source for f in discover_sources([tmp_path])] == ["a.txt", "b.md", "d.pdf", "f.html", "g.docx",
                                                                "sub/c.txt"]


def test_discovery_of_a_single_file_names_it(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("x", encoding="utf-8")
    assert [f.source for f in discover_sources([path])] == ["note.txt"]


def test_several_roots_keep_names_unique(tmp_path):
    for folder in ("left", "right"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("x", encoding="utf-8")
    names = [f.source for f in discover_sources([tmp_path / "left", tmp_path / "right"])]
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
    documents, problems = read_sources(discover_sources([tmp_path]))
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

