"""Time lessons 08-12 under nbval, as the test suite runs them. Target: well under 20 s together.

The time counted is what pytest reports for the notebooks' cells (kernel start, every cell, shutdown).
The wall clock also includes starting pytest and its plugins (nbformat's schema checks, hypothesis:
some 4 s here), which the whole suite pays once.

Run from the repository root: python tests/benchmarks/bench_lessons_08_12.py
"""
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 20.0
ROOT = Path(__file__).resolve().parents[2]
LESSONS = ["08_matrix_form", "09_learning_the_biases", "10_gradient_checking", "11_autodiff", "12_xor"]


def main():
    notebooks = [f"notebooks/{name}.ipynb" for name in LESSONS]
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "--durations=0", *notebooks], cwd=ROOT,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    per_lesson = {name: 0.0 for name in LESSONS}
    for line in result.stdout.splitlines():
        for name in LESSONS:
            if f"{name}.ipynb::" in line and line.split()[0].endswith("s"):
                per_lesson[name] += float(line.split()[0][:-1])
    for name, spent in per_lesson.items():
        print(f"{name:24s} {spent:5.1f} s")
    total = sum(per_lesson.values())
    met = total < TARGET_SECONDS and result.returncode == 0
    print(f"{'all five':24s} {total:5.1f} s   target < {TARGET_SECONDS:.0f} s   {'ok' if met else 'NOT MET'}")
    print(f"{'wall clock with pytest':24s} {seconds:5.1f} s")
    return 0 if met else 1

if __name__ == "__main__":
    sys.exit(main())
