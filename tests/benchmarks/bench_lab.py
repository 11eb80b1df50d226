"""Benchmark: how quickly the lab answers, in the kernel and in a browser.

In the kernel: the time from setting one control's value to the moment every output (numbers,
diagram, loss curve, message) holds its new content, training 10,000 steps included.

With --browser (needs chromium and chromium-driver): one Voila server serves the lab and a bare page
with 11 sliders side by side, in turns, to headless Chromium at 1400×900, and measures
- the time from opening each page to a working slider (a key press on it changes what the page shows),
  and their ratio;
- on the lab, from a key press on a slider to each output updated in the page (numbers, diagram, curve).

Run: python tests/benchmarks/bench_lab.py [--browser]
"""
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.lab import MAX_STEPS, Lab

ROUNDS = 5
ROOT = Path(__file__).resolve().parents[2]
BARE = """import ipywidgets as widgets

sliders = [widgets.FloatSlider(description=f"s{k}").add_class(f"bench-{k}") for k in range(11)]
shown = widgets.HTML("0.00").add_class("bench-shown")
for slider in sliders:
    slider.observe(lambda change: setattr(shown, "value", f"{change.new:.2f}"), names="value")
widgets.VBox([*sliders, shown])"""


def changes(lab):
    """One small move of each control, as a learner makes them: (label, control, new value)."""
    for name, slider in lab.sliders.items():
        yield name, slider, round(slider.value + 0.01, 2)
    yield "learning rate", lab.learning_rate, lab.learning_rate.value * 1.12
    yield "steps", lab.steps, MAX_STEPS if lab.steps.value < MAX_STEPS else MAX_STEPS - 1
    yield "variant", lab.variant, "published" if lab.variant.value == "described" else "described"


def in_the_kernel():
    lab = Lab()
    lab.preparing.join()
    times = {}
    for _ in range(ROUNDS):
        for label, control, value in list(changes(lab)):
            start = time.perf_counter()
            control.value = value
            times.setdefault(label, []).append(time.perf_counter() - start)
    every = [t for ts in times.values() for t in ts]
    print(f"redraw in the kernel after one change ({ROUNDS} rounds over {len(times)} controls, "
          f"training {MAX_STEPS:,} steps):")
    for label, ts in times.items():
        print(f"  {label:14} median {1000 * statistics.median(ts):6.1f} ms")
    print(f"median over all {len(every)} changes: {1000 * statistics.median(every):.1f} ms "
          f"(slowest {1000 * max(every):.1f} ms)")


WATCH = """
window.benchTimes = {};
document.addEventListener('keydown', () => { window.benchTimes = {key: performance.now()}; }, true);
for (const part of ['key-numbers', 'numbers', 'diagram', 'curve']) {
    const element = document.querySelector('.lab-' + part);
    new MutationObserver(() => { window.benchTimes[part] = performance.now(); })
        .observe(element, {childList: true, subtree: true, characterData: true});
}"""


def press(driver, selector, key):
    from selenium.webdriver.common.by import By
    handle = driver.find_element(By.CSS_SELECTOR, selector + " .noUi-handle")
    handle.click()
    handle.send_keys(key)


def time_to_working_slider(driver, url, slider, output):
    """Seconds from opening `url` to a key press on `slider` changing the text of `output`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, 120, 0.02).until(lambda d: d.find_elements(By.CSS_SELECTOR, slider + " .noUi-handle"))
    before = driver.find_element(By.CSS_SELECTOR, output).text
    press(driver, slider, Keys.ARROW_RIGHT)
    WebDriverWait(driver, 120, 0.02).until(lambda d: d.find_element(By.CSS_SELECTOR, output).text != before)
    return driver.execute_script("return performance.now()") / 1000


def key_press_latencies(driver, presses=15):
    """Milliseconds from each key press on w5 to each output of the lab updated in the page."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.webdriver.common.by import By
    WebDriverWait(driver, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-curve svg"))
    driver.execute_script(WATCH)
    latencies = {}
    for k in range(presses):
        press(driver, ".lab-w5", Keys.ARROW_RIGHT if k % 2 == 0 else Keys.ARROW_LEFT)
        WebDriverWait(driver, 10, 0.01).until(lambda d: len(d.execute_script("return window.benchTimes")) == 5)
        time.sleep(0.3)  # let any later update land
        marks = driver.execute_script("return window.benchTimes")
        for part in ("key-numbers", "numbers", "diagram", "curve"):
            latencies.setdefault(part, []).append(marks[part] - marks["key"])
    return latencies


def in_the_browser():
    from selenium import webdriver
    folder = Path(tempfile.mkdtemp(prefix="bench-lab-"))
    shutil.copy(ROOT / "notebooks" / "07_interactive_lab.ipynb", folder / "lab.ipynb")
    shutil.copy(ROOT / "voila.json", folder / "voila.json")
    bare = {"cells": [{"cell_type": "code", "metadata": {}, "source": BARE, "outputs": [], "execution_count": None}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}
    (folder / "bare.ipynb").write_text(json.dumps(bare))
    port = 8873
    server = subprocess.Popen([sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                               "--token=bench", "--MappingKernelManager.cull_idle_timeout=10",
                               "--MappingKernelManager.cull_interval=5"], cwd=folder,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(shutil.which("chromedriver")))
    try:
        time.sleep(4)
        page = f"http://127.0.0.1:{port}/voila/render/{{}}.ipynb?token=bench"
        starts = {"bare": [], "lab": []}
        for _ in range(ROUNDS + 1):  # the first round warms the disk cache and is not counted
            for name, slider, output in (("bare", ".bench-0", ".bench-shown"), ("lab", ".lab-w5", ".lab-key-numbers")):
                starts[name].append(time_to_working_slider(driver, page.format(name), slider, output))
        bare, lab = (statistics.median(starts[name][1:]) for name in ("bare", "lab"))
        print(f"time to a working slider in Voila, median of {ROUNDS} turns each: bare page with 11 sliders "
              f"{bare:.2f} s, lab {lab:.2f} s, ratio {lab / bare:.2f}")
        latencies = key_press_latencies(driver)
        print("key press on w5 to each output updated in the page (median, slowest) over "
              f"{len(latencies['curve'])} presses:")
        for part, ms in latencies.items():
            print(f"  {part:12} {statistics.median(ms):6.1f} ms  {max(ms):6.1f} ms")
    finally:
        driver.quit()
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    in_the_kernel()
    if "--browser" in sys.argv:
        in_the_browser()
