"""Every lesson is stored executed and has the same shape: goals, exercises, a recap, links both ways."""
import re
from pathlib import Path

import nbformat
import pytest

LESSONS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def read(lesson):
    return nbformat.read(lesson, as_version=4)


def markdown(nb):
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def test_lessons_are_numbered_in_order_without_gaps():
    numbers = [int(lesson.name[:2]) for lesson in LESSONS]
    assert numbers == list(range(1, len(LESSONS) + 1)) and len(numbers) >= 12


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_is_stored_executed_without_timings(lesson):
    code = [cell for cell in read(lesson).cells if cell.cell_type == "code" and cell.source.strip()]
    assert all(cell.execution_count is not None for cell in code), "run the notebook before committing it"
    assert not any("execution" in cell.metadata for cell in code), "execution times belong outside the file"
    assert read(lesson).metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_states_goals_ends_with_a_recap_and_has_a_checked_exercise(lesson):
    nb = read(lesson)
    headings = re.findall(r"^## (.+)$", markdown(nb), flags=re.M)
    assert headings[0] == "Goals" and "Recap" in headings
    assert any("check(" in cell.source and "answer = None" in cell.source for cell in nb.cells)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_links_to_the_previous_and_next_lessons(lesson):
    text = markdown(read(lesson))
    position = LESSONS.index(lesson)
    if position > 0:
        assert f"({LESSONS[position - 1].name})" in text
    if position + 1 < len(LESSONS):
        assert f"({LESSONS[position + 1].name})" in text
