"""A project's rules folder, as a run uses it: the rules files (`rules.read_rules`) and
the reviews kept in its `accepted.yaml` (`review.accepted`).

The two are read by their own packages, and joined here, above both: the review package
derives its keys with the stages, which read the rules, so the rules never import it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from factcheck.review.accepted import load_accepted
from factcheck.rules import Rules, read_rules


def load_rules(directory: str | Path | None = None) -> Rules:
    """The validated rules in `directory` (the packaged defaults when None; a file missing
    from it falls back to the packaged one), with the reviews in its `accepted.yaml`,
    which is the project's own record and never packaged. Errors are `RulesError`s
    naming the file and line.

    >>> rules = load_rules()
    >>> any(topic.name == "deaths" for topic in rules.topics), rules.accepted
    (True, ())
    """
    rules = read_rules(directory)
    if directory is None:
        return rules
    return replace(rules, accepted=load_accepted(directory))
