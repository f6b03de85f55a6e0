//! The business-day calendar of the builtin catalogue: weekends and holidays skipped, transfers
//! honoured, deadlines in every unit, and the arithmetic checked against a day-by-day walk.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use umis_domain::Date;
use umis_rules::services::{Calendar, Catalogue, Period, Unit};

/// The builtin catalogue, parsed once for this test binary.
static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| Catalogue::builtin().expect("builtin catalogue"));

fn cal() -> &'static Calendar {
    CATALOGUE.calendar()
}

fn d(s: &str) -> Date {
    Date::parse(s).expect("a test date")
}

#[test]
fn weekends_holidays_and_transfers_are_not_business_days() {
    let cases = [
        ("2026-01-01", false), // New Year, Thursday
        ("2026-01-05", true),  // Monday
        ("2026-01-10", false), // Saturday
        ("2026-01-11", false), // Sunday
        ("2026-01-20", false), // Day of Nationwide Mourning
        ("2026-03-09", false), // 8 March fell on a Sunday
        ("2026-03-19", true),
        ("2026-03-20", false), // Novruz and Ramadan
        ("2026-03-27", false), // transferred for Ramadan on Novruz days
        ("2026-03-30", false),
        ("2026-03-31", true),
        ("2025-04-01", false), // Ramadan on a Sunday
        ("2025-06-09", false), // Gurban on a Saturday
        ("2026-05-28", false), // Independence Day and Gurban
        ("2026-05-29", false),
        ("2027-01-04", false), // 2 January 2027 is a Saturday
        ("2027-12-31", false),
        ("2028-01-03", true), // outside the covered years only weekends count
    ];
    for (day, business) in cases {
        assert_eq!(cal().is_business_day(d(day)), business, "{day}");
    }
    let names: Vec<&str> = cal().holidays_on(d("2026-03-20")).map(|h| h.names.en.as_str()).collect();
    assert_eq!(names, ["Novruz", "Ramadan holiday"]);
}

#[test]
fn business_days_are_counted_after_the_day_of_filing() {
    // (filed, business days, due)
    let cases = [
        ("2026-01-09", 1, "2026-01-12"), // a Friday filing + 1 is the Monday
        ("2026-01-08", 1, "2026-01-09"),
        ("2026-01-10", 0, "2026-01-12"), // filed on a Saturday: counts from Monday
        ("2026-01-10", 1, "2026-01-13"),
        ("2026-01-12", 0, "2026-01-12"),
        ("2026-03-19", 1, "2026-03-31"), // Novruz week (with Ramadan) 2026
        ("2025-03-19", 1, "2025-03-27"), // Novruz week 2025
        ("2025-03-19", 3, "2025-04-02"),
        ("2025-03-28", 1, "2025-04-02"), // Ramadan on a Sunday, transferred to 1 April
        ("2025-12-30", 1, "2026-01-05"), // 31 December, New Year, weekend
        ("2026-03-02", 15, "2026-04-02"),
        ("2026-03-02", 20, "2026-04-09"),
    ];
    for (filed, n, due) in cases {
        assert_eq!(cal().add_business_days(d(filed), n), d(due), "{filed} + {n}");
    }
}

#[test]
fn deadlines_in_each_unit_land_on_business_days() {
    let p = |count, unit| Period { count, unit };
    // (filed, period, due)
    let cases = [
        ("2026-03-02", p(15, Unit::BusinessDays), "2026-04-02"),
        ("2026-03-06", p(0, Unit::BusinessDays), "2026-03-06"),
        ("2026-03-08", p(0, Unit::BusinessDays), "2026-03-10"),
        ("2026-03-02", p(10, Unit::CalendarDays), "2026-03-12"),
        ("2026-03-10", p(15, Unit::CalendarDays), "2026-03-31"), // lands in Novruz
        ("2026-02-27", p(3, Unit::Months), "2026-06-01"),        // Gurban, Independence Day, weekend
        ("2026-01-31", p(1, Unit::Months), "2026-03-02"),        // 28 February is a Saturday
        ("2026-02-02", p(3, Unit::Months), "2026-05-04"),
        ("2025-06-15", p(1, Unit::Years), "2026-06-16"), // National Salvation Day 2026
        ("2026-01-15", p(1, Unit::Years), "2027-01-15"),
    ];
    for (filed, period, due) in cases {
        assert_eq!(cal().deadline(d(filed), &period), d(due), "{filed} + {period:?}");
    }
}

#[test]
fn business_days_between_counts_after_the_first_day() {
    let cases = [
        ("2026-03-19", "2026-03-31", 1),
        ("2026-01-09", "2026-01-12", 1),
        ("2026-01-12", "2026-01-09", -1),
        ("2026-01-12", "2026-01-12", 0),
        ("2026-01-10", "2026-01-11", 0),
        ("2025-01-01", "2025-12-31", 240),
    ];
    for (a, b, n) in cases {
        assert_eq!(cal().business_days_between(d(a), d(b)), n, "{a}..{b}");
    }
}

#[test]
fn huge_periods_saturate_instead_of_hanging() {
    assert_eq!(cal().add_business_days(d("2026-01-01"), u32::MAX), Date::MAX);
    assert_eq!(cal().deadline(d("9999-12-01"), &Period { count: 120, unit: Unit::Months }), Date::MAX);
    let weekends_only = Calendar::default();
    let mut off: Vec<Date> = cal().holidays().iter().flat_map(|h| h.dates.iter().copied()).collect();
    off.sort();
    off.dedup();
    let weekday_holidays = off.iter().filter(|day| weekends_only.is_business_day(**day)).count();
    assert!(weekday_holidays > 50);
    let all = weekends_only.business_days_between(Date::MIN, Date::MAX);
    assert_eq!(
        cal().business_days_between(Date::MIN, Date::MAX),
        all - i64::try_from(weekday_holidays).unwrap_or(0)
    );
}

/// The n-th business day after `start`, walking day by day: the reference the arithmetic
/// must agree with.
fn walk(cal: &Calendar, start: Date, n: u32) -> Date {
    let mut day = start;
    while !cal.is_business_day(day) {
        day = day.add_days(1);
    }
    for _ in 0..n {
        day = day.add_days(1);
        while !cal.is_business_day(day) {
            day = day.add_days(1);
        }
    }
    day
}

proptest! {
    #[test]
    fn adding_business_days_matches_a_walk_and_increases(offset in 0i32..1500, n in 0u32..400) {
        let start = d("2024-11-01").add_days(offset);
        let due = cal().add_business_days(start, n);
        prop_assert!(cal().is_business_day(due));
        prop_assert!(due >= start);
        prop_assert!(cal().add_business_days(start, n + 1) > due);
        prop_assert_eq!(due, walk(cal(), start, n));
        let first = cal().add_business_days(start, 0);
        prop_assert_eq!(cal().business_days_between(first, due), i64::from(n));
    }

    #[test]
    fn deadlines_are_business_days_on_or_after_filing(offset in 0i32..1500, count in 0u32..200, unit in 0usize..4) {
        let unit = [Unit::BusinessDays, Unit::CalendarDays, Unit::Months, Unit::Years][unit];
        let filed = d("2024-11-01").add_days(offset);
        let due = cal().deadline(filed, &Period { count: count % 40, unit });
        prop_assert!(cal().is_business_day(due) && due >= filed);
    }
}
