"""The extractor's English words as data (src/factcheck/extract/english.yaml): the
packaged file passes its checks, and a broken file fails with the file, line and section."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from factcheck.extract.words import NUMBER_MAPS, QUALIFIER_MAPS, SETS, WORDS, WordsError, load_words, parse_words

PACKAGED = resources.files("factcheck.extract").joinpath("english.yaml").read_text(encoding="utf-8")


def test_the_packaged_words_hold_every_section_the_code_reads():
    assert set(WORDS.sets) == set(SETS)
    assert set(NUMBER_MAPS) | set(QUALIFIER_MAPS) <= set(WORDS.maps)
    assert WORDS.maps["scales"]["crore"] == 10_000_000  # the Indian scale words count like the others
    assert "second" not in WORDS.maps["denominators"]  # "one second" is a duration, no fraction


def test_every_denominator_divides_a_whole():
    assert all(isinstance(value, int) and value >= 2 for value in WORDS.maps["denominators"].values())


def edited(section, key, value):
    """The packaged words with one entry replaced, as text."""
    data = yaml.safe_load(PACKAGED)
    data[section][key] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize(("text", "message"), [
    pytest.param(edited("sets", "stopwords", ["the", "of", "the"]), "stopwords: 'the' is listed twice",
                 id="a-word-twice"),
    pytest.param(edited("sets", "stopwords", ["The"]), "stopwords: 'The' must be lower case", id="upper-case"),
    pytest.param(edited("sets", "stopwords", []), "stopwords: must be a non-empty list", id="an-empty-list"),
    pytest.param(edited("maps", "scales", {"lakh": "a hundred thousand"}), "must be a number", id="a-scale-in-words"),
    pytest.param(edited("maps", "qualifier_phrases", {"about": "roughly"}), "'roughly' must be one of",
                 id="an-unknown-qualifier"),
    pytest.param(edited("sets", "colours", ["red"]), "colours: no such list", id="an-unknown-list"),
    pytest.param(PACKAGED.replace("  stopwords:", "  stopword_list:"), "the list 'stopwords' is missing",
                 id="a-missing-list"),
    pytest.param("sets: [\n", "not valid YAML", id="not-yaml"),
])
def test_a_broken_words_file_names_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "english.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WordsError) as raised:
        load_words(path)
    assert str(path) in str(raised.value) and message in str(raised.value)


def test_an_error_names_the_line_of_the_section():
    text = PACKAGED.replace("    [approx, apr,", "    [approx, approx, apr,", 1)
    with pytest.raises(WordsError) as raised:
        parse_words(text, "english.yaml")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "[approx, approx" in row)
    assert str(raised.value).startswith(f"english.yaml:{line}: sentence_abbreviations:")
