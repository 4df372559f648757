"""Regular expressions built from word lists: a list of words as one trie-shaped
alternation, shared by the number grammar, the scanner and the frame stage."""

from __future__ import annotations

import re


def word_alternation(words: list[str] | set[str]) -> str:
    """A regular expression that matches any of `words`, written as a trie: shared
    prefixes are factored out, so at each position the engine tries each first letter
    once instead of every word in turn (twice as fast on a long list).

    >>> word_alternation(["ten", "tens", "two"])
    't(?:en(?:s)?|wo)'
    >>> bool(re.fullmatch(word_alternation(["a.m", "am"]), "a.m"))
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    return _trie_expression(trie)


def _trie_expression(node: dict) -> str:
    branches = [re.escape(character) + _trie_expression(child) for character, child in sorted(node.items())
                if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word may end here: the longer words are tried first, the group is optional
    return f"(?:{body})?" if "" in node else body
