"""The statistics against values worked out by hand and by the libraries on known data."""

import math

import numpy as np
import pytest
from scipy import stats

from .. import analysis

NAN = float("nan")


def test_reverse_scored_items_turn_round_and_total_is_prorated():
    totals, means = analysis.score(
        [[1, 2, 1], [3, NAN, 3], [NAN, NAN, NAN]],
        reverse=[False, False, True],
        low=1,
        high=3,
        subscales={},
        min_share=0.6,
    )
    # Row 1: 1, 2, (1+3-1)=3 -> mean 2 -> 6 over 3 items. Row 2: 3 and (4-3)=1 answered
    # (2/3 >= 0.6) -> mean 2 prorated to 6. Row 3: nothing answered.
    assert totals[0] == pytest.approx(6)
    assert totals[1] == pytest.approx(6)
    assert math.isnan(totals[2])


def test_missing_data_rule_per_subscale():
    values = [[1, NAN, 3, 3], [1, 2, 3, 3]]
    totals, means = analysis.score(
        values,
        reverse=[False] * 4,
        low=1,
        high=3,
        subscales={"a": [0, 1], "b": [2, 3]},
        min_share=0.8,
    )
    # Subscale a has one of two items in the first row: under 80 %, so no total either.
    assert math.isnan(means["a"][0]) and means["b"][0] == pytest.approx(3)
    assert math.isnan(totals[0])
    assert totals[1] == pytest.approx(9) and means["a"][1] == pytest.approx(1.5)


def test_cronbach_alpha_by_hand():
    # Item variances 0.9167 + 0.6667 + 0.25 = 1.8333; variance of the totals 13/3;
    # alpha = 3/2 * (1 - 1.8333 / 4.3333) = 0.86538.
    matrix = [[1, 2, 3], [2, 2, 3], [3, 3, 3], [1, 1, 2], [NAN, 1, 1]]
    assert analysis.cronbach_alpha(matrix) == pytest.approx(0.865385, abs=1e-5)
    assert analysis.cronbach_alpha([[1, 2]]) is None


def test_paired_change_interval_and_hedges_g():
    rng = np.random.default_rng(7)
    before = rng.normal(50, 8, 40)
    after = before + rng.normal(4, 6, 40)
    change = analysis.paired_change(before, after)
    differences = after - before
    half = stats.t.ppf(0.975, 39) * differences.std(ddof=1) / math.sqrt(40)
    assert change.mean_change == pytest.approx(differences.mean())
    assert (change.ci_low, change.ci_high) == pytest.approx(
        (differences.mean() - half, differences.mean() + half)
    )
    sd_within = math.sqrt((before.var(ddof=1) + after.var(ddof=1)) / 2)
    r = np.corrcoef(before, after)[0, 1]
    d = differences.mean() / sd_within
    j = 1 - 3 / (4 * 39 - 1)
    assert change.g == pytest.approx(j * d)
    assert change.g_variance == pytest.approx(j**2 * (1 / 40 + d**2 / 80) * 2 * (1 - r))
    assert change.g > 0 and change.t_p_value < 0.05
    assert analysis.paired_change(before[:9], after[:9]) is None


def test_difference_in_differences_morris_ppc2():
    rng = np.random.default_rng(3)
    before_t, before_c = rng.normal(48, 6, 30), rng.normal(48, 6, 25)
    after_t = before_t + rng.normal(3, 4, 30)
    after_c = before_c + rng.normal(0.5, 4, 25)
    result = analysis.difference_in_differences(before_t, after_t, before_c, after_c)
    # Morris (2008) eq. 8 and 25, written out independently.
    difference = (after_t.mean() - before_t.mean()) - (after_c.mean() - before_c.mean())
    sd_pre = math.sqrt((29 * before_t.var(ddof=1) + 24 * before_c.var(ddof=1)) / 53)
    c_p = 1 - 3 / (4 * 53 - 1)
    g = c_p * difference / sd_pre
    rho = (
        29 * np.corrcoef(before_t, after_t)[0, 1] + 24 * np.corrcoef(before_c, after_c)[0, 1]
    ) / 53
    share = 55 / (30 * 25)
    variance = (
        2 * c_p**2 * (1 - rho) * share * 53 / 51 * (1 + g**2 / (2 * (1 - rho) * share)) - g**2
    )
    assert result["difference"] == pytest.approx(difference)
    assert result["g"] == pytest.approx(g)
    assert result["g_variance"] == pytest.approx(variance)
    welch = stats.ttest_ind(after_t - before_t, after_c - before_c, equal_var=False)
    assert result["p_value"] == pytest.approx(welch.pvalue)
    assert analysis.difference_in_differences(before_t[:9], after_t[:9], before_c, after_c) is None


def test_dersimonian_laird_by_hand():
    # Weights 25, 50, 20, 33.33; Q = 8.2143; C = 128.33 - 4636.1/128.33 = 92.207;
    # tau^2 = (8.2143 - 3) / 92.207 = 0.056549; I^2 = 5.2143 / 8.2143 = 0.63478;
    # random-effects weights 1/(v + tau^2) give 0.42346.
    pooled = analysis.pool([0.2, 0.5, 0.1, 0.8], [0.04, 0.02, 0.05, 0.03])
    assert pooled["q"] == pytest.approx(8.214286, abs=1e-5)
    assert pooled["tau2"] == pytest.approx(0.056549, abs=1e-5)
    assert pooled["i2"] == pytest.approx(0.634783, abs=1e-5)
    assert pooled["estimate"] == pytest.approx(0.423465, abs=1e-5)
    assert pooled["ci_low"] < 0.2 < pooled["estimate"] < 0.7 < pooled["ci_high"]
    assert sum(pooled["weights"]) == pytest.approx(1)
    assert analysis.pool([0.3], [0.01]) is None


def test_no_heterogeneity_gives_tau_zero():
    pooled = analysis.pool([0.3, 0.3, 0.3], [0.01, 0.02, 0.03], method="pm")
    assert pooled["tau2"] == pytest.approx(0) and pooled["estimate"] == pytest.approx(0.3)
