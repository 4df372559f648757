"""Build the benchmark corpus: the seed texts, repeated with their figures varied, until
the corpus reaches the size asked for (default 10 MB). Deterministic for a given seed.
Dates are kept as written (a year varied at random would become a four-digit count),
so the corpus reads like news: its dates are dates and its figures are figures.

    python bench/make_corpus.py [--size-mb 10] [--out bench/out/corpus]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGITS = re.compile(r"\d")
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
AFTER_MONTH = re.compile(MONTH + r"\s*$")
BEFORE_MONTH = re.compile(r"(?:st|nd|rd|th)?\s+" + MONTH)


def is_date_part(text: str, match: re.Match) -> bool:
    """Years, days of a month and clock times: dates stay dates, as in real news."""
    number = match.group(0)
    if ":" in number:
        return True  # "17:22"
    if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099:
        return True  # a year; "1990s", "2021-2027" too
    return bool(AFTER_MONTH.search(text[max(0, match.start() - 12):match.start()])
                or BEFORE_MONTH.match(text, match.end()))


def vary_figures(text: str, rng: random.Random) -> str:
    """Replace each digit of each figure with another, keeping the layout (separators,
    lengths) intact; dates and clock times are kept as written."""
    def vary(match: re.Match) -> str:
        if is_date_part(text, match):
            return match.group(0)
        number = match.group(0)
        return DIGITS.sub(lambda d: str(rng.randint(1 if d.start() == 0 or not number[d.start() - 1].isdigit() else 0,
                                                     9)), number)
    return NUMBER.sub(vary, text)


def build(size_bytes: int, out: Path, seed: int = 7) -> list[Path]:
    sources = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    written, total, index = [], 0, 0
    while total < size_bytes:
        text = vary_figures(texts[index % len(texts)], rng)
        path = out / f"doc{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        total += len(text.encode("utf-8"))
        index += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "corpus")
    args = parser.parse_args()
    files = build(int(args.size_mb * 1_000_000), args.out)
    size = sum(p.stat().st_size for p in files)
    print(f"corpus: {len(files)} documents, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
