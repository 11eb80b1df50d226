"""Benchmark: how long the lab takes to redraw after one slider change, retraining 10,000 steps included.

Drives the widgets in the kernel, as a slider change from the browser does, and times from setting the
value to the moment every output (numbers, diagram, loss curve, message) holds its new content.

Run: python tests/benchmarks/bench_lab.py
"""
import statistics
import time

from helpers.lab import MAX_STEPS, Lab

ROUNDS = 5


def changes(lab):
    """One small move of each control, as a learner makes them: (label, control, new value)."""
    for name, slider in lab.sliders.items():
        yield name, slider, round(slider.value + 0.01, 2)
    yield "learning rate", lab.learning_rate, round(lab.learning_rate.value + 0.05, 2)
    yield "steps", lab.steps, MAX_STEPS if lab.steps.value < MAX_STEPS else MAX_STEPS - 1
    yield "hidden layer uses", lab.hidden_uses, "published" if lab.hidden_uses.value == "described" else "described"


def main():
    lab = Lab(steps=MAX_STEPS)
    times = {}
    for _ in range(ROUNDS):
        for label, control, value in list(changes(lab)):
            start = time.perf_counter()
            control.value = value
            times.setdefault(label, []).append(time.perf_counter() - start)
    every = [t for ts in times.values() for t in ts]
    print(f"redraw after one change ({ROUNDS} rounds over {len(times)} controls, training {MAX_STEPS:,} steps):")
    for label, ts in times.items():
        print(f"  {label:18} median {1000 * statistics.median(ts):6.1f} ms")
    print(f"median over all {len(every)} changes: {1000 * statistics.median(every):.1f} ms "
          f"(slowest {1000 * max(every):.1f} ms)")


if __name__ == "__main__":
    main()
