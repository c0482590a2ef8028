//! The arithmetic of evaluation: overlap of byte spans, precision/recall/F1 with
//! overlap matching, macro-F1 of a two-class decision, ROC AUC and Spearman's rank
//! correlation (both with average ranks for ties). Undefined values (a ratio with a
//! zero denominator, a correlation of constant data) are `None`, never NaN.

use serde::Serialize;

/// Whether two byte ranges share at least one byte. Empty ranges overlap nothing.
pub fn overlaps(a_start: usize, a_end: usize, b_start: usize, b_end: usize) -> bool {
    a_start < a_end && b_start < b_end && a_start < b_end && b_start < a_end
}

/// `num / den`, or `None` when `den` is zero.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The harmonic mean of precision and recall; 0 when both are 0, `None` when either is
/// undefined.
pub fn f1(precision: Option<f64>, recall: Option<f64>) -> Option<f64> {
    let (p, r) = (precision?, recall?);
    if p + r == 0.0 {
        Some(0.0)
    } else {
        Some(2.0 * p * r / (p + r))
    }
}

/// Counts of an overlap-matched comparison and the measures they give. With overlap
/// matching the two numerators differ: recall counts gold spans hit by at least one
/// finding, precision counts findings that hit at least one gold span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Gold spans.
    pub gold: usize,
    /// Gold spans overlapped by at least one finding.
    pub gold_matched: usize,
    /// Findings.
    pub findings: usize,
    /// Findings overlapping at least one gold span.
    pub findings_matched: usize,
    /// `findings_matched / findings`.
    pub precision: Option<f64>,
    /// `gold_matched / gold`.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

/// Running counts for a [`Prf`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrfCounts {
    /// Gold spans.
    pub gold: usize,
    /// Gold spans overlapped by at least one finding.
    pub gold_matched: usize,
    /// Findings.
    pub findings: usize,
    /// Findings overlapping at least one gold span.
    pub findings_matched: usize,
}

impl PrfCounts {
    /// Adds another set of counts.
    pub fn add(&mut self, other: PrfCounts) {
        self.gold += other.gold;
        self.gold_matched += other.gold_matched;
        self.findings += other.findings;
        self.findings_matched += other.findings_matched;
    }

    /// The measures of these counts.
    pub fn measures(self) -> Prf {
        let precision = ratio(self.findings_matched, self.findings);
        let recall = ratio(self.gold_matched, self.gold);
        Prf {
            gold: self.gold,
            gold_matched: self.gold_matched,
            findings: self.findings,
            findings_matched: self.findings_matched,
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

/// Matches `findings` against `gold` (both byte ranges) by overlap.
pub fn match_spans(gold: &[(usize, usize)], findings: &[(usize, usize)]) -> PrfCounts {
    let gold_matched = gold
        .iter()
        .filter(|g| findings.iter().any(|f| overlaps(g.0, g.1, f.0, f.1)))
        .count();
    let findings_matched = findings
        .iter()
        .filter(|f| gold.iter().any(|g| overlaps(g.0, g.1, f.0, f.1)))
        .count();
    PrfCounts {
        gold: gold.len(),
        gold_matched,
        findings: findings.len(),
        findings_matched,
    }
}

/// The confusion matrix of a two-class decision and its measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Binary {
    /// Positive items predicted positive.
    pub true_positive: usize,
    /// Negative items predicted positive.
    pub false_positive: usize,
    /// Positive items predicted negative.
    pub false_negative: usize,
    /// Negative items predicted negative.
    pub true_negative: usize,
    /// F1 of the positive class.
    pub f1_positive: Option<f64>,
    /// F1 of the negative class.
    pub f1_negative: Option<f64>,
    /// The mean of the two classes' F1.
    pub macro_f1: Option<f64>,
    /// Share of items decided correctly.
    pub accuracy: Option<f64>,
}

/// Measures a two-class decision from its confusion matrix.
pub fn binary(tp: usize, fp: usize, fn_: usize, tn: usize) -> Binary {
    let f1_positive = f1(ratio(tp, tp + fp), ratio(tp, tp + fn_));
    let f1_negative = f1(ratio(tn, tn + fn_), ratio(tn, tn + fp));
    // A class nobody predicted has precision undefined; its F1 is then 0 when the class
    // exists (as scikit-learn's zero_division=0 does), undefined only with no items.
    let or_zero = |f: Option<f64>, present: bool| f.or_else(|| present.then_some(0.0));
    let f1_positive = or_zero(f1_positive, tp + fn_ > 0);
    let f1_negative = or_zero(f1_negative, tn + fp > 0);
    let macro_f1 = match (f1_positive, f1_negative) {
        (Some(a), Some(b)) => Some((a + b) / 2.0),
        _ => None,
    };
    Binary {
        true_positive: tp,
        false_positive: fp,
        false_negative: fn_,
        true_negative: tn,
        f1_positive,
        f1_negative,
        macro_f1,
        accuracy: ratio(tp + tn, tp + fp + fn_ + tn),
    }
}

/// 1-based ranks of `values`, ties sharing the average of the ranks they span.
/// NaN values sort last.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let value = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    order.sort_by(|&a, &b| value(a).total_cmp(&value(b)));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while order
            .get(j + 1)
            .zip(order.get(i))
            .is_some_and(|(&b, &a)| value(b) == value(a))
        {
            j += 1;
        }
        // Positions i..=j (0-based) share ranks i+1..=j+1.
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            if let Some(slot) = order.get(k).and_then(|&o| ranks.get_mut(o)) {
                *slot = avg;
            }
        }
        i = j + 1;
    }
    ranks
}

/// The area under the ROC curve of scores separating `positives` from `negatives`
/// (the Mann-Whitney U statistic over `n_pos · n_neg`; a tie counts one half).
/// `None` when either class is empty.
pub fn roc_auc(positives: &[f64], negatives: &[f64]) -> Option<f64> {
    if positives.is_empty() || negatives.is_empty() {
        return None;
    }
    let all: Vec<f64> = positives.iter().chain(negatives).copied().collect();
    let ranks = average_ranks(&all);
    let rank_sum: f64 = ranks.iter().take(positives.len()).sum();
    let n_pos = positives.len() as f64;
    let n_neg = negatives.len() as f64;
    Some((rank_sum - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg))
}

/// Pearson's correlation of two equally long series; `None` with fewer than two
/// points or when either series is constant.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n < 2 || y.len() != n {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / n as f64;
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

/// Spearman's rank correlation: Pearson's correlation of the average ranks, which is
/// the tie-corrected form.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Rounds to 4 decimals, for tidy output.
pub fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn overlap_needs_one_shared_byte() {
        assert!(overlaps(0, 5, 4, 9));
        assert!(overlaps(4, 9, 0, 5));
        assert!(overlaps(2, 3, 0, 10));
        assert!(!overlaps(0, 5, 5, 9), "touching is not overlapping");
        assert!(!overlaps(5, 9, 0, 5));
        assert!(!overlaps(3, 3, 0, 10), "an empty span overlaps nothing");
    }

    #[test]
    fn precision_recall_f1_by_hand() {
        // Gold: [0,5) [10,15) [20,25) [40,45). Findings: [3,4) hits the first,
        // [12,22) hits the second and third, [30,35) hits nothing.
        let gold = [(0, 5), (10, 15), (20, 25), (40, 45)];
        let findings = [(3, 4), (12, 22), (30, 35)];
        let m = match_spans(&gold, &findings).measures();
        assert_eq!((m.gold, m.gold_matched), (4, 3));
        assert_eq!((m.findings, m.findings_matched), (3, 2));
        assert!(close(m.recall, 0.75));
        assert!(close(m.precision, 2.0 / 3.0));
        // 2·(2/3)·(3/4) / (2/3 + 3/4) = 1 / (17/12) = 12/17
        assert!(close(m.f1, 12.0 / 17.0));
    }

    #[test]
    fn undefined_ratios_are_none() {
        let m = match_spans(&[(0, 1)], &[]).measures();
        assert_eq!(m.precision, None);
        assert!(close(m.recall, 0.0));
        assert_eq!(m.f1, None);
        assert!(close(f1(Some(0.0), Some(0.0)), 0.0));
    }

    #[test]
    fn macro_f1_by_hand() {
        // tp 3, fp 1, fn 2, tn 4.
        // positive: P 3/4, R 3/5 → F1 = 2·.75·.6/1.35 = 2/3
        // negative: P 4/6, R 4/5 → F1 = 2·(2/3)·(4/5)/(2/3+4/5) = (16/15)/(22/15) = 8/11
        let b = binary(3, 1, 2, 4);
        assert!(close(b.f1_positive, 2.0 / 3.0));
        assert!(close(b.f1_negative, 8.0 / 11.0));
        assert!(close(b.macro_f1, (2.0 / 3.0 + 8.0 / 11.0) / 2.0));
        assert!(close(b.accuracy, 0.7));
    }

    #[test]
    fn macro_f1_when_one_class_is_never_predicted() {
        // Everything predicted negative: positive F1 is 0, negative P 5/8, R 1.
        let b = binary(0, 0, 3, 5);
        assert!(close(b.f1_positive, 0.0));
        assert!(close(b.f1_negative, 2.0 * 0.625 / 1.625));
        assert!(close(b.macro_f1, 0.625 / 1.625));
    }

    #[test]
    fn average_ranks_share_ties() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 20.0, 5.0, 20.0]),
            vec![2.0, 4.0, 4.0, 1.0, 4.0]
        );
        assert_eq!(average_ranks(&[]), Vec::<f64>::new());
    }

    #[test]
    fn auc_with_ties_by_hand() {
        // Pairs (pos, neg): 3>1, 3>2, 3>2 → 3; 2 vs 1 → 1, 2 vs 2 → ½ twice; 0 vs all → 0.
        // U = 3 + 1 + 1 + 0 = 5 of 3·3 = 9 pairs.
        assert!(close(
            roc_auc(&[3.0, 2.0, 0.0], &[1.0, 2.0, 2.0]),
            5.0 / 9.0
        ));
        assert!(close(roc_auc(&[1.0, 1.0], &[1.0]), 0.5));
        assert!(close(roc_auc(&[2.0], &[1.0, 0.0]), 1.0));
        assert_eq!(roc_auc(&[], &[1.0]), None);
    }

    #[test]
    fn spearman_with_ties_by_hand() {
        // x ranks: 1, 2.5, 2.5, 4; y ranks: 1, 2, 3, 4.
        // Pearson of those: means 2.5; dx = -1.5, 0, 0, 1.5; dy = -1.5, -.5, .5, 1.5
        // sxy = 2.25 + 0 + 0 + 2.25 = 4.5; sxx = 4.5; syy = 5 → 4.5 / sqrt(22.5)
        let r = spearman(&[1.0, 2.0, 2.0, 3.0], &[10.0, 20.0, 30.0, 40.0]);
        assert!(close(r, 4.5 / 22.5_f64.sqrt()));
        assert!(close(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0));
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0], &[1.0]), None);
    }
}
