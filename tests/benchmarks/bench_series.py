"""How long nbval takes to re-execute and compare every notebook (the series' target: 60 s on 2 cores).

Run from the repository root:  python tests/benchmarks/bench_series.py [repeats]
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def time_nbval():
    """Wall-clock seconds for one `pytest notebooks` run (nbval), which must pass."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "notebooks"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(repeats=3):
    times = [time_nbval() for _ in range(repeats)]
    notebooks = len(list((ROOT / "notebooks").glob("*.ipynb")))
    print(f"nbval over {notebooks} notebooks: median {statistics.median(times):.1f} s, "
          f"runs {', '.join(f'{t:.1f}' for t in times)} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
