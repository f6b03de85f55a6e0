//! Slowing down guessing: per user name (and per TOTP account), in memory.
//!
//! The first five failures cost nothing; after that each further attempt must wait twice as
//! long as the last (2 s, 4 s, … up to 15 minutes), so the sixth guess already waits. Unknown
//! names are counted exactly like known ones, so throttling itself reveals nothing. A success
//! clears the count. The map is bounded: when full, entries whose wait has passed are dropped
//! first.

use super::AccountError;
use std::collections::HashMap;
use std::sync::Mutex;

/// Failures allowed before waits begin.
pub const FREE_FAILURES: u32 = 5;
/// The longest wait between attempts.
pub const MAX_WAIT_SECS: i64 = 15 * 60;
const MAX_ENTRIES: usize = 100_000;
const NS: i64 = 1_000_000_000;

/// Consecutive failures and the earliest next attempt, per key.
#[derive(Debug, Default)]
pub struct SignInThrottle {
    entries: Mutex<HashMap<String, (u32, i64)>>,
}

impl SignInThrottle {
    /// A throttle with no history.
    pub fn new() -> SignInThrottle {
        SignInThrottle::default()
    }

    /// Refuses an attempt made before the key's wait has passed.
    pub fn check(&self, key: &str, now_ns: i64) -> Result<(), AccountError> {
        let Ok(map) = self.entries.lock() else { return Ok(()) };
        match map.get(key) {
            Some(&(_, next)) if next > now_ns => Err(AccountError::Throttled {
                retry_after_secs: u64::try_from((next - now_ns) / NS + 1).unwrap_or(1),
            }),
            _ => Ok(()),
        }
    }

    /// Counts a failure; returns the consecutive failures so far.
    pub fn failed(&self, key: &str, now_ns: i64) -> u32 {
        let Ok(mut map) = self.entries.lock() else { return 0 };
        if map.len() >= MAX_ENTRIES && !map.contains_key(key) {
            map.retain(|_, (_, next)| *next > now_ns);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        let entry = map.entry(key.to_owned()).or_insert((0, 0));
        entry.0 = entry.0.saturating_add(1);
        // The attempt after the fifth failure already waits (2 s), so at most five guesses are
        // free. The power saturates: a shift would turn negative at 2^63 and cancel the wait.
        if entry.0 >= FREE_FAILURES {
            let wait = 2_i64.saturating_pow(entry.0 - FREE_FAILURES + 1).min(MAX_WAIT_SECS);
            entry.1 = now_ns.saturating_add(wait * NS);
        }
        entry.0
    }

    /// Clears the key after a success.
    pub fn succeeded(&self, key: &str) {
        if let Ok(mut map) = self.entries.lock() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_from_the_fifth_failure_and_clear_on_success() {
        let t = SignInThrottle::new();
        let mut now = 0;
        for _ in 0..FREE_FAILURES - 1 {
            assert!(t.check("a", now).is_ok());
            t.failed("a", now);
        }
        assert!(t.check("a", now).is_ok(), "the fifth guess is still free");
        t.failed("a", now);
        assert!(matches!(t.check("a", now), Err(AccountError::Throttled { retry_after_secs: 3 })));
        now += 2 * NS;
        assert!(t.check("a", now).is_ok());
        t.failed("a", now);
        assert!(matches!(t.check("a", now), Err(AccountError::Throttled { retry_after_secs: 5 })));
        assert!(t.check("b", now).is_ok(), "other names are not affected");
        t.succeeded("a");
        assert!(t.check("a", now).is_ok());
    }

    /// (failures so far, seconds the next attempt waits)
    const WAITS: &[(u32, u64)] =
        &[(1, 0), (4, 0), (5, 2), (6, 4), (9, 32), (14, 900), (62, 900), (67, 900), (68, 900), (200, 900)];

    #[test]
    fn the_wait_doubles_to_its_ceiling_and_stays_there() {
        let t = SignInThrottle::new();
        let now = 1_000 * NS;
        let mut failures = 0;
        for &(after, wait) in WAITS {
            while failures < after {
                failures = t.failed("k", now);
            }
            let retry_after = match t.check("k", now) {
                Ok(()) => 0,
                Err(AccountError::Throttled { retry_after_secs }) => retry_after_secs,
                Err(_) => u64::MAX,
            };
            let expected = if wait == 0 { 0 } else { wait + 1 };
            assert_eq!(retry_after, expected, "after {after} failures");
        }
    }
}
