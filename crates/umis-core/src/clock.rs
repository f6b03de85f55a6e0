//! The current time, read in one place so that every caller agrees on it (UTC), and so that
//! tests can move it (session timeouts, deadlines) without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use umis_domain::Date;

const NANOS_PER_DAY: i64 = 86_400 * 1_000_000_000;

/// Today's date in UTC.
pub fn today_utc() -> Date {
    Clock::System.today()
}

/// Where "now" comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The operating system's clock.
    #[default]
    System,
    /// A clock tests set and advance (UTC nanoseconds).
    Manual(Arc<AtomicI64>),
    /// The operating system's clock plus an offset (nanoseconds) that tests advance: time keeps
    /// flowing in a running server whose clock a test moves on (`umis demo --test-clock`).
    Shifted(Arc<AtomicI64>),
}

impl Clock {
    /// A manual clock at `nanos` since the Unix epoch.
    pub fn manual(nanos: i64) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(nanos)))
    }

    /// The system clock with an offset of zero, to be advanced.
    pub fn shifted() -> Clock {
        Clock::Shifted(Arc::new(AtomicI64::new(0)))
    }

    /// Moves a manual or shifted clock forward (no effect on the system clock).
    pub fn advance_secs(&self, secs: i64) {
        if let Clock::Manual(n) | Clock::Shifted(n) = self {
            n.fetch_add(secs.saturating_mul(1_000_000_000), Ordering::SeqCst);
        }
    }

    /// Now, in UTC nanoseconds since the Unix epoch.
    pub fn now_ns(&self) -> i64 {
        match self {
            Clock::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
                .unwrap_or(0),
            Clock::Manual(n) => n.load(Ordering::SeqCst),
            Clock::Shifted(offset) => Clock::System.now_ns().saturating_add(offset.load(Ordering::SeqCst)),
        }
    }

    /// Today's date in UTC.
    pub fn today(&self) -> Date {
        Date::from_days(i32::try_from(self.now_ns().div_euclid(NANOS_PER_DAY)).unwrap_or(0))
    }

    /// Now as RFC 3339 UTC with milliseconds.
    pub fn now_rfc3339(&self) -> String {
        let n = self.now_ns();
        umis_domain::Instant::from_parts(n - n.rem_euclid(1_000_000), 0).to_string()
    }
}
