//! A registration at place of stay left open after its holder left the country: found only when
//! the crossings prove it (an exit on a day it covered, no return while it ran, its last day
//! passed), never for a trip abroad and home again, never for one ended on the day of departure.

use super::absence::{cross, d};
use umis_domain::Direction::{Entry, Exit};
use umis_rules::{NotEnded, Packs, RegistrationPeriod, registrations_not_ended};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn period(from: &str, until: Option<&str>) -> RegistrationPeriod {
    RegistrationPeriod { from: d(from), until: until.map(d) }
}

#[test]
fn a_registration_left_running_after_departure_is_found_once_its_last_day_has_passed() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let crossings = vec![cross("in", Entry, "2026-03-01"), cross("out", Exit, "2026-03-20")];
    let periods = [period("2026-03-02", Some("2026-05-29"))];
    let found = NotEnded { registration: 0, exit_date: d("2026-03-20") };
    assert_eq!(registrations_not_ended(az, &crossings, &periods, d("2026-05-30")), vec![found]);
    // While it still runs the holder may come back: nothing yet.
    assert!(registrations_not_ended(az, &crossings, &periods, d("2026-05-29")).is_empty());
    // De-registered on the day of departure (its last day is the exit day): nothing to find.
    let ended = [period("2026-03-02", Some("2026-03-20"))];
    assert!(registrations_not_ended(az, &crossings, &ended, d("2026-12-31")).is_empty());
    Ok(())
}

#[test]
fn a_trip_abroad_and_home_again_keeps_the_place_of_stay() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let crossings = vec![
        cross("in", Entry, "2026-03-01"),
        cross("trip", Exit, "2026-04-01"),
        cross("home", Entry, "2026-04-10"),
        cross("left", Exit, "2026-06-30"),
    ];
    let periods = [period("2026-03-02", Some("2026-06-30"))];
    assert!(
        registrations_not_ended(az, &crossings, &periods, d("2026-12-31")).is_empty(),
        "back within the period, then left on its last day"
    );
    // Back only after the registration had ended: the first exit left it open.
    let late = vec![
        cross("in", Entry, "2026-03-01"),
        cross("out", Exit, "2026-04-01"),
        cross("back", Entry, "2026-07-01"),
    ];
    let got = registrations_not_ended(az, &late, &periods, d("2026-12-31"));
    assert_eq!(got, vec![NotEnded { registration: 0, exit_date: d("2026-04-01") }]);
    Ok(())
}

#[test]
fn a_registration_without_a_last_day_and_exits_outside_a_period_prove_nothing() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let crossings = vec![cross("in", Entry, "2026-01-10"), cross("out", Exit, "2026-02-01")];
    // The law ends it with the visa's period or after 90 days, which the record does not carry.
    let open = [period("2026-01-11", None)];
    assert!(registrations_not_ended(az, &crossings, &open, d("2026-12-31")).is_empty());
    // An exit before the registration began, or after it ended, proves nothing.
    let later = [period("2026-02-05", Some("2026-03-01"))];
    assert!(registrations_not_ended(az, &crossings, &later, d("2026-12-31")).is_empty());
    let covered = [period("2026-01-11", Some("2026-01-20"))];
    assert!(registrations_not_ended(az, &crossings, &covered, d("2026-12-31")).is_empty());
    Ok(())
}
