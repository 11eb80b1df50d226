"""Binder's files agree with requirements.txt, and a fresh environment built from them runs the series."""
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
TEST_ONLY = {"nbval", "pytest", "selenium", "hypothesis", "mpmath"}


def pins(path):
    """name -> version for every `name==version` line of a requirements file."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, sep, version = line.partition("==")
            assert sep, f"{path.name}: '{line}' is not pinned with =="
            found[name.lower()] = version
    return found


def test_binder_pins_are_the_root_pins():
    root, binder = pins(ROOT / "requirements.txt"), pins(BINDER / "requirements.txt")
    assert {name: root.get(name) for name in binder} == binder


def test_binder_has_every_package_the_notebooks_need():
    needed = set(pins(ROOT / "requirements.txt")) - TEST_ONLY
    assert needed <= set(pins(BINDER / "requirements.txt"))


def test_runtime_pins_python_3_11_or_newer():
    match = re.fullmatch(r"python-3\.(\d+)", (BINDER / "runtime.txt").read_text().strip())
    assert match and int(match[1]) >= 11


def test_postbuild_is_strict_and_installs_helpers():
    lines = (BINDER / "postBuild").read_text().splitlines()
    assert lines[0].startswith("#!") and lines[1] == "set -euo pipefail"
    assert "pip install --no-deps -e ." in lines[-1]
    assert os.access(BINDER / "postBuild", os.X_OK)


def assert_culls_idle_kernels_after_2_minutes(kernels):
    """Kernels idle for 2 minutes with no page open are shut down; a page still open keeps its kernel."""
    assert kernels["cull_idle_timeout"] == 2 * 60 and 0 < kernels["cull_interval"] <= 60
    assert not kernels.get("cull_connected", False)


def test_voila_run_from_the_repository_shuts_down_idle_kernels(monkeypatch):
    """`voila notebooks/07_interactive_lab.ipynb` from the repository root reads voila.json there."""
    from voila.app import Voila

    monkeypatch.chdir(ROOT)
    app = Voila()
    app.initialize(["notebooks/07_interactive_lab.ipynb", "--no-browser", "--port=0"])
    app.init_settings()
    kernels = app.kernel_manager
    assert_culls_idle_kernels_after_2_minutes(
        {name: getattr(kernels, name) for name in ("cull_idle_timeout", "cull_interval", "cull_connected")})


def _runtime_matches_this_python():
    wanted = (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")
    return f"{sys.version_info.major}.{sys.version_info.minor}" == wanted


@pytest.mark.skipif(not _runtime_matches_this_python(), reason="this Python is not binder/runtime.txt's version")
def test_fresh_environment_from_binder_files_runs_the_first_lesson(tmp_path):
    """Build what repo2docker builds (its Python, binder/requirements.txt, then postBuild) and run lesson 01."""
    repo = tmp_path / "repo"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in tracked.split():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    environment = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(env_dir),
                   "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config")}  # postBuild writes there, as in ~/.jupyter

    def run(*command):
        done = subprocess.run([str(part) for part in command], cwd=repo, env=environment, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout + done.stderr

    run(bin_dir / "python", "-m", "pip", "install", "-q", "-r", "binder/requirements.txt")
    run("bash", "binder/postBuild")
    assert "@jupyter-widgets/jupyterlab-manager" in run(bin_dir / "jupyter", "labextension", "list")
    shown = subprocess.run([bin_dir / "jupyter", "server", "--show-config-json"], cwd=repo, env=environment,
                           capture_output=True, text=True, check=True).stdout  # what Binder's server will use
    assert_culls_idle_kernels_after_2_minutes(json.loads(shown)["MappingKernelManager"])
    run(bin_dir / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", tmp_path / "executed.ipynb",
        "notebooks/01_start_here.ipynb")
    executed = json.loads((tmp_path / "executed.ipynb").read_text())
    outputs = [out for cell in executed["cells"] for out in cell.get("outputs", [])]
    printed = "".join("".join(out.get("text", "") or out.get("data", {}).get("text/plain", "")) for out in outputs)
    assert "learning rate: 0.5" in printed and "parameter_count: not answered yet" in printed
