//! RFC 3339 timestamps with an explicit offset, kept as UTC nanoseconds.
//!
//! The crossing date is a local calendar date in the rule pack's time zone, so the instant is
//! what must be exact; the offset the source wrote is kept only for display.

use crate::date::{Date, parse_ymd_digits};
use std::fmt;

/// A moment in time: nanoseconds since 1970-01-01T00:00:00Z, with the offset it was written in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Instant {
    nanos: i64,
    offset_seconds: i32,
}

/// Why a timestamp was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimestampError {
    /// The shape is not `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    #[error("not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS with Z or ±HH:MM)")]
    Format,
    /// The date or time part names no real moment.
    #[error("no such date or time of day")]
    OutOfRange,
    /// A date and time without `Z` or `±HH:MM`.
    #[error("timestamp has no UTC offset (add Z or ±HH:MM)")]
    MissingOffset,
    /// The year is outside 1900–2199, the range umis stores.
    #[error("year outside 1900-2199")]
    YearOutOfRange,
}

const NANOS_PER_SECOND: i64 = 1_000_000_000;

fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(u32::from(a - b'0') * 10 + u32::from(c - b'0'))
        }
        _ => None,
    }
}

impl Instant {
    /// Parses a strict RFC 3339 timestamp; an offset is mandatory.
    pub fn parse(s: &str) -> Result<Instant, TimestampError> {
        let b = s.as_bytes();
        if b.len() < 19 {
            return Err(TimestampError::Format);
        }
        let (y, mo, d) = parse_ymd_digits(&b[..10]).ok_or(TimestampError::Format)?;
        if !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
            return Err(TimestampError::Format);
        }
        let hh = two_digits(&b[11..13]).ok_or(TimestampError::Format)?;
        let mm = two_digits(&b[14..16]).ok_or(TimestampError::Format)?;
        let ss = two_digits(&b[17..19]).ok_or(TimestampError::Format)?;
        let mut rest = &b[19..];
        let mut frac_nanos: i64 = 0;
        if let [b'.', tail @ ..] = rest {
            let digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                return Err(TimestampError::Format);
            }
            for (i, c) in tail[..digits].iter().enumerate() {
                frac_nanos += i64::from(c - b'0') * 10i64.pow(8 - i as u32);
            }
            rest = &tail[digits..];
        }
        let offset_seconds: i32 = match rest {
            [] => return Err(TimestampError::MissingOffset),
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let oh = two_digits(&[*h1, *h2]).ok_or(TimestampError::Format)?;
                let om = two_digits(&[*m1, *m2]).ok_or(TimestampError::Format)?;
                if oh > 23 || om > 59 {
                    return Err(TimestampError::OutOfRange);
                }
                let secs = (oh * 3600 + om * 60) as i32;
                if *sign == b'-' { -secs } else { secs }
            }
            _ => return Err(TimestampError::Format),
        };
        if hh > 23 || mm > 59 || ss > 59 {
            return Err(TimestampError::OutOfRange);
        }
        if !(1900..=2199).contains(&y) {
            return Err(TimestampError::YearOutOfRange);
        }
        let date = Date::from_ymd(y, mo, d).ok_or(TimestampError::OutOfRange)?;
        let local_seconds = i64::from(date.days()) * 86_400 + i64::from(hh * 3600 + mm * 60 + ss);
        let utc_seconds = local_seconds - i64::from(offset_seconds);
        Ok(Instant { nanos: utc_seconds * NANOS_PER_SECOND + frac_nanos, offset_seconds })
    }

    /// Rebuilds an instant from stored parts.
    pub fn from_parts(nanos: i64, offset_seconds: i32) -> Instant {
        Instant { nanos, offset_seconds }
    }

    /// Nanoseconds since the Unix epoch, UTC.
    pub fn nanos(self) -> i64 {
        self.nanos
    }

    /// Whole seconds since the Unix epoch, UTC (floored).
    pub fn seconds(self) -> i64 {
        self.nanos.div_euclid(NANOS_PER_SECOND)
    }

    /// The offset from UTC the source wrote, in seconds.
    pub fn offset_seconds(self) -> i32 {
        self.offset_seconds
    }

    /// The calendar date at this instant for a fixed UTC offset.
    pub fn date_at_offset(self, offset_seconds: i32) -> Date {
        let local = self.seconds() + i64::from(offset_seconds);
        Date::from_days(i32::try_from(local.div_euclid(86_400)).unwrap_or(i32::MAX))
    }
}

impl fmt::Display for Instant {
    /// Writes the instant as RFC 3339 in the offset it was given in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.seconds() + i64::from(self.offset_seconds);
        let date = Date::from_days(i32::try_from(local.div_euclid(86_400)).unwrap_or(0));
        let sod = local.rem_euclid(86_400);
        write!(f, "{date}T{:02}:{:02}:{:02}", sod / 3600, sod % 3600 / 60, sod % 60)?;
        let frac = self.nanos.rem_euclid(NANOS_PER_SECOND);
        if frac != 0 {
            let digits = format!("{frac:09}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        match self.offset_seconds {
            0 => f.write_str("Z"),
            o => {
                let sign = if o < 0 { '-' } else { '+' };
                let a = o.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_spec_example_and_keeps_its_offset() {
        let t = Instant::parse("2026-03-01T22:30:00Z")
            .map(|t| (t.to_string(), t.date_at_offset(4 * 3600).to_string()));
        assert_eq!(t, Ok(("2026-03-01T22:30:00Z".into(), "2026-03-02".into())));
        let baku = Instant::parse("2026-04-05T10:00:00+04:00");
        assert_eq!(baku.map(|t| t.seconds()), Instant::parse("2026-04-05T06:00:00Z").map(|t| t.seconds()));
        assert_eq!(
            Instant::parse("2026-04-05T10:00:00.250-03:30").map(|t| t.to_string()),
            Ok("2026-04-05T10:00:00.25-03:30".into())
        );
    }

    #[test]
    fn refuses_what_is_not_rfc3339_with_offset() {
        let cases = [
            ("2026-03-01T22:30:00", TimestampError::MissingOffset),
            ("2026-03-01 22:30:00Z", TimestampError::Format),
            ("2026-02-30T22:30:00Z", TimestampError::OutOfRange),
            ("2026-03-01T24:00:00Z", TimestampError::OutOfRange),
            ("2026-03-01T22:30:00+4:00", TimestampError::Format),
            ("2026-03-01T22:30:00.Z", TimestampError::Format),
            ("2026-03-01", TimestampError::Format),
            ("1800-03-01T22:30:00Z", TimestampError::YearOutOfRange),
            ("2026-03-01T22:30:00Z ", TimestampError::Format),
        ];
        for (input, err) in cases {
            assert_eq!(Instant::parse(input), Err(err), "{input:?}");
        }
    }
}
