"""Every lesson runs on its own in a fresh kernel, in any order, with no network and no files written."""
import hashlib
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Run first in each kernel: any connection that leaves this machine raises instead.
NO_NETWORK = """
import socket as _socket
_connect = _socket.socket.connect
def _loopback_only(sock, address):
    if sock.family in (_socket.AF_INET, _socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"a lesson tried to reach the network: {address}")
    return _connect(sock, address)
_socket.socket.connect = _loopback_only
"""


def snapshot(folder):
    """path -> content hash for every file below `folder`."""
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_network_guard_blocks_an_outside_address(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NO_NETWORK),
                                         nbformat.v4.new_code_cell("import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)")])
    with pytest.raises(Exception, match="tried to reach the network"):
        NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()


@pytest.mark.parametrize("lesson", list(reversed(LESSONS)), ids=lambda p: p.stem)
def test_lesson_runs_alone_offline_and_writes_nothing(lesson, tmp_path, monkeypatch):
    """Lessons run here last-to-first, each in a new kernel, inside a copy of the repository."""
    repo = tmp_path / "repo"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in tracked.split():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # caches of matplotlib and IPython go here
    before = snapshot(repo)
    nb = nbformat.read(repo / "notebooks" / lesson.name, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(NO_NETWORK))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(repo / "notebooks")}}).execute()
    assert snapshot(repo) == before
