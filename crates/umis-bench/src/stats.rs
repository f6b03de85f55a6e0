//! Latency summaries: nearest-rank percentiles of measured request times, in milliseconds.

use std::time::Duration;

/// Percentiles of a set of latencies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Summary {
    /// Requests measured.
    pub count: usize,
    /// Median, ms.
    pub p50: f64,
    /// 95th percentile, ms.
    pub p95: f64,
    /// 99th percentile, ms.
    pub p99: f64,
    /// Slowest, ms.
    pub max: f64,
}

/// The nearest-rank `p` percentile (0 < p ≤ 1) of sorted latencies: the smallest value that at
/// least `p` of them do not exceed.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len().max(1)) - 1).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Summarises `latencies` (in any order); `None` when there are none.
pub(super) fn summarise(mut latencies: Vec<Duration>) -> Option<Summary> {
    if latencies.is_empty() {
        return None;
    }
    latencies.sort_unstable();
    Some(Summary {
        count: latencies.len(),
        p50: ms(percentile(&latencies, 0.50)),
        p95: ms(percentile(&latencies, 0.95)),
        p99: ms(percentile(&latencies, 0.99)),
        max: ms(latencies.last().copied().unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected count, then p50, p95, p99 and max in whole milliseconds.
    type Want = Option<(usize, u64, u64, u64, u64)>;

    fn check(millis: &[u64], want: Want) {
        let whole = |ms: f64| ms.round() as u64;
        let got = summarise(millis.iter().map(|&m| Duration::from_millis(m)).collect())
            .map(|s| (s.count, whole(s.p50), whole(s.p95), whole(s.p99), whole(s.max)));
        assert_eq!(got, want, "{millis:?}");
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let hundred: Vec<u64> = (1..=100).rev().collect();
        let cases: &[(&[u64], Want)] = &[
            (&[], None),
            (&[7], Some((1, 7, 7, 7, 7))),
            (&[3, 1, 2], Some((3, 2, 3, 3, 3))),
            (&[1, 1, 1, 1000], Some((4, 1, 1000, 1000, 1000))),
            (&hundred, Some((100, 50, 95, 99, 100))),
        ];
        for (input, want) in cases {
            check(input, *want);
        }
    }
}
