//! The current date, read in one place so that every caller agrees on it (UTC).

use umis_domain::Date;

/// Today's date in UTC.
pub fn today_utc() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days(i32::try_from(secs.div_euclid(86_400)).unwrap_or(0))
}
