"""How the remote-resource rule's time grows with pathological text: for each shape, the time for n and
for 2n copies, and their ratio (about 2 when the time grows with the text, about 4 with its square).

    .venv/bin/python benchmarks/regex_growth.py [--copies N]
"""

from __future__ import annotations

import argparse
import time

from plancc.rules.resources import remote_urls

SHAPES = {"<img ": "<img ", "![": "![", "![a](": "![a](", "<img src=": "<img src=", "<img ![x](": "<img ![x]("}


def _seconds(text: str, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        list(remote_urls(text))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--copies", type=int, default=32000)
    n = parser.parse_args().copies
    for name, unit in SHAPES.items():
        one, two = _seconds(unit * n), _seconds(unit * 2 * n)
        print(f"{name!r:14} n={n}: {one * 1000:7.1f} ms   2n: {two * 1000:7.1f} ms   ratio {two / one:4.1f}")


if __name__ == "__main__":
    main()
