"""The statistics of evaluations, on plain arrays: scoring with the missing-data rule,
Cronbach's alpha, change from baseline with its confidence interval and tests, standardised
effect sizes, and the random-effects pooling of effect sizes across evaluations.

The numerical methods come from SciPy (t and Wilcoxon tests, their intervals, correlations)
and statsmodels (DerSimonian-Laird and Paule-Mandel random-effects pooling); only what they
do not provide (alpha, the scoring rule, the standardised changes for paired and
pre/post-with-comparison designs) is written here, each formula with its source.
"""

import math
from dataclasses import asdict, dataclass

import numpy as np

# SciPy is imported where a statistic is computed, as statsmodels is: at module level it was
# half of every process's start-up (1.2 s of 2.6 s importing the site), paid by each web
# worker, management command and test worker that never computes one.

# Below this many respondents a cell is not shown publicly, and no statistic is computed.
SMALL_CELL = 10
POOLING_METHODS = {"dl": "chi2", "pm": "iterated"}


def score(values, *, reverse, low, high, subscales, min_share):
    """Totals and subscale means for each row of `values` (respondents x items, NaN when
    not answered).

    Reverse-scored items are turned round (low + high - answer) so that higher is always
    more equitable. A subscale's score is the mean of its answered items when at least
    `min_share` of them are answered, else missing; the total is the mean of all answered
    items prorated to the full number of items, and is missing when any subscale is.
    Returns (totals, {subscale code: means}).
    """
    values = np.asarray(values, dtype=float)
    reverse = np.asarray(reverse, dtype=bool)
    scored = np.where(reverse, low + high - values, values)

    def prorated_mean(block):
        answered = ~np.isnan(block)
        count = answered.sum(axis=1)
        total = np.where(answered, block, 0.0).sum(axis=1)
        enough = count >= min_share * block.shape[1] - 1e-9
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(enough & (count > 0), total / count, np.nan)

    item_count = scored.shape[1]
    totals = prorated_mean(scored) * item_count
    means = {}
    for code, columns in subscales.items():
        means[code] = prorated_mean(scored[:, columns])
        totals = np.where(np.isnan(means[code]), np.nan, totals)
    return totals, means


def scored_items(values, *, reverse, low, high):
    values = np.asarray(values, dtype=float)
    return np.where(np.asarray(reverse, dtype=bool), low + high - values, values)


def cronbach_alpha(scored):
    """Cronbach's alpha of respondents x items scored answers, over complete rows:
    k / (k - 1) * (1 - sum of item variances / variance of the sum). None when there are
    fewer than two items or two complete rows, or the totals do not vary."""
    scored = np.asarray(scored, dtype=float)
    complete = scored[~np.isnan(scored).any(axis=1)]
    rows, items = complete.shape if complete.ndim == 2 else (0, 0)
    if items < 2 or rows < 2:
        return None
    total_variance = complete.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return None
    return float(items / (items - 1) * (1 - complete.var(axis=0, ddof=1).sum() / total_variance))


def describe(scores):
    scores = np.asarray(scores, dtype=float)
    scores = scores[~np.isnan(scores)]
    if len(scores) == 0:
        return {"n": 0, "mean": None, "sd": None}
    sd = float(scores.std(ddof=1)) if len(scores) > 1 else None
    return {"n": len(scores), "mean": float(scores.mean()), "sd": sd}


def hedges_correction(df):
    """Hedges' small-sample correction J = 1 - 3 / (4 df - 1) (Borenstein et al. 2009, 4.22)."""
    return 1 - 3 / (4 * df - 1)


@dataclass
class Change:
    """Change from baseline for respondents matched across two waves."""

    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    ci_low: float
    ci_high: float
    t_p_value: float
    wilcoxon_p_value: float | None
    correlation: float
    g: float
    g_variance: float

    @property
    def g_ci(self):
        from scipy import stats

        half = stats.norm.ppf(0.975) * math.sqrt(self.g_variance)
        return (self.g - half, self.g + half)

    def as_dict(self):
        low, high = self.g_ci
        return {**asdict(self), "g_ci_low": low, "g_ci_high": high}


def paired_change(before, after):
    """Change between two waves of the same respondents: mean change with its 95 %
    confidence interval and paired t-test (SciPy), the Wilcoxon signed-rank test as the
    non-parametric check, and Hedges' g for matched groups with its variance.

    g standardises the mean change by the within-wave standard deviation (the root mean
    square of the two waves' SDs); its variance is (1/n + d^2 / 2n) * 2(1 - r), with r the
    correlation between waves (Borenstein et al. 2009, 4.27-4.28), times J^2. None with
    fewer than SMALL_CELL pairs or no spread.
    """
    from scipy import stats

    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    n = len(before)
    if n < SMALL_CELL:
        return None
    within = math.sqrt((before.var(ddof=1) + after.var(ddof=1)) / 2)
    differences = after - before
    if within == 0 or differences.std(ddof=1) == 0:
        return None
    test = stats.ttest_rel(after, before)
    interval = test.confidence_interval(0.95)
    r = float(stats.pearsonr(before, after).statistic)
    r = min(r, 0.999)
    d = differences.mean() / within
    j = hedges_correction(n - 1)
    variance_d = (1 / n + d**2 / (2 * n)) * 2 * (1 - r)
    wilcoxon = stats.wilcoxon(after, before).pvalue if np.any(differences != 0) else None
    return Change(
        n=n,
        mean_before=float(before.mean()),
        mean_after=float(after.mean()),
        mean_change=float(differences.mean()),
        ci_low=float(interval.low),
        ci_high=float(interval.high),
        t_p_value=float(test.pvalue),
        wilcoxon_p_value=None if wilcoxon is None else float(wilcoxon),
        correlation=r,
        g=float(j * d),
        g_variance=float(j**2 * variance_d),
    )


def difference_in_differences(
    programme_before, programme_after, comparison_before, comparison_after
):
    """The programme group's mean change minus the comparison group's, with the 95 %
    interval of Welch's t-test on the change scores (SciPy), and Morris's d_ppc2: that
    difference over the pooled baseline SD, bias-corrected, with its variance (Morris 2008,
    equations 8 and 25), so that it is on the same scale as the single-group g and pools
    with it. None when a group has fewer than SMALL_CELL matched respondents."""
    from scipy import stats

    groups = [
        np.asarray(values, dtype=float)
        for values in (programme_before, programme_after, comparison_before, comparison_after)
    ]
    before_t, after_t, before_c, after_c = groups
    n_t, n_c = len(before_t), len(before_c)
    if min(n_t, n_c) < SMALL_CELL:
        return None
    change_t, change_c = after_t - before_t, after_c - before_c
    test = stats.ttest_ind(change_t, change_c, equal_var=False)
    interval = test.confidence_interval(0.95)
    difference = change_t.mean() - change_c.mean()
    sd_pre = math.sqrt(
        ((n_t - 1) * before_t.var(ddof=1) + (n_c - 1) * before_c.var(ddof=1)) / (n_t + n_c - 2)
    )
    if sd_pre == 0:
        return None
    correlations = [
        stats.pearsonr(before, after).statistic if before.std() > 0 and after.std() > 0 else 1.0
        for before, after in ((before_t, after_t), (before_c, after_c))
    ]
    rho = min(((n_t - 1) * correlations[0] + (n_c - 1) * correlations[1]) / (n_t + n_c - 2), 0.999)
    c_p = hedges_correction(n_t + n_c - 2)
    g = c_p * difference / sd_pre
    share = (n_t + n_c) / (n_t * n_c)
    variance = (
        2 * c_p**2 * (1 - rho) * share * (n_t + n_c - 2) / (n_t + n_c - 4)
        * (1 + g**2 / (2 * (1 - rho) * share))
        - g**2
    )  # fmt: skip
    variance = max(variance, 1e-9)
    half = stats.norm.ppf(0.975) * math.sqrt(variance)
    return {
        "n_programme": n_t,
        "n_comparison": n_c,
        "difference": float(difference),
        "ci_low": float(interval.low),
        "ci_high": float(interval.high),
        "p_value": float(test.pvalue),
        "g": float(g),
        "g_variance": float(variance),
        "g_ci_low": float(g - half),
        "g_ci_high": float(g + half),
    }


def pool(effects, variances, *, method="dl"):
    """Random-effects meta-analysis of effect sizes with their variances (statsmodels'
    combine_effects): DerSimonian-Laird ("dl") or Paule-Mandel ("pm"). Returns the pooled
    estimate with its 95 % interval, tau^2, I^2, Q and each study's relative weight; None
    with fewer than two studies."""
    from scipy import stats
    from statsmodels.stats.meta_analysis import combine_effects

    effects = np.asarray(effects, dtype=float)
    variances = np.asarray(variances, dtype=float)
    if len(effects) < 2:
        return None
    result = combine_effects(effects, variances, method_re=POOLING_METHODS[method])
    half = stats.norm.ppf(0.975) * float(result.sd_eff_w_re)
    estimate = float(result.mean_effect_re)
    return {
        "method": method,
        "k": len(effects),
        "estimate": estimate,
        "ci_low": estimate - half,
        "ci_high": estimate + half,
        "tau2": float(result.tau2),
        "i2": float(max(result.i2, 0.0)),
        "q": float(result.q),
        "weights": [float(weight) for weight in result.weights_rel_re],
    }
