//! The business-day calendar: weekends and the public holidays of the catalogue file, and the
//! deadlines counted on it.
//!
//! Counting rules (the authority's practice, stated once here so every deadline agrees):
//! an application filed on a non-business day counts as filed on the next business day; the day
//! of filing itself never counts; a deadline in calendar days, months or years that lands on a
//! non-business day moves to the next business day. Counting is arithmetic over sorted holiday
//! dates, not a day-by-day walk, so a hostile period of millions of days costs microseconds.

use super::model::{Period, Provenance, Texts, Unit};
use umis_domain::Date;
use umis_domain::date::days_in_month;

/// A public holiday (or a day off transferred from one) with the dates it falls on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Its name.
    pub names: Texts,
    /// The days off, in the order the file lists them.
    pub dates: Vec<Date>,
    /// The legal source of the dates.
    pub provenance: Provenance,
}

/// Weekends (Saturday, Sunday) and holidays.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: Vec<Holiday>,
    /// Holiday dates that fall on a weekday, sorted, without duplicates: the only days besides
    /// weekends that are not business days.
    off: Vec<i64>,
}

/// Monday = 0 … Sunday = 6; 1970-01-01 (day 0) was a Thursday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// Weekdays strictly before `day`, counted from a fixed Monday: a difference of two of these
/// is the number of weekdays between them.
fn weekdays_before(day: i64) -> i64 {
    let x = day + 3;
    x.div_euclid(7) * 5 + x.rem_euclid(7).min(5)
}

fn to_date(day: i64) -> Date {
    Date::from_days(i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX }))
}

const MAX_DAY: i64 = 2_932_896; // Date::MAX

impl Calendar {
    /// A calendar of these holidays (weekends are always days off).
    pub fn new(holidays: Vec<Holiday>) -> Calendar {
        let mut off: Vec<i64> = holidays
            .iter()
            .flat_map(|h| h.dates.iter())
            .map(|d| i64::from(d.days()))
            .filter(|&d| weekday(d) < 5)
            .collect();
        off.sort_unstable();
        off.dedup();
        Calendar { holidays, off }
    }

    /// The holidays, as the file lists them.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The holidays that fall on `day`.
    pub fn holidays_on(&self, day: Date) -> impl Iterator<Item = &Holiday> {
        self.holidays.iter().filter(move |h| h.dates.contains(&day))
    }

    /// The first and last year with a holiday: outside them only weekends are known.
    pub fn years_covered(&self) -> Option<(i32, i32)> {
        let first = self.holidays.iter().flat_map(|h| h.dates.iter()).min()?;
        let last = self.holidays.iter().flat_map(|h| h.dates.iter()).max()?;
        Some((first.year(), last.year()))
    }

    /// Whether the authority works on `day`.
    pub fn is_business_day(&self, day: Date) -> bool {
        self.is_business(i64::from(day.days()))
    }

    fn is_business(&self, day: i64) -> bool {
        weekday(day) < 5 && self.off.binary_search(&day).is_err()
    }

    /// Business days in `(a, b]`.
    fn count(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let weekdays = weekdays_before(b + 1) - weekdays_before(a + 1);
        let holidays = self.off.partition_point(|&h| h <= b) - self.off.partition_point(|&h| h <= a);
        weekdays - i64::try_from(holidays).unwrap_or(0)
    }

    /// The first business day on or after `day` (saturating at the last supported date).
    fn roll(&self, mut day: i64) -> i64 {
        while !self.is_business(day) && day < MAX_DAY {
            day += 1;
        }
        day
    }

    /// The first business day on or after `day`.
    pub fn next_business_day(&self, day: Date) -> Date {
        to_date(self.roll(i64::from(day.days())))
    }

    /// The `n`-th business day after `start` (the day of filing does not count; a filing on a
    /// non-business day counts from the next business day; `n = 0` gives that day itself).
    /// Always a business day, strictly later for every larger `n`, saturating at
    /// 9999-12-31.
    pub fn add_business_days(&self, start: Date, n: u32) -> Date {
        let base = self.roll(i64::from(start.days()));
        let n = i64::from(n);
        let mut t = base;
        loop {
            let have = self.count(base, t);
            if have >= n {
                break;
            }
            // Each day adds at most one business day, so jumping by the shortfall never passes
            // the answer; the shortfall shrinks geometrically.
            t += n - have;
            if t >= MAX_DAY {
                return to_date(MAX_DAY);
            }
        }
        // `t` closes the n-th business day's stretch; step back over the days off after it.
        while t > base && !self.is_business(t) {
            t -= 1;
        }
        to_date(t)
    }

    /// Business days after `a` up to and including `b`; negative when `b` is before `a`.
    /// For a business day `a`, `business_days_between(a, add_business_days(a, n)) == n`.
    pub fn business_days_between(&self, a: Date, b: Date) -> i64 {
        let (a, b) = (i64::from(a.days()), i64::from(b.days()));
        if b >= a { self.count(a, b) } else { -self.count(b, a) }
    }

    /// The last day of `deadline` for a case filed on `submitted_on`: business days counted
    /// with [`Calendar::add_business_days`]; other units counted on the calendar, then moved
    /// to the next business day when they land on a day off.
    pub fn deadline(&self, submitted_on: Date, deadline: &Period) -> Date {
        match deadline.unit {
            Unit::BusinessDays => self.add_business_days(submitted_on, deadline.count),
            _ => self.next_business_day(shift(submitted_on, deadline, 1)),
        }
    }
}

/// `day` moved by `period` forward (`sign = 1`) or back (`sign = -1`) on the plain calendar;
/// business days are counted as calendar days here (callers that need them use [`Calendar`]).
pub(crate) fn shift(day: Date, period: &Period, sign: i32) -> Date {
    let count = i32::try_from(period.count).unwrap_or(i32::MAX).saturating_mul(sign);
    match period.unit {
        Unit::BusinessDays | Unit::CalendarDays => day.add_days(count),
        Unit::Months => add_months(day, count),
        Unit::Years => add_months(day, count.saturating_mul(12)),
    }
}

/// `day` moved by `months`, keeping the day of month or taking the month's last day
/// (31 January + 1 month = 28 or 29 February); saturating at the supported range.
pub(crate) fn add_months(day: Date, months: i32) -> Date {
    let (y, m, d) = day.ymd();
    let total = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months);
    let (year, month) = (total.div_euclid(12), u32::try_from(total.rem_euclid(12)).unwrap_or(0) + 1);
    let Ok(year) = i32::try_from(year) else { return if months < 0 { Date::MIN } else { Date::MAX } };
    if year < 1 {
        return Date::MIN;
    }
    if year > 9999 {
        return Date::MAX;
    }
    Date::from_ymd(year, month, d.min(days_in_month(year, month))).unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or(Date::MIN)
    }

    #[test]
    fn weekday_arithmetic_matches_a_walk() {
        let cal = Calendar::default();
        let start = i64::from(d("2025-12-20").days());
        for a in start..start + 15 {
            for b in a..a + 40 {
                let walked = (a + 1..=b).filter(|&x| weekday(x) < 5).count();
                assert_eq!(cal.count(a, b), i64::try_from(walked).unwrap_or(-1), "({a}, {b}]");
            }
        }
        assert_eq!(weekday(i64::from(d("2026-11-30").days())), 0);
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        let cases = [
            ("2026-01-31", 1, "2026-02-28"),
            ("2028-01-31", 1, "2028-02-29"),
            ("2026-03-31", -1, "2026-02-28"),
            ("2026-05-15", 12, "2027-05-15"),
            ("2026-05-15", -5, "2025-12-15"),
            ("9999-12-01", 1, "9999-12-31"),
            ("0001-01-15", -1, "0001-01-01"),
        ];
        for (from, months, want) in cases {
            assert_eq!(add_months(d(from), months), d(want), "{from} {months:+}");
        }
    }
}
