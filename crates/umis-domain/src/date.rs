//! Civil dates as a day count, so that stay arithmetic is integer arithmetic.
//!
//! The stay engine adds and compares millions of dates during a scan; a plain `i32` day number
//! (days since 1970-01-01, proleptic Gregorian) keeps that cheap and makes "day d + n" exact.

use std::fmt;

/// A calendar date without time zone, stored as days since 1970-01-01.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("not a date of the form YYYY-MM-DD")]
    Format,
    /// Well formed but not a day of the calendar (2026-02-30).
    #[error("no such day in the calendar")]
    NoSuchDay,
}

/// Days in `month` of `year`; `month` must be 1..=12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Parses exactly four digits, a dash, two digits, a dash, two digits; returns the three
/// numbers without checking the calendar. Shared by dates and timestamps.
pub(crate) fn parse_ymd_digits(s: &[u8]) -> Option<(i32, u32, u32)> {
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        s[range].iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
    };
    Some((i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?))
}

impl Date {
    /// The earliest and latest dates umis accepts anywhere.
    pub const MIN: Date = Date(-719_162); // 0001-01-01
    /// See [`Date::MIN`].
    pub const MAX: Date = Date(2_932_896); // 9999-12-31

    /// The date for a calendar day, or `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses `YYYY-MM-DD` strictly: no spaces, no time part, a real calendar day.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let (y, m, d) = parse_ymd_digits(s.as_bytes()).ok_or(DateError::Format)?;
        Date::from_ymd(y, m, d).ok_or(DateError::NoSuchDay)
    }

    /// The date `days` days since 1970-01-01 (negative before).
    pub fn from_days(days: i32) -> Date {
        Date(days.clamp(Date::MIN.0, Date::MAX.0))
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// This date moved by `n` days (saturating at the supported range).
    #[must_use]
    pub fn add_days(self, n: i32) -> Date {
        Date::from_days(self.0.saturating_add(n))
    }

    /// Number of days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.0 - earlier.0
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The year of this date.
    pub fn year(self) -> i32 {
        self.ymd().0
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).map_err(|e| serde::de::Error::custom(format!("{e}: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_rejects() {
        let cases = [
            ("1970-01-01", Ok("1970-01-01")),
            ("2024-02-29", Ok("2024-02-29")),
            ("2026-02-30", Err(DateError::NoSuchDay)),
            ("2100-02-29", Err(DateError::NoSuchDay)),
            ("2026-13-01", Err(DateError::NoSuchDay)),
            ("2026-1-01", Err(DateError::Format)),
            ("2026-01-01T00:00:00Z", Err(DateError::Format)),
            (" 2026-01-01", Err(DateError::Format)),
            ("", Err(DateError::Format)),
            ("２０２６-01-01", Err(DateError::Format)),
        ];
        for (input, expected) in cases {
            let got = Date::parse(input).map(|d| d.to_string());
            assert_eq!(got, expected.map(str::to_owned), "input {input:?}");
        }
        assert_eq!(Date::parse("1970-01-01").map(Date::days), Ok(0));
        assert_eq!(Date::parse("0001-01-01"), Ok(Date::MIN));
        assert_eq!(Date::parse("9999-12-31"), Ok(Date::MAX));
    }

    proptest! {
        #[test]
        fn day_numbers_round_trip(n in Date::MIN.0..=Date::MAX.0) {
            let d = Date::from_days(n);
            prop_assert_eq!(Date::parse(&d.to_string()), Ok(d));
            prop_assert_eq!(d.add_days(1).days_since(d), 1);
        }
    }
}
