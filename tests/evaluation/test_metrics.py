"""Metric arithmetic on tiny hand-made cases."""

import pytest

from index.evaluation.metrics import (
    Outcome,
    answer_rank,
    bold_rank,
    contains_any,
    first_rank,
    mrr_at,
    recall_at,
    share,
    summarize,
)


def test_first_rank_is_one_based_and_none_when_absent():
    """The first relevant hit's rank counts from 1; no relevant hit gives None."""
    assert first_rank([False, False, True, True]) == 3
    assert first_rank([True]) == 1
    assert first_rank([False, False]) is None
    assert first_rank([]) is None


def test_recall_at_k_counts_ranks_within_k():
    """recall@k is the share of questions whose first gold rank is at most k."""
    ranks = [1, 2, 5, None, 11]
    assert recall_at(ranks, 1) == pytest.approx(1 / 5)
    assert recall_at(ranks, 2) == pytest.approx(2 / 5)
    assert recall_at(ranks, 4) == pytest.approx(2 / 5)
    assert recall_at(ranks, 5) == pytest.approx(3 / 5)
    assert recall_at(ranks, 10) == pytest.approx(3 / 5)
    assert recall_at([], 5) is None


def test_mrr_is_mean_reciprocal_rank_cut_at_ten():
    """mrr@10 averages 1/rank, with ranks past 10 and misses counting zero."""
    assert mrr_at([1, 2, 4, None, 11]) == pytest.approx((1 + 0.5 + 0.25) / 5)
    assert mrr_at([10]) == pytest.approx(0.1)
    assert mrr_at([3], cutoff=2) == 0
    assert mrr_at([]) is None


def test_contains_any_ignores_case_and_whitespace_runs():
    """Answer strings match case-insensitively, whatever the spacing."""
    assert contains_any("It was played in Tampa,\n  Florida.", ["tampa, florida"])
    assert not contains_any("It was played in Tampa.", ["Tampa, Florida"])
    assert not contains_any("anything", [""])


def test_contains_any_folds_typography_only():
    """Curly quotes, an ampersand and quotes around a whole answer are typography, not words."""
    assert contains_any('the Australian singer and "Grease" star', ["\u201cGrease\u201d"])
    assert contains_any("Thor: Love and Thunder opened", ["\u201cThor: Love and Thunder\u201d"])
    assert contains_any("New York City's Times Square", ["New York City\u2019s Times Square"])
    assert contains_any("in New Jersey and Oregon", ["New Jersey & Oregon"])
    assert contains_any("costs \uff04300,000", ["$300,000"])
    assert not contains_any("detention extended six months", ["6"])
    assert not contains_any("a cheaper plan with ads", ["Advertisements"])
    assert not contains_any("anything", ['""'])


def test_answer_rank_needs_every_group_in_the_top_quotes():
    """answer@k needs one string of each group among the top k quotes together."""
    quotes = ["nothing here", "Paris is the capital", "London too"]
    assert answer_rank(quotes, [("paris", "lutetia")]) == 2
    assert answer_rank(quotes, [("Paris",), ("London",)]) == 3
    assert answer_rank(quotes, [("Berlin",)]) is None
    assert answer_rank(quotes, []) is None


def test_share_of_flags():
    """A share is true flags over all flags, None when there are none."""
    assert share([True, False, False, True]) == 0.5
    assert share([]) is None


def test_summarize_counts_abstention_as_miss_and_splits_abstention_shares():
    """An abstention is a miss in recall and answer; abstention shares split by answerability."""
    outcomes = [
        Outcome(answerable=True, abstained=False, gold_rank=1, answer_rank=2),
        Outcome(answerable=True, abstained=False, gold_rank=3, answer_rank=None),
        Outcome(answerable=True, abstained=True),
        Outcome(answerable=True, abstained=False, gold_rank=None, answer_rank=1),
        Outcome(answerable=False, abstained=True, has_gold=False, has_answer=False),
        Outcome(answerable=False, abstained=False, has_gold=False, has_answer=False),
        Outcome(answerable=False, abstained=True, has_gold=False, has_answer=False),
    ]
    figures = summarize(outcomes, [1, 3, 5]).as_dict()
    assert figures["questions"] == 7
    assert figures["recall@1"] == pytest.approx(1 / 4)
    assert figures["recall@3"] == pytest.approx(2 / 4)
    assert figures["recall@5"] == pytest.approx(2 / 4)
    assert figures["mrr@10"] == pytest.approx((1 + 1 / 3) / 4)
    assert figures["answer@1"] == pytest.approx(1 / 4)
    assert figures["answer@3"] == pytest.approx(2 / 4)
    assert figures["abstained"] == pytest.approx(1 / 4)
    assert figures["abstain_correct"] == pytest.approx(2 / 3)
    assert figures["answered_share"] == pytest.approx(1 / 3)


def test_summarize_leaves_out_what_cannot_be_scored():
    """Without unanswerable questions or answer strings, those figures are None."""
    outcomes = [Outcome(answerable=True, abstained=False, gold_rank=2, has_answer=False)]
    figures = summarize(outcomes, [1, 5]).as_dict()
    assert figures["recall@1"] == 0
    assert figures["recall@5"] == 1
    assert figures["answer@5"] is None
    assert figures["abstained"] == 0
    assert figures["abstain_correct"] is None
    assert figures["answered_share"] is None


def test_bold_rank_needs_every_group_in_one_bold_sentence():
    """The answer a member reads is the bold sentence: a quote holding it elsewhere is no bold."""
    bolds = ["Amazon said it would pause.", "The ban lasts one year, through June 2021."]
    assert bold_rank(bolds, [("one year", "a year")]) == 2
    assert bold_rank(bolds, [("Amazon",), ("pause",)]) == 1
    assert bold_rank(bolds, [("one year",), ("Amazon",)]) is None
    assert bold_rank(bolds, []) is None


def test_summarize_reports_bold_and_quote_at_one():
    """bold@k counts answerable questions by their first bold hit; quote@1 is answer@1."""
    outcomes = [
        Outcome(answerable=True, abstained=False, gold_rank=1, answer_rank=1, bold_rank=1),
        Outcome(answerable=True, abstained=False, gold_rank=1, answer_rank=1, bold_rank=3),
        Outcome(answerable=True, abstained=False, gold_rank=2, answer_rank=2, bold_rank=None),
        Outcome(answerable=True, abstained=True, bold_rank=1),
    ]
    figures = summarize(outcomes, [1, 5]).as_dict()
    assert figures["quote@1"] == pytest.approx(2 / 4)
    assert figures["bold@1"] == pytest.approx(1 / 4)
    assert figures["bold@3"] == pytest.approx(2 / 4)
