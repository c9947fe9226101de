"""Compare two `make bench` results: the scale goal (100,000 offers against 1,000).

    .venv/bin/python bench/compare.py bench/results/<small>.json bench/results/<large>.json

Prints, for each page and mode, the p50 latency and throughput at both sizes and the ratio of
the large to the small p50 (the goal: filtered list and search within 2x), plus the pages' SQL
query counts at both sizes (the goal: identical).
"""

import json
import sys
from pathlib import Path


def load(path):
    report = json.loads(Path(path).read_text())
    return report, report["probe"]["offers"]


def main(small_path, large_path):
    small, small_offers = load(small_path)
    large, large_offers = load(large_path)
    print(f"{small_offers:,} offers ({small_path}) against {large_offers:,} offers ({large_path})")
    header = (
        f"{'mode':<7} {'page':<14} {'p50 small':>10} {'p50 large':>10} {'ratio':>6} "
        f"{'req/s small':>12} {'req/s large':>12} {'queries':>9}"
    )
    print(header)
    print("-" * len(header))
    for mode in [mode for mode in small.get("modes", ["cold", "cached"]) if mode in large]:
        for page, figures in small[mode]["pages"].items():
            other = large[mode]["pages"].get(page)
            if other is None:
                continue
            queries = "-"
            if page in small["probe"]["pages"]:
                queries = (
                    f"{small['probe']['pages'][page]['queries']}/"
                    f"{large['probe']['pages'][page]['queries']}"
                )
            print(
                f"{mode:<7} {page:<14} {figures['p50_ms']:8.1f}ms {other['p50_ms']:8.1f}ms "
                f"{other['p50_ms'] / figures['p50_ms']:5.1f}x {figures['rps']:12.0f} "
                f"{other['rps']:12.0f} {queries:>9}"
            )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
