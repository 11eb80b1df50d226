"""The series on Colab's versions: every lesson under strict nbval, and the lab's widget tests.

Colab keeps its own packages; each lesson's first code cell adds only this project, without its
dependencies. So this builds a virtual environment with Colab's Python and packages (cached, keyed by
a hash of its inputs), installs the project into it the same way, and runs the tests there.
"""
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLUG = "backprop-step-by-step/backprop-step-by-step"
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# What Colab preinstalls (its published pip freeze, 2026-08): Python 3.13 and these.
COLAB_PYTHON = "3.13"
COLAB = ["ipywidgets==7.7.1", "numpy==2.1.3", "matplotlib==3.10.0", "sympy==1.14.0", "ipykernel==6.17.1"]
TEST_TOOLS = ("pytest", "nbval", "hypothesis", "mpmath")  # at the versions requirements.txt pins
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "backprop-step-by-step"


def requirements():
    """Colab's packages plus the test tools pinned as in requirements.txt."""
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    tools = [line for line in lines if line.partition("==")[0].lower() in TEST_TOOLS]
    assert len(tools) == len(TEST_TOOLS), f"requirements.txt must pin each of {TEST_TOOLS}"
    return COLAB + tools


def colab_python():
    """A working python3.13 (a pyenv shim may name one that is not active), or None."""
    candidates = [shutil.which(f"python{COLAB_PYTHON}")]
    if shutil.which("pyenv"):
        found = subprocess.run(["pyenv", "whence", "--path", f"python{COLAB_PYTHON}"], capture_output=True, text=True)
        candidates += found.stdout.split()
    candidates += sorted(map(str, Path.home().glob(f".pyenv/versions/{COLAB_PYTHON}*/bin/python{COLAB_PYTHON}")))
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", "import venv, ensurepip"], capture_output=True).returncode == 0:
            return candidate
    return None


def run(*command, **options):
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, **options)
    assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{done.stdout[-6000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def colab_environment(python):
    """The cached environment for these inputs, built first if there is none (built aside, then renamed)."""
    version = run(python, "-c", "import sys; print(sys.version)")
    key = hashlib.sha256(json.dumps([version, requirements()]).encode()).hexdigest()[:16]
    env_dir = CACHE / f"colab-env-{key}"
    if not (env_dir / "bin" / "python").exists():
        building = CACHE / f"{env_dir.name}.building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        run(python, "-m", "venv", building)
        run(building / "bin" / "python", "-m", "pip", "install", "-q", *requirements())
        try:
            building.rename(env_dir)
        except OSError:  # another run finished the same environment first
            shutil.rmtree(building)
    return env_dir


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """(python, a copy of the repository's tracked files, environment variables) for a Colab-like run."""
    python = colab_python()
    if python is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Colab test: install Python {COLAB_PYTHON}")
        pytest.skip(f"no python{COLAB_PYTHON} on this machine")
    env_dir = colab_environment(python)
    tmp = tmp_path_factory.mktemp("colab")
    repo, site = tmp / "repo", tmp / "site"
    for name in run("git", "ls-files", cwd=ROOT).split("\n"):
        if name and (ROOT / name).exists():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    # As the lessons' first cell does on Colab: the project alone, built from the repository's files.
    run(env_dir / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--target", site, repo)
    environment = {**os.environ, "PYTHONPATH": str(site), "PYDEVD_DISABLE_FILE_VALIDATION": "1",
                   "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    environment.pop("VIRTUAL_ENV", None)
    return env_dir / "bin" / "python", repo, environment


def test_the_environment_has_colabs_versions(colab):
    python, repo, environment = colab
    shown = run(python, "-c", "import sys, ipywidgets, numpy, matplotlib, sympy, helpers;"
                "print(sys.version_info[:2], ipywidgets.__version__, numpy.__version__, matplotlib.__version__,"
                "sympy.__version__, helpers.__file__)", cwd=repo / "notebooks", env=environment)
    assert shown.startswith("(3, 13) 7.7.1 2.1.3 3.10.0 1.14.0 ")
    assert shown.strip().endswith(str(Path("site") / "helpers" / "__init__.py"))


def test_every_lesson_and_the_lab_on_colabs_versions(colab):
    """Strict nbval over every lesson (outputs as stored) and the lab's widget tests, on ipywidgets 7."""
    python, repo, environment = colab
    lessons = [f"notebooks/{lesson.name}" for lesson in LESSONS]
    # -P: the repository's own helpers/ folder stays off the path, so the installed copy is what runs.
    out = run(python, "-P", "-m", "pytest", "-q", "-W", "ignore::DeprecationWarning", *lessons, "tests/test_lab.py",
              cwd=repo, env=environment)
    assert " passed" in out and "skipped" not in out


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_lesson_opens_in_colab_and_installs_only_the_project_there(lesson):
    cells = json.loads(lesson.read_text())["cells"]
    badges, install = "".join(cells[0]["source"]), "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    assert f"(https://colab.research.google.com/github/{SLUG}/blob/main/notebooks/{lesson.name})" in badges
    assert f"(https://mybinder.org/v2/gh/{SLUG}/HEAD?urlpath=lab/tree/notebooks/{lesson.name})" in badges
    assert 'if "google.colab" in sys.modules:' in install
    assert install.rstrip().endswith(f"%pip install -q --no-deps git+https://github.com/{SLUG}")


def test_the_readme_table_has_both_links_for_every_lesson():
    readme = (ROOT / "README.md").read_text()
    for lesson in LESSONS:
        row = next(line for line in readme.splitlines() if line.startswith(f"| [{lesson.name[:2]} "))
        assert f"https://colab.research.google.com/github/{SLUG}/blob/main/notebooks/{lesson.name})" in row
        assert f"https://mybinder.org/v2/gh/{SLUG}/HEAD?urlpath=lab/tree/notebooks/{lesson.name})" in row
