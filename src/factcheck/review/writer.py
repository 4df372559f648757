"""Writing `rules/accepted.yaml`: rendered by `review.accepted`, read back to make sure
every review survives the trip, then put in place atomically (`factcheck.writing`),
keeping the file's permissions.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.model import Review
from factcheck.review.accepted import parse_accepted, render_accepted
from factcheck.schema import RulesError
from factcheck.writing import write_atomically


def write_accepted(path: Path, reviews: tuple[Review, ...] | list[Review]) -> None:
    """Write the reviews to `path` through a temporary file and a rename. The text is
    read back before it replaces the old file, so a review that would not survive the
    trip is a `ValueError` naming the file, not a loss."""
    text = render_accepted(reviews)
    try:
        read_back = frozenset(parse_accepted(text, str(path)))
    except RulesError as error:  # a value the file cannot hold (a blank reviewer)
        raise ValueError(f"{path}: the reviews would not read back: {error.message}") from None
    if read_back != frozenset(reviews):
        raise ValueError(f"{path}: the reviews would not read back as written")
    write_atomically(path, text.encode("utf-8"))
