"""The lab in a real browser: JupyterLab and Voila serve a copy of the lesson to headless Chromium.

In each, the learning-rate slider is moved one step with the keyboard, and the page must then show
the numbers the helpers compute for the new learning rate. Needs Debian's chromium and
chromium-driver; without them the tests skip, except in CI (CI=true), where they fail.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import EXAMPLE, network
from helpers.lab import MAX_STEPS

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "07_interactive_lab.ipynb"
TOKEN = "lab-browser-test"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
NEXT_LEARNING_RATE = 0.55  # one press of the right arrow from 0.5, the slider moving in steps of 0.05

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
    """JupyterLab and Voila, both started at once, each on a copy of the lesson in a temporary folder."""
    folder = tmp_path_factory.mktemp("lab-lesson")
    shutil.copy(LESSON, folder / LESSON.name)
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
               "voila": f"http://127.0.0.1:{voila_port}/?token={TOKEN}"}
    finally:
        stop(lab)
        stop(voila)
        log.close()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1200"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def shown(driver):
    """name -> number, as the lab's tables show them in the page."""
    return driver.execute_script("""
        const rows = {};
        for (const tr of document.querySelectorAll('.lab-numbers tr')) {
            const [name, value] = tr.querySelectorAll('td');
            rows[name.textContent] = value.textContent;
        }
        return rows;""")


def expected_after_one_key_press():
    stepped = network.train_step(EXAMPLE, NEXT_LEARNING_RATE)
    run = network.train(EXAMPLE, MAX_STEPS, NEXT_LEARNING_RATE)
    return {"w5_new": f"{stepped.w5:.9g}", "w1_new": f"{stepped.w1:.9g}",
            f"E_total_after_{MAX_STEPS}_updates": f"{run.errors[-1]:.9g}"}


def press_right_on_the_learning_rate(driver):
    handle = driver.find_element(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", handle)
    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT)


def wait_for(driver, want, seconds=30):
    """Wait until the page shows exactly `want` (an intermediate value may show first)."""
    WebDriverWait(driver, seconds).until(lambda d: all(shown(d).get(k) == v for k, v in want.items()),
                                         message=f"the page did not show {want}")


def check_the_learning_rate_slider(driver):
    start = {f"E_total_after_{MAX_STEPS}_updates": f"{network.train(EXAMPLE, MAX_STEPS).errors[-1]:.9g}",
             "w5_new": f"{network.train_step(EXAMPLE).w5:.9g}"}
    wait_for(driver, start, seconds=60)
    press_right_on_the_learning_rate(driver)
    wait_for(driver, expected_after_one_key_press())


def test_jupyterlab_runs_the_lesson_and_the_slider_moves_the_numbers(servers, browser):
    browser.get(servers["lab"])
    wait = WebDriverWait(browser, 60)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook-ExecutionIndicator[data-status='idle']"))
    run_menu = next(item for item in browser.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item")
                    if item.text.strip() == "Run")
    run_menu.click()
    wait.until(lambda d: [i for i in d.find_elements(By.CSS_SELECTOR, ".lm-Menu-item")
                          if "Run All Cells" in i.text])
    next(i for i in browser.find_elements(By.CSS_SELECTOR, ".lm-Menu-item") if "Run All Cells" in i.text).click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle"))
    check_the_learning_rate_slider(browser)


def test_voila_serves_the_lab_as_a_page_and_the_slider_moves_the_numbers(servers, browser):
    browser.get(servers["voila"])
    WebDriverWait(browser, 90).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lab-learning-rate .noUi-handle"))
    assert "from helpers.lab import Lab" not in browser.find_element(By.TAG_NAME, "body").text, "code shows"
    check_the_learning_rate_slider(browser)
