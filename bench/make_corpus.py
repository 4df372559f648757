"""Build the benchmark corpus: the seed texts, repeated with their figures varied, until
the corpus reaches the size asked for (default 10 MB). Deterministic for a given seed.

    python bench/make_corpus.py [--size-mb 10] [--out bench/out/corpus]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGITS = re.compile(r"\d")


def vary_figures(text: str, rng: random.Random) -> str:
    """Replace each digit with another, keeping the layout (separators, lengths) intact."""
    return DIGITS.sub(lambda m: str(rng.randint(1 if m.start() == 0 or not text[m.start() - 1].isdigit() else 0, 9)),
                      text)


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
