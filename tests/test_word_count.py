"""The essay's length: words by paragraph kind on the chapter pages, and the limits `make words` keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from build_scripts.pages import word_count
from build_scripts.paths import CONTENT

CHAPTER = "3-institutional-overlap.md"


def test_the_essay_keeps_within_its_budget_and_its_notes_stay_short() -> None:
    counts = word_count.page_counts(CONTENT)
    assert len(counts) == 6  # the chapter pages 1-6
    assert word_count.over_limits(counts) == []
    assert all(c.by_kind["retelling"] > 0 for c in counts)


def test_the_words_command_prints_the_table_and_succeeds() -> None:
    done = subprocess.run([sys.executable, "-m", "build_scripts", "words"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "total" in done.stdout and f"(budget {word_count.BUDGET})" in done.stdout


def test_a_page_over_the_budget_and_a_long_note_are_named(content_dir: Path) -> None:
    page = content_dir / CHAPTER
    padding = " ".join(["word"] * (word_count.BUDGET + 1))
    long_note = " ".join(["note"] * word_count.NOTE_LIMIT)
    page.write_text(page.read_text() + f"\n{padding} {{: #io-p90 }}\n\n"
                    f'!!! note "Editorial note"\n    {long_note} {{: #io-n90 }}\n')
    counts = word_count.page_counts(content_dir)
    found = word_count.over_limits(counts)
    assert any("over the budget of 3400" in f for f in found)
    assert f"{CHAPTER}#io-n90: an editorial note of {word_count.NOTE_LIMIT} words (under 100, please)" in found
    assert len(found) == 2
