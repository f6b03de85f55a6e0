//! The TRP absence rule (more than 90 days abroad within 180 cancels the permit) and the
//! continuity permanent residence needs: days abroad from the crossings, the first day the
//! limit is exceeded, the permit it concerns, and the pack parameters behind it.

use umis_domain::{Date, Direction, EntryBasisKind, PermitKind};
use umis_rules::{CrossingIn, Packs, PermitIn, TravellerIn, continuity_breach, days_abroad, trp_absences};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const AZ: &str = include_str!("../packs/az.toml");

pub(crate) fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date::MIN)
}

/// A crossing at 08:00 UTC (noon in Baku) on `day`.
pub(crate) fn cross(id: &str, direction: Direction, day: &str) -> CrossingIn {
    let at = i64::from(d(day).days()) * 86_400 + 8 * 3600;
    let basis = (direction == Direction::Entry).then_some(EntryBasisKind::ResidencePermit);
    CrossingIn {
        record_id: id.to_owned(),
        direction,
        utc_seconds: at,
        utc_nanos: at * 1_000_000_000,
        basis,
        stay_days: None,
        nationality: None,
    }
}

/// Exits and entries alternating, starting with an exit.
fn trips(days: &[&str]) -> Vec<CrossingIn> {
    let dir = |i: usize| if i.is_multiple_of(2) { Direction::Exit } else { Direction::Entry };
    days.iter().enumerate().map(|(i, day)| cross(&format!("r{i}"), dir(i), day)).collect()
}

fn trp(from: &str, until: &str) -> PermitIn {
    PermitIn {
        kind: PermitKind::TemporaryResidence,
        valid_from: d(from),
        valid_until: d(until),
        active: true,
    }
}

fn traveller(crossings: Vec<CrossingIn>, permits: Vec<PermitIn>) -> TravellerIn {
    TravellerIn { crossings, permits, registrations: Vec::new() }
}

#[test]
fn exit_and_entry_days_are_days_of_stay_not_days_abroad() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let got =
        days_abroad(az, &trips(&["2026-01-01", "2026-01-10", "2026-02-01", "2026-02-02"]), d("2026-07-10"));
    assert_eq!(got, vec![(d("2026-01-02"), d("2026-01-09"))], "a one-night trip has no day abroad");
    let open = days_abroad(az, &trips(&["2026-03-01"]), d("2026-03-05"));
    assert_eq!(open, vec![(d("2026-03-02"), d("2026-03-05"))], "not back: abroad up to the evaluation date");
    // Two exits in a row: the first absence's end is unknown, so it counts nothing.
    let gap = vec![cross("a", Direction::Exit, "2026-01-01"), cross("b", Direction::Exit, "2026-05-01")];
    assert_eq!(days_abroad(az, &gap, d("2026-05-03")), vec![(d("2026-05-02"), d("2026-05-03"))]);
    // Crossings after the evaluation date are ignored.
    assert_eq!(days_abroad(az, &trips(&["2026-08-01"]), d("2026-07-10")), vec![]);
    Ok(())
}

#[test]
fn ninety_days_abroad_is_allowed_ninety_one_is_a_finding() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let permit = trp("2025-12-01", "2027-11-30");
    // Abroad 2026-01-02 … 2026-04-01: 90 days.
    let ninety = traveller(trips(&["2026-01-01", "2026-04-02"]), vec![permit]);
    assert_eq!(trp_absences(az, &ninety, d("2026-07-10")), vec![]);
    // Abroad 2026-01-02 … 2026-04-02: 91 days; the window ending 2026-04-02 is the first over.
    let other = PermitIn { kind: PermitKind::Work, ..permit };
    let over = traveller(trips(&["2026-01-01", "2026-04-03"]), vec![other, permit]);
    let found = trp_absences(az, &over, d("2026-07-10"));
    assert_eq!(found.len(), 1, "{found:?}");
    let (hit, b) = (found[0].permit, found[0].breach);
    assert_eq!(hit, 1, "the index of the TRP among the permits, not the work permit");
    assert_eq!((b.first_exceeded_day, b.window_start), (d("2026-04-02"), d("2025-10-05")));
    assert_eq!((b.days_abroad, b.limit, b.window_days), (91, 90, 180));
    // Still abroad: found as soon as the 91st day has passed, not before.
    let away = traveller(trips(&["2026-01-01"]), vec![permit]);
    assert_eq!(trp_absences(az, &away, d("2026-04-01")), vec![]);
    assert_eq!(trp_absences(az, &away, d("2026-04-02")).len(), 1);
    Ok(())
}

#[test]
fn absences_add_up_within_the_window() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    // 44 days (Jan 2 … Feb 14), then from Mar 2: the 91st day abroad is Apr 17.
    let t = traveller(
        trips(&["2026-01-01", "2026-02-15", "2026-03-01", "2026-05-01"]),
        vec![trp("2025-12-01", "2027-11-30")],
    );
    let found = trp_absences(az, &t, d("2026-07-10"));
    let b = found.first().ok_or("no finding")?.breach;
    assert_eq!((b.first_exceeded_day, b.days_abroad), (d("2026-04-17"), 91));
    // The same trips half a year apart never share a window.
    let apart = traveller(
        trips(&["2026-01-01", "2026-03-01", "2026-07-15", "2026-09-01"]),
        vec![trp("2025-12-01", "2027-11-30")],
    );
    assert_eq!(trp_absences(az, &apart, d("2026-12-31")), vec![]);
    Ok(())
}

#[test]
fn only_days_a_running_permit_covers_count_and_none_before_the_rule() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let long = trips(&["2026-01-01", "2026-06-01"]);
    // The permit began during the absence: only its own days count (2026-03-01 … 2026-05-31: 92).
    let late = traveller(long.clone(), vec![trp("2026-03-01", "2027-02-28")]);
    let b = trp_absences(az, &late, d("2026-07-10")).first().ok_or("no finding")?.breach;
    assert_eq!(b.first_exceeded_day, d("2026-05-30"));
    // A permit that began after the absence, a revoked permit, a PRP: no finding.
    let after = trp("2026-06-01", "2027-05-31");
    let revoked = PermitIn { active: false, ..trp("2025-12-01", "2027-11-30") };
    let prp = PermitIn { kind: PermitKind::PermanentResidence, ..trp("2025-12-01", "2030-11-30") };
    for permit in [after, revoked, prp] {
        assert_eq!(
            trp_absences(az, &traveller(long.clone(), vec![permit]), d("2026-07-10")),
            vec![],
            "{permit:?}"
        );
    }
    // Absent 122 days before the rule was in force (2025-11-25): nothing counts.
    let before = traveller(trips(&["2025-06-01", "2025-10-01"]), vec![trp("2025-01-01", "2026-12-31")]);
    assert_eq!(trp_absences(az, &before, d("2026-07-10")), vec![]);
    Ok(())
}

#[test]
fn permanent_residence_continuity_uses_the_same_measure_over_the_years_looked_back() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    // 100 days abroad in 2024, within the two years before a filing on 2026-01-10.
    let crossings = trips(&["2024-03-01", "2024-06-10"]);
    let b = continuity_breach(az, &crossings, d("2024-01-10"), d("2026-01-10")).ok_or("no breach")?;
    assert_eq!((b.first_exceeded_day, b.days_abroad, b.limit), (d("2024-05-31"), 91, 90));
    // Outside the two years looked back, or 90 days only: continuous.
    assert_eq!(continuity_breach(az, &crossings, d("2024-07-01"), d("2026-07-01")), None);
    let ninety = trips(&["2024-03-01", "2024-05-31"]);
    assert_eq!(continuity_breach(az, &ninety, d("2024-01-10"), d("2026-01-10")), None);
    // A pack without the rule (schengen) judges nothing.
    let schengen = packs.get("schengen").ok_or("no schengen")?;
    assert_eq!(continuity_breach(schengen, &crossings, d("2024-01-10"), d("2026-01-10")), None);
    Ok(())
}

#[test]
fn the_absence_parameters_are_shown_and_validated() -> TestResult {
    let packs = Packs::builtin()?;
    let shown = packs.default_pack().show(d("2026-07-10"));
    let value =
        |name: &str| shown.iter().find(|p| p.name == name).map(|p| (p.value.clone(), p.source.clone()));
    let (days, source) = value("absence.days_abroad").ok_or("not shown")?;
    assert_eq!(days, "90 days");
    assert!(source.contains("day.az 2025-11-25") && source.contains("kepeztv.az"), "{source}");
    assert_eq!(value("absence.window_days").map(|v| v.0).as_deref(), Some("180 days"));
    assert_eq!(value("absence.permit_kinds").map(|v| v.0).as_deref(), Some("temporary_residence"));
    assert!(packs.default_pack().show(d("2025-11-24")).iter().all(|p| !p.name.starts_with("absence.")));
    let cases = [
        (
            "value = 180\n",
            "value = 90\n",
            "az.toml: param absence.days_abroad[0].value: 90 days abroad must be fewer",
        ),
        (
            "[[param.absence.window_days]]",
            "[[param.absence.window]]",
            "az.toml: param absence.window: unknown parameter",
        ),
        (
            "value = [\"temporary_residence\"]\n",
            "value = [\"trp\"]\n",
            "az.toml: param absence.permit_kinds[0].value[0]: unknown permit kind",
        ),
    ];
    for (from, to, expected) in cases {
        assert!(AZ.contains(from), "fixture {from:?}");
        let text = AZ.replacen(from, to, 1);
        let got = Packs::from_files(&[("az.toml".to_owned(), text)]).map(|_| ()).map_err(|e| e.to_string());
        assert!(got.as_ref().is_err_and(|m| m.starts_with(expected)), "expected {expected:?}, got {got:?}");
    }
    let start = AZ.find("[[param.absence.permit_kinds]]").ok_or("no section")?;
    let cut = &AZ[..start];
    let got =
        Packs::from_files(&[("az.toml".to_owned(), cut.to_owned())]).map(|_| ()).map_err(|e| e.to_string());
    assert!(got.as_ref().is_err_and(|m| m.contains("param absence.permit_kinds")), "{got:?}");
    Ok(())
}

#[test]
fn permanent_residence_eligibility_needs_continuity_known_and_kept() -> TestResult {
    use umis_rules::services::{Catalogue, Facts, evaluate_eligibility};
    let catalogue = Catalogue::builtin()?;
    assert!(catalogue.stay_pack().is_some_and(|p| p.absence_rule(d("2026-01-01")) == Some((90, 180))));
    let prp = catalogue.get("prp_issue").ok_or("no prp_issue")?;
    let verdict = |continuity: Option<bool>| {
        let facts = Facts { trp_continuity: continuity, ..Facts::default() };
        let e = evaluate_eligibility(prp, &facts, d("2026-07-10"));
        e.trace.iter().find(|l| l.rule == "trp_without_interruption").map(|l| l.passed)
    };
    assert_eq!(verdict(Some(true)), Some(true));
    assert_eq!(verdict(Some(false)), Some(false));
    assert_eq!(verdict(None), Some(false), "unknown is not met: the officer checks");
    Ok(())
}
