//! The business-day calendar of the builtin catalogue: weekends and holidays skipped, transfers
//! honoured, the Cabinet's working weekend days and one-off days off, 20 January never carried
//! over, deadlines in every unit, days beyond the covered years refused with the year named, the
//! calendar file's checks, and the arithmetic checked against a day-by-day walk.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use umis_domain::Date;
use umis_rules::services::{BeyondCalendar, Calendar, Catalogue, Period, Unit};

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
    ];
    for (day, business) in cases {
        assert_eq!(cal().is_business_day(d(day)), Ok(business), "{day}");
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
        assert_eq!(cal().add_business_days(d(filed), n), Ok(d(due)), "{filed} + {n}");
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
        assert_eq!(cal().deadline(d(filed), &period), Ok(d(due)), "{filed} + {period:?}");
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
        assert_eq!(cal().business_days_between(d(a), d(b)), Ok(n), "{a}..{b}");
    }
}

/// The n-th business day after `start`, walking day by day: the reference the arithmetic
/// must agree with.
fn walk(cal: &Calendar, start: Date, n: u32) -> Date {
    let business = |day| cal.is_business_day(day).expect("a covered day");
    let mut day = start;
    while !business(day) {
        day = day.add_days(1);
    }
    for _ in 0..n {
        day = day.add_days(1);
        while !business(day) {
            day = day.add_days(1);
        }
    }
    day
}

proptest! {
    #[test]
    fn adding_business_days_matches_a_walk_and_increases(offset in 0i32..900, n in 0u32..300) {
        let start = d("2024-01-01").add_days(offset);
        let due = cal().add_business_days(start, n).expect("inside the covered years");
        prop_assert_eq!(cal().is_business_day(due), Ok(true));
        prop_assert!(due >= start);
        prop_assert!(cal().add_business_days(start, n + 1).expect("covered") > due);
        prop_assert_eq!(due, walk(cal(), start, n));
        let first = cal().add_business_days(start, 0).expect("covered");
        prop_assert_eq!(cal().business_days_between(first, due), Ok(i64::from(n)));
    }

    #[test]
    fn deadlines_are_business_days_or_name_the_year_beyond(offset in 0i32..1400, count in 0u32..200, unit in 0usize..4) {
        let unit = [Unit::BusinessDays, Unit::CalendarDays, Unit::Months, Unit::Years][unit];
        let filed = d("2024-01-01").add_days(offset);
        match cal().deadline(filed, &Period { count: count % 40, unit }) {
            Ok(due) => prop_assert!(cal().is_business_day(due) == Ok(true) && due >= filed),
            Err(e) => prop_assert_eq!(e, BeyondCalendar { year: 2028, first: 2024, last: 2027 }),
        }
    }

    #[test]
    fn a_count_past_the_last_covered_year_is_refused(offset in 0i32..365, n in 300u32..) {
        let start = d("2027-01-01").add_days(offset);
        let refused = cal().add_business_days(start, n);
        prop_assert_eq!(refused, Err(BeyondCalendar { year: 2028, first: 2024, last: 2027 }));
    }
}

#[test]
fn the_cabinets_working_weekend_days_and_one_off_days_off_count() {
    let cases = [
        ("2024-04-06", true),  // Saturday worked for Friday 12 April 2024
        ("2024-04-12", false), // the bridge day after the Ramadan holiday
        ("2024-11-12", false), // COP29: 12 and 13 November off ...
        ("2024-11-13", false),
        ("2024-11-16", true), // ... for the Saturdays 16 and 23 November
        ("2024-11-23", true),
        ("2024-12-28", true), // Saturday and Sunday worked for 30 December 2024 and 3 January 2025
        ("2024-12-29", true),
        ("2024-12-30", false),
        ("2025-01-03", false),
        ("2024-02-07", false), // presidential election, a Wednesday
        ("2024-06-18", false), // 15 and 16 June 2024 (a holiday and Gurban) on the weekend
        ("2024-06-19", false),
    ];
    for (day, business) in cases {
        assert_eq!(cal().is_business_day(d(day)), Ok(business), "{day}");
    }
    // (filed, business days, due)
    let counted = [
        ("2024-04-05", 1, "2024-04-06"), // the next business day is the working Saturday
        ("2024-04-09", 1, "2024-04-15"), // Ramadan 10-11, the bridge day 12, the weekend
        ("2024-02-06", 1, "2024-02-08"), // election day skipped
        ("2024-12-27", 2, "2024-12-29"), // both weekend days worked
        ("2024-12-27", 3, "2025-01-06"), // then 30 December to 5 January off
        ("2024-11-07", 3, "2024-11-16"), // 8-13 November off, then 14, 15 and the worked Saturday
    ];
    for (filed, n, due) in counted {
        assert_eq!(cal().add_business_days(d(filed), n), Ok(d(due)), "{filed} + {n}");
    }
    assert_eq!(cal().business_days_between(d("2024-12-27"), d("2025-01-06")), Ok(3));
    let worked: Vec<&str> = cal().working_weekend_days().iter().map(|w| w.names.en.as_str()).collect();
    assert!(worked.iter().all(|n| *n == "Weekend day made a working day"), "{worked:?}");
}

#[test]
fn the_day_of_nationwide_mourning_is_not_carried_over() {
    // 20 January 2024 was a Saturday: a day off, but Monday 22 January was worked.
    assert_eq!(cal().is_business_day(d("2024-01-20")), Ok(false));
    assert_eq!(cal().is_business_day(d("2024-01-22")), Ok(true));
    assert_eq!(cal().add_business_days(d("2024-01-19"), 1), Ok(d("2024-01-22")));
    let names: Vec<&str> = cal().holidays_on(d("2024-01-20")).map(|h| h.names.en.as_str()).collect();
    assert_eq!(names, ["Day of Nationwide Mourning"]);
}

#[test]
fn days_beyond_the_covered_years_are_refused_with_the_year() {
    fn beyond<T>(year: i32) -> Result<T, BeyondCalendar> {
        Err(BeyondCalendar { year, first: 2024, last: 2027 })
    }
    assert_eq!(cal().years_covered(), (2024, 2027));
    assert_eq!(cal().is_business_day(d("2028-01-03")), beyond(2028));
    assert_eq!(cal().is_business_day(d("2023-12-29")), beyond(2023));
    assert_eq!(cal().add_business_days(d("2027-12-20"), 15), beyond(2028));
    assert_eq!(cal().add_business_days(d("2027-12-20"), 8), Ok(d("2027-12-30")));
    assert_eq!(cal().add_business_days(d("2026-01-01"), u32::MAX), beyond(2028));
    assert_eq!(cal().deadline(d("2027-11-15"), &Period { count: 3, unit: Unit::Months }), beyond(2028));
    assert_eq!(cal().deadline(d("9999-12-01"), &Period { count: 120, unit: Unit::Months }), beyond(2028));
    assert_eq!(cal().business_days_between(d("2027-06-01"), d("2028-06-01")), beyond(2028));
    // The last day of the last year is itself a day off, so a deadline landing on it cannot roll.
    assert_eq!(cal().deadline(d("2027-12-30"), &Period { count: 1, unit: Unit::CalendarDays }), beyond(2028));
    let message = cal().add_business_days(d("2027-12-20"), 15).map_err(|e| e.to_string());
    assert!(message.as_ref().is_err_and(|m| m.contains("2028") && m.contains("2024–2027")), "{message:?}");
}

/// The builtin file with `from` replaced by `to` (exactly once).
fn edited(from: &str, to: &str) -> String {
    let text = include_str!("../packs/az-services.toml");
    assert_eq!(text.matches(from).count(), 1, "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn the_calendar_file_is_checked_against_the_labour_code() {
    // (from, to, field, words of the problem)
    let cases = [
        (
            r#"{ off = "2024-11-11", replaces = "2024-11-09" },"#,
            r#"{ off = "2024-11-11", replaces = "2024-11-09" }, { off = "2024-01-22", replaces = "2024-01-20" },"#,
            "carry_overs[0].days[3].replaces",
            "2024-01-20 is Day of Nationwide Mourning, which is never carried over",
        ),
        (
            r#"  { off = "2024-11-11", replaces = "2024-11-09" },"#,
            "",
            "holidays[9].dates",
            "2024-11-09 falls on a rest day or on another holiday: 1 carried-over day(s) off needed, 0 listed",
        ),
        (
            r#"{ off = "2025-04-01", replaces = "2025-03-30" },"#,
            r#"{ off = "2025-04-01", replaces = "2025-03-31" },"#,
            "holidays[11].dates",
            "2025-03-30 falls on a rest day or on another holiday: 1 carried-over day(s) off needed, 0 listed",
        ),
        (
            r#"{ off = "2024-03-25", replaces = "2024-03-23" }"#,
            r#"{ off = "2024-03-23", replaces = "2024-03-22" }"#,
            "carry_overs[1].days[0].off",
            "must be a weekday after",
        ),
        (
            r#"dates = ["2024-04-06", "#,
            r#"dates = ["2024-04-08", "#,
            "working_days[0].dates[0]",
            "2024-04-08 is a weekday",
        ),
        (
            r#"dates = ["2024-01-07"]"#,
            r#"dates = ["2024-03-23"]"#,
            "working_days[1].dates[0]",
            "also a day off",
        ),
        (
            "last_year = 2027",
            "last_year = 2026",
            "holidays[0].dates[6]",
            "outside the covered years 2024–2026",
        ),
        ("first_year = 2024\n", "", "calendar.first_year", "missing"),
    ];
    for (from, to, field, problem) in cases {
        let err = Catalogue::parse(&edited(from, to)).expect_err(field);
        assert_eq!((err.service.as_str(), err.field.as_str()), ("calendar", field), "{err}");
        assert!(err.problem.contains(problem), "{err}");
    }
}
