"""Every lesson prints the same on any CPU: re-run under lower numpy SIMD levels and compared strictly.

numpy chooses its SIMD kernels (exp, log, sums) when it starts, by what the CPU has. Holding it to
lower levels here shows what a learner's older CPU computes. Each level re-executes every lesson
with strict nbval against the stored outputs, in a copy of the repository, last lesson first (each in
its own kernel), with connections off this machine refused, and checks that no file changed.
The levels run side by side, one process each.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# What numpy is told to leave out, by level; X86_V2 is numpy's baseline and cannot be left out.
LEVELS = {
    "no AVX-512": "X86_V4 AVX512_ICL AVX512_SPR",
    "no AVX2 and no AVX-512": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
}

# Loaded by every Python started with this folder on PYTHONPATH, the lessons' kernels included.
NO_NETWORK = '''
import socket as _socket
_connect = _socket.socket.connect
def _loopback_only(sock, address):
    if sock.family in (_socket.AF_INET, _socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"a lesson tried to reach the network: {address}")
    return _connect(sock, address)
_socket.socket.connect = _loopback_only
'''


def simd_found(disabled=""):
    """The SIMD extensions numpy uses when started with NPY_DISABLE_CPU_FEATURES=disabled."""
    code = "import json, numpy; print(json.dumps(numpy.__config__.CONFIG['SIMD Extensions'].get('found', [])))"
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": disabled}
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    return set(json.loads(found.stdout))


def snapshot(folder):
    """path -> content hash for every file below `folder`."""
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_of_repository(dest):
    """The files git tracks, copied to `dest`."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


def start_nbval(level, disabled, tmp):
    """Start strict nbval over every lesson, last first, in a copy, under one SIMD level."""
    repo = copy_of_repository(tmp / "repo")
    guard = tmp / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK)
    (tmp / "home").mkdir()
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": disabled, "PYTHONPATH": str(guard), "HOME": str(tmp / "home")}
    env.pop("MPLBACKEND", None)
    lessons = [f"notebooks/{p.name}" for p in reversed(LESSONS)]
    log = open(tmp / "nbval.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "pytest", "-q", *lessons], cwd=repo, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    return {"process": process, "log": tmp / "nbval.log", "repo": repo, "before": snapshot(repo)}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One nbval process per SIMD level this CPU can be held to, all started at once."""
    native = simd_found()
    started = {}
    for level, disabled in LEVELS.items():
        lowered = simd_found(disabled)
        if lowered != native:
            started[level] = (start_nbval(level, disabled, tmp_path_factory.mktemp("simd")), native - lowered)
    yield started
    for run, _ in started.values():
        run["process"].kill()


def test_the_network_guard_blocks_an_outside_address(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(NO_NETWORK)
    reach = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    result = subprocess.run([sys.executable, "-c", reach], env={**os.environ, "PYTHONPATH": str(tmp_path)},
                            capture_output=True, text=True)
    assert "a lesson tried to reach the network: ('192.0.2.1', 80)" in result.stderr


@pytest.mark.parametrize("level", LEVELS)
def test_every_lesson_prints_the_same_at_a_lower_simd_level(level, runs):
    if level not in runs:
        pytest.skip(f"this CPU lacks what '{level}' turns off: the default nbval run covers that level")
    run, turned_off = runs[level]  # the SIMD extensions this level turned off
    returncode = run["process"].wait(timeout=1200)
    log = run["log"].read_text()
    assert returncode == 0, f"with numpy's {sorted(turned_off)} turned off:\n{log[-20000:]}"
    assert " passed" in log.splitlines()[-1], log[-2000:]
    assert snapshot(run["repo"]) == run["before"], "a lesson wrote or changed a file"
