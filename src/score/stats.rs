//! The statistics behind profiles and comparisons: a small seeded PRNG (splitmix64) so
//! bootstrap intervals come out the same byte for byte on every machine, the percentile
//! bootstrap of article-level means, and the log-odds ratio with an informative
//! Dirichlet prior (Monroe, Colaresi & Quinn 2008) that ranks distinctive words.
//!
//! Nothing here returns NaN or infinity: where a statistic is undefined the function
//! says so with `None`.

use rayon::prelude::*;
use serde::Serialize;

/// The splitmix64 generator (Steele, Lea & Flood 2014): tiny, fast, and fully
/// specified, so a fixed seed gives the same stream on every platform and version —
/// which a crate's PRNG does not promise across releases.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.state)
    }

    /// A uniform integer in `0..n` (0 when `n` is 0), by Lemire's multiply-shift: the
    /// bias is below n / 2^64, far under anything a bootstrap could notice.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The splitmix64 finalizer: a bijective mix of 64 bits.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of `bytes`: a stable hash (unlike `std`'s, which may change between Rust
/// releases) to derive per-outlet seeds from names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// Rounds to 4 decimals, the precision of every rate framescope prints.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A mean with its percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanInterval {
    /// The mean over the units.
    pub mean: f64,
    /// Lower bound of the interval.
    pub low: f64,
    /// Upper bound of the interval.
    pub high: f64,
}

/// Percentile-bootstrap intervals for the means of `width` variables measured on the
/// same units. `rows` is row-major: unit `k`'s values are `rows[k*width..(k+1)*width]`.
/// Each resample draws as many units as there are, with replacement, and the same
/// draw serves every variable (so it costs one pass per resample, not one per
/// variable). Resample `b` uses its own generator seeded from `seed` and `b`, so the
/// resamples run in parallel and the result does not depend on the thread count.
///
/// Returns `None` when there are no units. `level` is the coverage (0.95).
pub fn bootstrap_means(
    rows: &[f64],
    width: usize,
    resamples: usize,
    level: f64,
    seed: u64,
) -> Option<Vec<MeanInterval>> {
    if width == 0 || rows.is_empty() || rows.len() % width != 0 || resamples == 0 {
        return None;
    }
    let units = rows.len() / width;
    let means = column_means(rows, width, units);
    let draws: Vec<Vec<f64>> = (0..resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = SplitMix64::new(mix64(seed ^ mix64(b as u64 + 1)));
            let mut sums = vec![0.0; width];
            for _ in 0..units {
                let k = rng.below(units);
                if let Some(row) = rows.get(k * width..(k + 1) * width) {
                    for (s, v) in sums.iter_mut().zip(row) {
                        *s += v;
                    }
                }
            }
            sums.iter().map(|s| s / units as f64).collect()
        })
        .collect();
    let tail = (1.0 - level.clamp(0.0, 1.0)) / 2.0;
    let out = (0..width)
        .map(|j| {
            let mut values: Vec<f64> = draws.iter().filter_map(|d| d.get(j).copied()).collect();
            values.sort_by(f64::total_cmp);
            MeanInterval {
                mean: means.get(j).copied().unwrap_or(0.0),
                low: percentile(&values, tail),
                high: percentile(&values, 1.0 - tail),
            }
        })
        .collect();
    Some(out)
}

fn column_means(rows: &[f64], width: usize, units: usize) -> Vec<f64> {
    let mut sums = vec![0.0; width];
    for row in rows.chunks_exact(width) {
        for (s, v) in sums.iter_mut().zip(row) {
            *s += v;
        }
    }
    sums.iter().map(|s| s / units as f64).collect()
}

/// The value at fraction `p` of sorted `values`, by the nearest rank on `0..=n-1`.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return 0.0;
    };
    let rank = (p * last as f64).round() as usize;
    sorted.get(rank.min(last)).copied().unwrap_or(0.0)
}

/// The log-odds ratio of a word between a group and the rest, with its z-score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LogOdds {
    /// The estimated log-odds ratio δ (group vs rest).
    pub delta: f64,
    /// δ divided by its estimated standard deviation.
    pub z: f64,
}

/// The log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi & Quinn
/// (2008), "Fightin' Words", eqs. 16 and 18–20:
///
/// δ = log((yᵢ+αw) / (nᵢ+α₀−yᵢ−αw)) − log((yⱼ+αw) / (nⱼ+α₀−yⱼ−αw)),
/// σ² ≈ 1/(yᵢ+αw) + 1/(yⱼ+αw), z = δ / σ,
///
/// where `y_group`/`n_group` are the word's count and all words of the group,
/// `y_rest`/`n_rest` the same for everyone else, and `alpha_w`/`alpha_0` the prior
/// count of the word and of all words. `None` when a term is undefined (a zero or
/// negative count under a logarithm), never NaN.
pub fn log_odds(
    y_group: f64,
    n_group: f64,
    y_rest: f64,
    n_rest: f64,
    alpha_w: f64,
    alpha_0: f64,
) -> Option<LogOdds> {
    let a = y_group + alpha_w;
    let b = n_group + alpha_0 - y_group - alpha_w;
    let c = y_rest + alpha_w;
    let d = n_rest + alpha_0 - y_rest - alpha_w;
    if !(a > 0.0 && b > 0.0 && c > 0.0 && d > 0.0) {
        return None;
    }
    let delta = (a / b).ln() - (c / d).ln();
    let sigma = (1.0 / a + 1.0 / c).sqrt();
    let z = delta / sigma;
    (delta.is_finite() && z.is_finite()).then_some(LogOdds { delta, z })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_stream() {
        // First outputs for seed 1234567 from the reference C implementation
        // (Vigna, prng.di.unimi.it/splitmix64.c).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(rng.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = SplitMix64::new(7);
        assert!((0..10_000).all(|_| rng.below(3) < 3));
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn fnv1a_reference_values() {
        assert_eq!(fnv1a(b""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xAF63_DC4C_8601_EC8C);
    }

    #[test]
    fn bootstrap_of_constant_values_is_a_point() {
        let rows = [2.5, 1.0, 2.5, 1.0, 2.5, 1.0];
        let r = bootstrap_means(&rows, 2, 200, 0.95, 1);
        let Some(r) = r else { panic!("no interval") };
        assert_eq!(r.len(), 2);
        assert_eq!(
            r.first().copied(),
            Some(MeanInterval {
                mean: 2.5,
                low: 2.5,
                high: 2.5
            })
        );
        assert_eq!(
            r.get(1).map(|m| (m.mean, m.low, m.high)),
            Some((1.0, 1.0, 1.0))
        );
    }

    #[test]
    fn bootstrap_interval_brackets_the_mean_and_is_reproducible() {
        let rows: Vec<f64> = (0..50).map(|i| f64::from(i % 10)).collect();
        let a = bootstrap_means(&rows, 1, 1000, 0.95, 42);
        let b = bootstrap_means(&rows, 1, 1000, 0.95, 42);
        assert_eq!(a, b);
        let Some(m) = a.and_then(|v| v.first().copied()) else {
            panic!("no interval")
        };
        assert_eq!(m.mean, 4.5);
        assert!(m.low < 4.5 && m.high > 4.5, "{m:?}");
        // The standard error of the mean is 2.87/√50 ≈ 0.41: the 95% interval is
        // about ±0.8 wide.
        assert!(m.high - m.low > 1.2 && m.high - m.low < 2.1, "{m:?}");
    }

    #[test]
    fn bootstrap_with_nothing_is_none() {
        assert_eq!(bootstrap_means(&[], 1, 10, 0.95, 1), None);
        assert_eq!(bootstrap_means(&[1.0, 2.0, 3.0], 2, 10, 0.95, 1), None);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (0..1000).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.025), 25.0);
        assert_eq!(percentile(&v, 0.975), 974.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn log_odds_hand_computed() {
        // A word used 3 times in a group of 500 words and never in the rest (1,500
        // words); the prior is the pooled count: αw = 3, α₀ = 2000.
        // δ = ln(6/2494) − ln(3/3497) = 1.031165…, σ = √(1/6 + 1/3) = 0.70711…
        let Some(r) = log_odds(3.0, 500.0, 0.0, 1500.0, 3.0, 2000.0) else {
            panic!("undefined")
        };
        assert!((r.delta - 1.031_165).abs() < 1e-5, "{r:?}");
        assert!((r.z - 1.458_287).abs() < 1e-5, "{r:?}");
    }

    #[test]
    fn log_odds_is_symmetric_and_zero_for_equal_use() {
        let r = log_odds(10.0, 1000.0, 10.0, 1000.0, 20.0, 2000.0);
        assert_eq!(r.map(|r| r.z), Some(0.0));
        let up = log_odds(8.0, 900.0, 2.0, 1100.0, 10.0, 2000.0).map(|r| r.z);
        let down = log_odds(2.0, 1100.0, 8.0, 900.0, 10.0, 2000.0).map(|r| -r.z);
        assert_eq!(up.map(round4), down.map(round4));
    }

    #[test]
    fn log_odds_undefined_is_none() {
        assert_eq!(log_odds(0.0, 0.0, 0.0, 0.0, 0.0, 0.0), None);
        assert_eq!(log_odds(5.0, 5.0, 0.0, 0.0, 5.0, 5.0), None);
    }
}
