"""The performance audit's verdict (bench/audit.py) against the committed budgets (bench/budgets.yaml),
on made-up Lighthouse measures: Lighthouse itself runs only in `make audit`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench import audit

BUDGETS = yaml.safe_load(audit.BUDGETS.read_text())
FIGURE_PAGE = BUDGETS["pairs"]["figure_pages"][0]


def runs(tbt: float, lcp: float = 1400, cls: float = 0.0, count: int = 9) -> list[audit.Measure]:
    return [audit.Measure(tbt=tbt, lcp=lcp, cls=cls, bytes=dict.fromkeys((*audit.BYTE_TYPES, "total"), 0),
                          vega_bytes=0, vega_requests=[], file=f"run-{n}.json") for n in range(count)]


def verdict(figure: list[audit.Measure], text: list[audit.Measure]) -> audit.Audit:
    result = audit.Audit(Path("build/audit/test"))
    result.pairs[FIGURE_PAGE] = {"figure": figure, "text": text}
    audit.check_pairs(result, BUDGETS)
    return result


@pytest.mark.parametrize(("figure_tbt", "passes"), [(212, True), (213, False), (221, False)])
def test_a_figure_page_over_a_quarter_above_the_text_page_exceeds_the_budget(figure_tbt: int, passes: bool) -> None:
    result = verdict(runs(figure_tbt), runs(170))  # 1.25 × 170 = 212.5
    assert (not result.exceeded) is passes
    if not passes:
        assert "median TBT" in result.exceeded[0] and FIGURE_PAGE in result.exceeded[0]


def test_lcp_has_no_floor() -> None:
    assert not verdict(runs(100, lcp=1750), runs(100, lcp=1400)).exceeded  # 1.25×
    result = verdict(runs(100, lcp=1760), runs(100, lcp=1400))
    assert len(result.exceeded) == 1 and "median LCP" in result.exceeded[0]


def test_a_figure_page_within_the_floor_passes_even_against_a_text_page_at_zero() -> None:
    floor = BUDGETS["pairs"]["floor_ms"]["total-blocking-time"]
    result = verdict(runs(floor), runs(0))
    assert not result.exceeded
    assert any("floor" in note for note in result.notes)
    assert verdict(runs(floor + 1), runs(0)).exceeded


def test_the_text_page_is_judged_over_all_its_runs_in_the_audit() -> None:
    result = audit.Audit(Path("build/audit/test"))
    result.pairs["a/"] = {"figure": runs(240), "text": runs(150)}
    result.pairs["b/"] = {"figure": runs(100), "text": runs(250)}
    audit.check_pairs(result, BUDGETS)
    # About's median over both pairs' 18 runs is 200 ms (250 limit): a/ passes, though 1.6× its own pair's
    assert not result.exceeded


def test_one_shifted_run_exceeds_the_layout_shift_budget() -> None:
    figure = runs(100)
    figure[4].cls = 0.0001
    result = verdict(figure, runs(100))
    assert result.exceeded == [f"{FIGURE_PAGE} (pair {FIGURE_PAGE}, run 5): CLS 0.000100 > 0 (run-4.json)"]
