#!/usr/bin/env python3
"""Sweep many re-typeset copies of the seed through the parser; prints figures, exits 1 if one fails.

Run from anywhere:  .venv/bin/python scripts/benchmark_layouts.py [--copies N] [--seed S]

Each copy is the seed set by scripts/edition/retypeset.py at a random measure (24..90 em),
page length (10..75 lines), note measure, space width (0..0.6 em), back-matter order,
with or without the English on a page of its own, blank lines and page-start spaces. A
copy passes when, once the paragraph boundaries it reports as open are settled as the seed
reads, it gives the seed's document: every sentence, note, heading, URL and paragraph
boundary. The figures: copies by order and space width, boundaries reported per copy.
The test suite runs a fixed corpus of 42 copies (tests/test_retypeset.py); this is the
larger sweep.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter

from trump2_web_edition.edition.convert import DEFAULT_SOURCE
from trump2_web_edition.edition.parse import parse_file
from trump2_web_edition.edition.retypeset import BACK_MATTER_ORDERS, PageSetup, layout_free, retypeset, settle_copy

SPACE_WIDTHS = (0.0, 0.125, 0.25, 1 / 3, 0.5)


def random_layout(rng: random.Random) -> PageSetup:
    width = rng.randint(24, 90)
    return PageSetup(
        width=width,
        lines_per_page=rng.randint(10, 75),
        note_width=rng.choice([width * 1.15, 48.0, float(width), rng.uniform(30, 100)]),
        seed=rng.randint(0, 9999),
        space_width=rng.choice([*SPACE_WIDTHS, rng.uniform(0, 0.6)]),
        back_matter=rng.choice(BACK_MATTER_ORDERS),
        english_on_new_page=rng.random() < 0.4,
        blank_ratio=rng.choice([0.0, 0.5, 0.8, 1.0]),
        block_ratio=rng.choice([0.0, 0.03, 0.1]),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=500, help="how many copies (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="the random layouts' seed (default: %(default)s)")
    args = parser.parse_args()
    seed = parse_file(DEFAULT_SOURCE)
    expected = layout_free(seed)
    rng = random.Random(args.seed)
    reported: list[int] = []
    orders: Counter[str] = Counter()
    spaces: Counter[str] = Counter()
    failures: list[str] = []
    start = time.perf_counter()
    for index in range(args.copies):
        layout = random_layout(rng)
        orders[layout.back_matter + (" + English on its own page" if layout.english_on_new_page else "")] += 1
        spaces[f"{layout.space_width:.2f}" if layout.space_width in SPACE_WIDTHS else "other"] += 1
        name = f"copy {index}: {layout}"
        try:
            parsed, count = settle_copy(seed, retypeset(seed, layout).encode("utf-8"), name)
        except Exception as error:  # report and go on: the sweep is for figures
            failures.append(f"{name}: {type(error).__name__}: {error}")
            continue
        reported.append(count)
        if layout_free(parsed.document) != expected:
            failures.append(f"{name}: a different document")
    seconds = time.perf_counter() - start
    print(f"{args.copies} copies (seed {args.seed}) in {seconds:.1f} s")
    for order, count in sorted(orders.items()):
        print(f"  {count:5d}  {order}")
    print("  space widths (em): " + ", ".join(f"{width}: {count}" for width, count in sorted(spaces.items())))
    if reported:
        histogram = ", ".join(f"{k}: {v}" for k, v in sorted(Counter(reported).items()))
        print(
            f"open paragraph boundaries reported per copy: mean {statistics.mean(reported):.2f}, "
            f"max {max(reported)} (copies by count: {histogram})"
        )
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
