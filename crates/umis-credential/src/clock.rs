//! Today's date in UTC from the system clock, for the key ring's file names. Callers that need a
//! clock tests can move pass a date themselves (`KeyRing::load_or_create_on`, `rotate_on`).

use umis_domain::Date;

const SECS_PER_DAY: u64 = 86_400;

/// Today's date in UTC.
pub(crate) fn today_utc() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days(i32::try_from(secs / SECS_PER_DAY).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_after_the_crate_was_written() {
        assert!(super::today_utc() > umis_domain::Date::from_days(20_000));
    }
}
