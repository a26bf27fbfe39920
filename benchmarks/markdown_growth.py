"""How the time of rendering one Markdown field (markdown-it-py, then nh3, as plancc's markdown filter does)
grows with pathological text, and what a field of 5 MiB (the largest plan file plancc reads) would take.

    .venv/bin/python benchmarks/markdown_growth.py [--chars 262144]

For each shape, the CPU time at --chars / 16, / 4 and --chars; the smaller of the two ratios (about 4 when
the time grows with the text, about 16 with its square); and the time at 5 MiB projected from the largest at
that ratio's rate. The libraries are not plancc's: a ratio over 8 (exit 1) says one of them has become
quadratic; a projection over 20 seconds is a field long enough to need a limit of plancc's own.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from regex_growth import LIMIT, Shape, seconds

from plancc.render.markdown import markdown

S = Shape
PROSE = S("The partnership will cut *anti-social behaviour* by 10% with [the police](https://example.org/p).\n\n- a\n")
SHAPES = (S("["), S("!["), S("[a]("), S("[]("), S("[a\n"), S("]("), S("*a"), S("**a"), S("a*"), S("_a"), S("_*"),
          S("`"), S("``a"), S("<"), S("<a"), S("&"), S("&#"), S("\\"), S("> "), S("- > "), S("  - "), S("|a\n"),
          S("a|\n-|\n"), PROSE)
FIVE_MIB = 5 * 1024 * 1024
TARGET = 20.0  # seconds: the bound for check and render of any input


def _once(text: str) -> float:
    start = time.process_time()
    markdown(text)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chars", type=int, default=1 << 18)
    most = parser.parse_args().chars
    print(f"{'shape':28} {'n/4':>9} {'n':>9} {'4n':>9} {'ratio':>6} {'at 5 MiB':>10}")
    worst = 0.0
    for shape in SHAPES:
        small = seconds(markdown, shape.text(most // 16))
        times = [small, _once(shape.text(most // 4)), _once(shape.text(most))]
        ratio = min(times[1] / times[0], times[2] / times[1])
        projected = times[2] * (FIVE_MIB / most) ** math.log(max(ratio, 1.0), 4)
        worst = max(worst, ratio)
        flag = "  SUPER-LINEAR" if ratio > LIMIT else "  over 20 s" if projected > TARGET else ""
        print(f"{str(shape):28} {times[0]:>8.3f}s {times[1]:>8.3f}s {times[2]:>8.3f}s {ratio:>6.1f} "
              f"{projected:>9.0f}s{flag}", flush=True)
    return 1 if worst > LIMIT else 0


if __name__ == "__main__":
    sys.exit(main())
