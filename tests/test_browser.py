"""The lab in a real browser: JupyterLab and Voila serve a copy of the lesson to headless Chromium.

In each, the learning-rate slider is moved one step with the keyboard, and the page must then show
the numbers the helpers compute for the new learning rate; every part of the lab must lie inside
the first 1400×900 screen, and in Voila every link on the page must answer. With LAB_SCREENSHOTS set
to a folder, the tests save screenshots there. Needs Debian's chromium and chromium-driver; without
them the tests skip, except in CI (CI=true), where they fail.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import math
import urllib.request
from pathlib import Path

import pytest

from helpers import EXAMPLE, network
from helpers.lab import LEARNING_RATE_STEP, MAX_STEPS

TOKEN = "lab-browser-test"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "07_interactive_lab.ipynb"
# One press of the right arrow from 0.5: the slider moves 10**x in steps of x, and 0.5 sits between two of
# them (x = -0.30103), so the press lands on the next step up, x = -0.25.
NEXT_LEARNING_RATE = 10 ** ((round(math.log10(0.5) / LEARNING_RATE_STEP) + 1) * LEARNING_RATE_STEP)
SCREEN = (1400, 900)
# What must be on the first screen: the eleven sliders, the diagram, the key numbers, the curve, the message.
ONE_SCREEN = [*(f".lab-{name} .noUi-handle, .lab-{name} .slider-container" for name in
                ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2", "learning-rate")),
              ".lab-diagram svg", ".lab-key-numbers table", ".lab-curve svg", ".lab-message"]

if not (BROWSER and DRIVER):
    reason = ("no headless browser: install Debian's chromium and chromium-driver "
              "(apt-get install -y chromium chromium-driver)")
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser test is mandatory in CI, but there is {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once a browser is known to exist)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, folder, log):
    """Start a server from `folder`; its output goes to `log`."""
    return subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def wait_until_serving(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"nothing served at {url} within {seconds} s")


def stop(process):
    """Stop a server by its PID: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """JupyterLab and Voila, both started at once, each on a copy of the lesson (and Voila's settings)
    in a temporary folder."""
    folder = tmp_path_factory.mktemp("lab-lesson")
    shutil.copy(LESSON, folder / LESSON.name)
    shutil.copy(ROOT / "voila.json", folder / "voila.json")
    lab_port, voila_port = free_port(), free_port()
    root = ["--allow-root"] if os.geteuid() == 0 else []
    log = open(folder / "servers.log", "wb")
    lab = start([sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1", f"--port={lab_port}",
                 "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={folder}",
                 f"--LabApp.workspaces_dir={folder / 'workspaces'}",
                 f"--LabApp.user_settings_dir={folder / 'settings'}", *root], folder, log)
    voila = start([sys.executable, "-m", "voila", LESSON.name, "--no-browser", "--Voila.ip=127.0.0.1",
                   f"--port={voila_port}", "--Voila.port_retries=0", f"--token={TOKEN}"], folder, log)
    try:
        wait_until_serving(f"http://127.0.0.1:{lab_port}/api/status?token={TOKEN}", lab)
        wait_until_serving(f"http://127.0.0.1:{voila_port}/voila/static/voila.js", voila)
        yield {"lab": f"http://127.0.0.1:{lab_port}/lab/tree/{LESSON.name}?token={TOKEN}&reset",
               "lab_api": f"http://127.0.0.1:{lab_port}", "voila": f"http://127.0.0.1:{voila_port}/?token={TOKEN}"}
    finally:
        stop(lab)
        stop(voila)
        log.close()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    width, height = SCREEN
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.quit()


def screenshot(driver, name):
    if os.environ.get("LAB_SCREENSHOTS"):
        folder = Path(os.environ["LAB_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(folder / f"{name}.png"))


def shown(driver):
    """name -> number, as the lab's detailed tables show them in the page."""
    return driver.execute_script("""
        const rows = {};
        for (const tr of document.querySelectorAll('.lab-numbers tr')) {
            const cells = tr.querySelectorAll('td');
            if (cells.length === 2) rows[cells[0].textContent] = cells[1].textContent;
        }
        return rows;""")


def outside_the_first_screen(driver):
    """The parts of the lab (by selector) not wholly inside the first screen, with where they are."""
    return driver.execute_script("""
        const [width, height] = [window.innerWidth, window.innerHeight], outside = {};
        for (const selector of arguments[0]) {
            const element = document.querySelector(selector);
            if (!element) { outside[selector] = 'missing'; continue; }
            const box = element.getBoundingClientRect();
            if (box.top < 0 || box.left < 0 || box.bottom > height || box.right > width || box.height === 0)
                outside[selector] = [box.left, box.top, box.right, box.bottom].map(Math.round).join(',');
        }
        return outside;""", ONE_SCREEN)


def expected_after_one_key_press():
    stepped = network.train_step(EXAMPLE, NEXT_LEARNING_RATE)
    run = network.train(EXAMPLE, MAX_STEPS, NEXT_LEARNING_RATE)
    return {"w5_new": f"{stepped.w5:.9g}", "w1_new": f"{stepped.w1:.9g}",
            f"E_total_after_{MAX_STEPS}_updates": f"{run.errors[-1]:.9g}"}


def press_right_on_the_learning_rate(driver):
    handle = driver.find_element(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle")
    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT)


def wait_for(driver, want, seconds=30):
    """Wait until the page shows exactly `want` (an intermediate value may show first)."""
    WebDriverWait(driver, seconds).until(lambda d: all(shown(d).get(k) == v for k, v in want.items()),
                                         message=f"the page did not show {want}")


def check_the_learning_rate_slider(driver):
    start = {f"E_total_after_{MAX_STEPS}_updates": f"{network.train(EXAMPLE, MAX_STEPS).errors[-1]:.9g}",
             "w5_new": f"{network.train_step(EXAMPLE).w5:.9g}"}
    wait_for(driver, start, seconds=120)  # sympy writes the training loop in the background first
    press_right_on_the_learning_rate(driver)
    wait_for(driver, expected_after_one_key_press())


def run_all_cells(driver):
    wait = WebDriverWait(driver, 60)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook-ExecutionIndicator[data-status='idle']"))
    run_menu = next(item for item in driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item")
                    if item.text.strip() == "Run")
    run_menu.click()
    wait.until(lambda d: [i for i in d.find_elements(By.CSS_SELECTOR, ".lm-Menu-item") if "Run All Cells" in i.text])
    next(i for i in driver.find_elements(By.CSS_SELECTOR, ".lm-Menu-item") if "Run All Cells" in i.text).click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle"))


def scroll_the_lab_to_the_top(driver):
    driver.execute_script("document.querySelector('.lab').scrollIntoView({block: 'start'});")
    time.sleep(0.5)


def test_the_stored_lab_asks_to_run_the_cells(servers, browser):
    browser.get(servers["lab"])
    WebDriverWait(browser, 60).until(lambda d: "Run All Cells" in d.find_element(By.TAG_NAME, "body").text)
    assert "VBox(children" not in browser.find_element(By.TAG_NAME, "body").text


def test_jupyterlab_runs_the_lesson_and_the_slider_moves_the_numbers(servers, browser):
    browser.get(servers["lab"])
    run_all_cells(browser)
    check_the_learning_rate_slider(browser)
    scroll_the_lab_to_the_top(browser)
    screenshot(browser, "jupyterlab-light")
    assert browser.find_element(By.CSS_SELECTOR, ".jp-FileBrowser").is_displayed(), "the file browser is open"
    assert outside_the_first_screen(browser) == {}


def test_jupyterlab_dark_theme(servers, browser):
    request = urllib.request.Request(
        f"{servers['lab_api']}/lab/api/settings/@jupyterlab/apputils-extension:themes?token={TOKEN}",
        data=b'{"raw": "{\\"theme\\": \\"JupyterLab Dark\\"}"}', method="PUT",
        headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()
    browser.get(servers["lab"])
    run_all_cells(browser)
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-curve svg"))
    scroll_the_lab_to_the_top(browser)
    screenshot(browser, "jupyterlab-dark")
    assert browser.execute_script("return document.body.dataset.jpThemeLight") == "false"
    assert outside_the_first_screen(browser) == {}


def test_voila_serves_the_lab_as_a_page_and_the_slider_moves_the_numbers(servers, browser):
    browser.get(servers["voila"])
    WebDriverWait(browser, 90).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle"))
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "How to read this" in text
    for notebook_only in ("from helpers.lab import Lab", "Exercises", "Recap", "def train_loop", "Next:"):
        assert notebook_only not in text, notebook_only
    assert browser.title == "Interactive lab · Backprop, step by step"
    check_the_learning_rate_slider(browser)
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-curve svg"))
    screenshot(browser, "voila")
    assert outside_the_first_screen(browser) == {}


def test_every_link_on_the_voila_page_answers(servers, browser):
    browser.get(servers["voila"])
    WebDriverWait(browser, 90).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle"))
    links = browser.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href);")
    here = servers["voila"].split("/?")[0]
    for link in links:  # a link to another lesson would answer 403: Voila serves only this notebook
        assert link.startswith(here), f"a link away from the page's server: {link}"
        with urllib.request.urlopen(link, timeout=10) as answer:
            assert answer.status < 400, link
