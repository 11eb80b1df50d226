"""The README's test command is the one CI runs."""
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_readme_test_command_is_what_ci_runs():
    blocks = re.findall(r"^```bash\n(.*?)^```", (REPO / "README.md").read_text(), flags=re.S | re.M)
    assert len(blocks) == 2, "README has exactly two commands: open the series, and run the tests"
    ci_lines = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line.strip()]
    assert blocks[1].strip() == ci_lines[-1].strip()
    assert "pytest" in ci_lines[-1]
