//! The business-day calendar: weekends, the public holidays, the days off carried over from
//! them and declared by the Cabinet, the weekend days the Cabinet made working days, all from
//! the catalogue file, and the deadlines counted on it.
//!
//! Counting rules (the authority's practice, stated once here so every deadline agrees):
//! an application filed on a non-business day counts as filed on the next business day; the day
//! of filing itself never counts; a deadline in calendar days, months or years that lands on a
//! non-business day moves to the next business day. Counting is arithmetic over sorted dates,
//! not a day-by-day walk, so a hostile period of millions of days costs microseconds.
//!
//! The calendar knows the years the file declares it covers and nothing else: the Cabinet fixes
//! the religious holidays and the swaps of working and rest days each year, so a day outside
//! those years is refused ([`BeyondCalendar`], naming the year) rather than guessed from the
//! weekends alone.

use super::model::{Period, Provenance, Texts, Unit};
use umis_domain::Date;
use umis_domain::date::days_in_month;

/// What a list of days off is: the rule decides whether a day on a rest day is carried over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOffKind {
    /// A public holiday of the Labour Code (Art. 105). When it falls on a rest day or on another
    /// holiday the next working day is a day off, listed as a [`DayOffKind::CarryOver`], unless
    /// `carried_over` is false: 20 January, the Day of Nationwide Mourning, is never carried over.
    Holiday {
        /// Whether a date on a rest day or another holiday is carried over.
        carried_over: bool,
    },
    /// Days off carried over from holidays: `dates[i]` replaces the holiday date `replaces[i]`.
    CarryOver {
        /// The holiday date each day off replaces, in the order of `dates`.
        replaces: Vec<Date>,
    },
    /// A day off declared once, by the Cabinet or by law: an election day, a declared mourning
    /// day, the rest day of a swap with a working weekend day. Never carried over.
    OneOff,
}

/// A list of days off (a public holiday, its carry-overs, or one-off days) with the dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Its name.
    pub names: Texts,
    /// The days off, in the order the file lists them.
    pub dates: Vec<Date>,
    /// The legal source of the dates.
    pub provenance: Provenance,
    /// Holiday, carry-over or one-off day.
    pub kind: DayOffKind,
}

/// Saturdays and Sundays the Cabinet declared working days (it swaps them with weekdays to
/// bridge holidays).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingWeekendDays {
    /// Why they are worked.
    pub names: Texts,
    /// The weekend days that are working days.
    pub dates: Vec<Date>,
    /// The decision.
    pub provenance: Provenance,
}

/// A day the calendar cannot judge: its year is outside the years the catalogue file covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the business-day calendar covers {first}–{last} only: a deadline that needs {year} cannot be counted \
     until that year's holidays and working days are loaded"
)]
pub struct BeyondCalendar {
    /// The first year needed that is not covered.
    pub year: i32,
    /// The first covered year.
    pub first: i32,
    /// The last covered year.
    pub last: i32,
}

/// Weekends (Saturday, Sunday), days off and working weekend days over the covered years.
#[derive(Debug, Clone)]
pub struct Calendar {
    holidays: Vec<Holiday>,
    working: Vec<WorkingWeekendDays>,
    /// Days off that fall on a weekday, sorted, without duplicates.
    off: Vec<i64>,
    /// Weekend days that are working days, sorted, without duplicates.
    worked: Vec<i64>,
    /// The first and last covered year, and their first and last day numbers.
    years: (i32, i32),
    days: (i64, i64),
}

/// Monday = 0 … Sunday = 6; 1970-01-01 (day 0) was a Thursday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// Whether `day` is a Saturday or a Sunday.
pub(crate) fn is_weekend(day: Date) -> bool {
    weekday(i64::from(day.days())) >= 5
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

/// Sorted, deduplicated day numbers of `dates` that pass `keep`.
fn day_numbers<'a>(dates: impl Iterator<Item = &'a Date>, keep: impl Fn(i64) -> bool) -> Vec<i64> {
    let mut out: Vec<i64> = dates.map(|d| i64::from(d.days())).filter(|&d| keep(d)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Entries of a sorted list in `(a, b]`.
fn between(sorted: &[i64], a: i64, b: i64) -> i64 {
    i64::try_from(sorted.partition_point(|&h| h <= b) - sorted.partition_point(|&h| h <= a)).unwrap_or(0)
}

impl Calendar {
    /// A calendar of these days off and working weekend days over the years `first..=last`
    /// (weekends are days off unless listed as worked). The catalogue file's reader checks
    /// that every date lies in those years and that carry-overs follow the Labour Code.
    pub fn new(
        holidays: Vec<Holiday>,
        working: Vec<WorkingWeekendDays>,
        (first, last): (i32, i32),
    ) -> Calendar {
        let off = day_numbers(holidays.iter().flat_map(|h| h.dates.iter()), |d| weekday(d) < 5);
        let worked = day_numbers(working.iter().flat_map(|w| w.dates.iter()), |d| weekday(d) >= 5);
        let day = |y, m, d| Date::from_ymd(y, m, d).map_or(0, |x| i64::from(x.days()));
        let days = (day(first, 1, 1), day(last, 12, 31));
        Calendar { holidays, working, off, worked, years: (first, last), days }
    }

    /// The lists of days off, as the file gives them.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The weekend days declared working days, as the file gives them.
    pub fn working_weekend_days(&self) -> &[WorkingWeekendDays] {
        &self.working
    }

    /// The lists of days off that include `day`.
    pub fn holidays_on(&self, day: Date) -> impl Iterator<Item = &Holiday> {
        self.holidays.iter().filter(move |h| h.dates.contains(&day))
    }

    /// The first and last year the calendar covers: outside them no day can be judged.
    pub fn years_covered(&self) -> (i32, i32) {
        self.years
    }

    /// Refuses a day outside the covered years, naming its year.
    fn check(&self, day: i64) -> Result<(), BeyondCalendar> {
        let (first, last) = self.years;
        if (self.days.0..=self.days.1).contains(&day) {
            return Ok(());
        }
        let year = if day < self.days.0 { to_date(day).year() } else { last.saturating_add(1) };
        Err(BeyondCalendar { year, first, last })
    }

    /// Whether the authority works on `day`.
    pub fn is_business_day(&self, day: Date) -> Result<bool, BeyondCalendar> {
        let day = i64::from(day.days());
        self.check(day)?;
        Ok(self.is_business(day))
    }

    fn is_business(&self, day: i64) -> bool {
        if weekday(day) < 5 {
            self.off.binary_search(&day).is_err()
        } else {
            self.worked.binary_search(&day).is_ok()
        }
    }

    /// Business days in `(a, b]` (both within the covered years).
    fn count(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        weekdays_before(b + 1) - weekdays_before(a + 1) - between(&self.off, a, b)
            + between(&self.worked, a, b)
    }

    /// The first business day on or after `day`.
    fn roll(&self, mut day: i64) -> Result<i64, BeyondCalendar> {
        self.check(day)?;
        while !self.is_business(day) {
            day += 1;
            self.check(day)?;
        }
        Ok(day)
    }

    /// The first business day on or after `day`.
    pub fn next_business_day(&self, day: Date) -> Result<Date, BeyondCalendar> {
        self.roll(i64::from(day.days())).map(to_date)
    }

    /// The `n`-th business day after `start` (the day of filing does not count; a filing on a
    /// non-business day counts from the next business day; `n = 0` gives that day itself).
    /// Always a business day, strictly later for every larger `n`; refused when it would lie
    /// beyond the covered years, so a huge `n` costs no more than a small one.
    pub fn add_business_days(&self, start: Date, n: u32) -> Result<Date, BeyondCalendar> {
        let base = self.roll(i64::from(start.days()))?;
        let n = i64::from(n);
        let mut t = base;
        loop {
            let have = self.count(base, t);
            if have >= n {
                break;
            }
            // Each day adds at most one business day (a worked weekend day included), so jumping
            // by the shortfall never passes the answer; the shortfall shrinks geometrically.
            t += n - have;
            // The answer lies after `t`: past the last covered day it cannot be counted.
            self.check(t)?;
        }
        // `t` closes the n-th business day's stretch; step back over the days off after it.
        while t > base && !self.is_business(t) {
            t -= 1;
        }
        Ok(to_date(t))
    }

    /// Business days after `a` up to and including `b`; negative when `b` is before `a`.
    /// For a business day `a`, `business_days_between(a, add_business_days(a, n)) == n`.
    pub fn business_days_between(&self, a: Date, b: Date) -> Result<i64, BeyondCalendar> {
        let (a, b) = (i64::from(a.days()), i64::from(b.days()));
        self.check(a)?;
        self.check(b)?;
        Ok(if b >= a { self.count(a, b) } else { -self.count(b, a) })
    }

    /// The last day of `deadline` for a case filed on `submitted_on`: business days counted
    /// with [`Calendar::add_business_days`]; other units counted on the calendar, then moved
    /// to the next business day when they land on a day off. Refused, naming the year, when
    /// the count needs a day outside the covered years.
    pub fn deadline(&self, submitted_on: Date, deadline: &Period) -> Result<Date, BeyondCalendar> {
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
        let cal = Calendar::new(Vec::new(), Vec::new(), (2025, 2026));
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
