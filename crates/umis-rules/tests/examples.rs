//! The worked examples of the stay-rules spec, as data: the five `az` scan examples and the
//! eight `schengen` calculator rows. The spec's expected values are authoritative.

use umis_domain::{CountryCode, Date, Direction, EntryBasisKind, PermitKind};
use umis_rules::calc::{CalcPermitIn, CalcStayIn, NextEntry};
use umis_rules::{
    AnomalyKind, CalcRequest, CrossingIn, Finding, Lang, Packs, PermitIn, RegistrationIn, TravellerIn,
    calculate, evaluate, evaluate_traced,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date::MIN)
}

/// Seconds since the epoch for `YYYY-MM-DD` at `hh:mm` UTC.
fn utc(day: &str, hh: i64, mm: i64) -> i64 {
    i64::from(d(day).days()) * 86_400 + hh * 3600 + mm * 60
}

fn crossing(id: &str, direction: Direction, at: i64, basis: Option<EntryBasisKind>, nat: &str) -> CrossingIn {
    CrossingIn {
        record_id: id.to_owned(),
        direction,
        utc_seconds: at,
        utc_nanos: at * 1_000_000_000,
        basis,
        stay_days: None,
        nationality: CountryCode::parse(nat).ok(),
    }
}

fn overstay(entry: &str, last: &str, days: u32, first: &str) -> Finding {
    Finding::Overstay {
        entry_date: d(entry),
        last_day: d(last),
        overstay_days: days,
        first_unlawful_day: d(first),
    }
}

fn scan_cases() -> Vec<(&'static str, TravellerIn, Vec<Finding>)> {
    use Direction::{Entry, Exit};
    let mut deu_entry =
        crossing("A1-in", Entry, utc("2026-03-01", 22, 30), Some(EntryBasisKind::EVisa), "DEU");
    deu_entry.stay_days = Some(30);
    // 2026-04-05T10:00:00+04:00 is 06:00Z.
    let deu_exit = crossing("A1-out", Exit, utc("2026-04-05", 6, 0), None, "DEU");
    let deu = TravellerIn { crossings: vec![deu_exit, deu_entry], ..TravellerIn::default() };
    let tur = TravellerIn {
        crossings: vec![crossing(
            "T1",
            Entry,
            utc("2026-01-10", 8, 0),
            Some(EntryBasisKind::VisaFree),
            "TUR",
        )],
        registrations: vec![RegistrationIn { submitted_on: d("2026-01-20") }],
        ..TravellerIn::default()
    };
    let kaz = TravellerIn {
        crossings: vec![
            crossing("K1-in", Entry, utc("2026-05-01", 8, 0), Some(EntryBasisKind::VisaFree), "KAZ"),
            crossing("K1-out", Exit, utc("2026-05-28", 8, 0), None, "KAZ"),
        ],
        ..TravellerIn::default()
    };
    let ind = TravellerIn {
        crossings: vec![crossing(
            "R1",
            Entry,
            utc("2026-02-01", 8, 0),
            Some(EntryBasisKind::ResidencePermit),
            "IND",
        )],
        permits: vec![PermitIn {
            kind: PermitKind::TemporaryResidence,
            valid_from: d("2025-06-01"),
            valid_until: d("2026-05-31"),
            active: true,
        }],
        ..TravellerIn::default()
    };
    let rus = TravellerIn {
        crossings: vec![crossing("E1", Exit, utc("2026-03-03", 8, 0), None, "RUS")],
        ..TravellerIn::default()
    };
    vec![
        (
            "DEU A1",
            deu,
            vec![
                overstay("2026-03-02", "2026-04-05", 5, "2026-04-01"),
                Finding::UnregisteredStay { entry_date: d("2026-03-02"), deadline: d("2026-03-17") },
            ],
        ),
        ("TUR T1", tur, vec![overstay("2026-01-10", "2026-07-10", 92, "2026-04-10")]),
        ("KAZ K1", kaz, vec![]),
        ("IND R1", ind, vec![overstay("2026-02-01", "2026-07-10", 40, "2026-06-01")]),
        (
            "RUS E1",
            rus,
            vec![Finding::Anomaly { anomaly: AnomalyKind::ExitWithoutEntry, date: d("2026-03-03") }],
        ),
    ]
}

#[test]
fn az_scan_examples() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    for (name, traveller, expected) in scan_cases() {
        let fast = evaluate(az, &traveller, d("2026-07-10"));
        assert_eq!(fast.findings, expected, "{name}");
        assert!(fast.trace.is_empty(), "{name}: no trace unless asked");
        let traced = evaluate_traced(az, &traveller, d("2026-07-10"));
        assert_eq!(traced.findings, expected, "{name} traced");
        assert!(traced.trace.len() > 1, "{name}: trace lines");
    }
    Ok(())
}

#[test]
fn az_scan_trace_renders_in_three_languages() -> TestResult {
    let packs = Packs::builtin()?;
    let (_, deu, _) = scan_cases().into_iter().next().ok_or("no case")?;
    let traced = evaluate_traced(packs.default_pack(), &deu, d("2026-07-10"));
    let en: Vec<String> = traced.trace.iter().map(|l| l.render(Lang::En)).collect();
    assert!(en.iter().any(|l| l.starts_with("[overstay]") && l.contains("2026-04-01")), "{en:?}");
    assert!(en.iter().any(|l| l.starts_with("[unregistered_stay]") && l.contains("2026-03-17")), "{en:?}");
    for lang in [Lang::Az, Lang::Ru] {
        let other: Vec<String> = traced.trace.iter().map(|l| l.render(lang)).collect();
        assert_ne!(other, en);
        assert!(other.iter().any(|l| l.contains("2026-03-17")));
    }
    Ok(())
}

/// One calculator row: mode, date, stays, and the expected fields (`None`: not checked).
struct Row {
    mode: &'static str,
    date: &'static str,
    stays: &'static [(&'static str, &'static str)],
    days_used: u32,
    overstays: &'static [(&'static str, &'static str, u32)],
    possible_stay_until: Option<&'static str>,
    max_stay: Option<(u32, &'static str)>,
    next_entry: Option<(&'static str, u32)>,
}

const SCHENGEN_ROWS: [Row; 10] = [
    Row {
        mode: "planning",
        date: "2015-01-01",
        stays: &[("2014-08-15", "2014-09-30")],
        days_used: 47,
        overstays: &[],
        possible_stay_until: None,
        max_stay: Some((90, "2015-03-31")),
        next_entry: None,
    },
    Row {
        mode: "control",
        date: "2014-11-30",
        stays: &[("2014-08-15", "2014-09-30"), ("2014-11-01", "2014-11-30")],
        days_used: 77,
        overstays: &[],
        possible_stay_until: Some("2014-12-13"),
        max_stay: None,
        next_entry: None,
    },
    Row {
        mode: "control",
        date: "2014-01-30",
        stays: &[("2013-06-01", "2013-07-13"), ("2013-08-15", "2013-09-30"), ("2014-01-01", "2014-01-30")],
        days_used: 77,
        overstays: &[],
        possible_stay_until: Some("2014-03-31"),
        max_stay: None,
        next_entry: None,
    },
    Row {
        mode: "control",
        date: "2014-06-09",
        stays: &[("2013-09-01", "2013-09-30"), ("2014-02-21", "2014-04-20"), ("2014-05-01", "2014-06-09")],
        days_used: 99,
        overstays: &[("2014-05-01", "2014-06-01", 9)],
        possible_stay_until: None,
        max_stay: None,
        next_entry: Some(("2014-08-29", 50)),
    },
    Row {
        mode: "planning",
        date: "2014-08-30",
        stays: &[("2014-03-04", "2014-04-20"), ("2014-05-01", "2014-06-09")],
        days_used: 88,
        overstays: &[],
        possible_stay_until: None,
        max_stay: Some((50, "2014-10-18")),
        next_entry: None,
    },
    Row {
        mode: "control",
        date: "2014-08-30",
        stays: &[("2014-03-04", "2014-04-20"), ("2014-05-01", "2014-06-09")],
        days_used: 89,
        overstays: &[],
        possible_stay_until: Some("2014-10-18"),
        max_stay: None,
        next_entry: None,
    },
    Row {
        mode: "control",
        date: "2014-03-01",
        stays: &[("2013-06-28", "2013-08-09"), ("2013-09-19", "2014-03-01")],
        days_used: 164,
        overstays: &[("2013-09-19", "2013-11-05", 117)],
        possible_stay_until: None,
        max_stay: None,
        next_entry: Some(("2014-05-31", 90)),
    },
    Row {
        mode: "control",
        date: "2014-03-01",
        stays: &[("2013-09-19", "2014-03-01")],
        days_used: 164,
        overstays: &[("2013-09-19", "2013-12-18", 74)],
        possible_stay_until: None,
        max_stay: None,
        next_entry: Some(("2014-05-31", 90)),
    },
    // A refused entry is not a day of stay: the controlled date counts in `days_used` but not
    // when the next entry is searched (the spec's two examples after SEM's).
    Row {
        mode: "control",
        date: "2024-04-09",
        stays: &[("2024-01-10", "2024-04-08")],
        days_used: 91,
        overstays: &[],
        possible_stay_until: None,
        max_stay: None,
        next_entry: Some(("2024-07-08", 90)),
    },
    Row {
        mode: "control",
        date: "2024-11-05",
        stays: &[("2024-01-05", "2024-03-14"), ("2024-06-01", "2024-08-29")],
        days_used: 91,
        overstays: &[("2024-06-01", "2024-06-21", 70)],
        possible_stay_until: None,
        max_stay: None,
        next_entry: Some(("2024-11-28", 90)),
    },
];

fn request(pack: &str, row: &Row) -> CalcRequest {
    CalcRequest {
        pack: pack.to_owned(),
        mode: row.mode.to_owned(),
        date: row.date.to_owned(),
        stays: row
            .stays
            .iter()
            .map(|(entry, exit)| CalcStayIn {
                entry: (*entry).to_owned(),
                exit: Some((*exit).to_owned()),
                ..CalcStayIn::default()
            })
            .collect(),
        ..CalcRequest::default()
    }
}

#[test]
fn schengen_calculator_examples() -> TestResult {
    let packs = Packs::builtin()?;
    for (i, row) in SCHENGEN_ROWS.iter().enumerate() {
        let got = calculate(&packs, &request("schengen", row), Lang::En)?;
        let label = format!("row {i}: {} {}", row.mode, row.date);
        assert_eq!(got.days_used, row.days_used, "{label} days_used");
        let overstays: Vec<(Date, Date, u32)> =
            got.overstays.iter().map(|o| (o.entry, o.first_unlawful_day, o.overstay_days)).collect();
        let expected: Vec<(Date, Date, u32)> =
            row.overstays.iter().map(|(e, f, n)| (d(e), d(f), *n)).collect();
        assert_eq!(overstays, expected, "{label} overstays");
        assert_eq!(got.possible_stay_until, row.possible_stay_until.map(d), "{label} possible_stay_until");
        let planning = row.mode == "planning";
        assert_eq!(
            got.max_stay_days,
            row.max_stay.map(|m| m.0).or(planning.then_some(0)).filter(|_| planning),
            "{label}"
        );
        assert_eq!(got.latest_exit, row.max_stay.map(|m| d(m.1)), "{label} latest_exit");
        let next = row.next_entry.map(|(date, n)| NextEntry { date: d(date), max_stay_days: n });
        assert_eq!(got.next_entry, next, "{label} next_entry");
        assert_eq!(got.registration_deadline, None, "{label} registration_deadline");
        assert!(got.trace.iter().any(|l| l.starts_with("[days_used]")), "{label} trace {:?}", got.trace);
    }
    Ok(())
}

type AzCase = (
    &'static str,
    &'static str,
    Vec<(&'static str, Option<&'static str>)>,
    Option<&'static str>,
    Option<&'static str>,
    Vec<(&'static str, &'static str, &'static str)>,
);
type AzWant = (u32, Option<&'static str>, Option<u32>, Option<(&'static str, u32)>, Option<&'static str>);

/// Calculator cases for `az`.
#[allow(clippy::type_complexity, reason = "case tables read best inline")]
fn az_cases() -> Vec<(AzCase, AzWant)> {
    // (mode, date, stays, basis, nationality, permits) -> (days_used, possible, max, next, deadline)
    vec![
        // KAZ, the SMS deadline calculator's question: 30 days.
        (
            ("control", "2026-05-10", vec![("2026-05-01", None)], None, Some("KAZ"), vec![]),
            (10, Some("2026-07-29"), None, None, Some("2026-05-31")),
        ),
        (
            ("control", "2026-05-10", vec![("2026-05-01", None)], None, Some("TUR"), vec![]),
            (10, Some("2026-07-29"), None, None, Some("2026-05-16")),
        ),
        // Day 91 of a visa-free stay: unlawful, a new stay may start the next day.
        (
            ("control", "2026-04-10", vec![("2026-01-10", None)], None, None, vec![]),
            (91, None, None, Some(("2026-04-11", 90)), Some("2026-01-25")),
        ),
        (
            ("planning", "2026-08-01", vec![], Some("e_visa"), None, vec![]),
            (0, None, Some(30), None, Some("2026-08-16")),
        ),
        // Residence-permit entry: lawful while the permit runs; exempt from registration.
        (
            (
                "planning",
                "2026-02-01",
                vec![],
                Some("residence_permit"),
                Some("IND"),
                vec![("temporary_residence", "2025-06-01", "2026-05-31")],
            ),
            (0, None, Some(120), None, None),
        ),
        (
            (
                "planning",
                "2026-07-01",
                vec![],
                Some("residence_permit"),
                None,
                vec![("temporary_residence", "2026-09-01", "2026-09-30")],
            ),
            (0, None, Some(0), Some(("2026-09-01", 30)), Some("2026-07-16")),
        ),
        // Before 2015 no registration rule: no deadline. 2016: 10 days.
        (("planning", "2014-05-01", vec![], None, None, vec![]), (0, None, Some(90), None, None)),
        (
            ("planning", "2016-05-01", vec![], None, Some("KAZ"), vec![]),
            (0, None, Some(90), None, Some("2016-05-11")),
        ),
    ]
}

#[test]
fn az_calculator_cases() -> TestResult {
    let packs = Packs::builtin()?;
    for ((mode, date, stays, basis, nat, permits), (used, possible, max, next, deadline)) in az_cases() {
        let req = CalcRequest {
            pack: "az".into(),
            mode: mode.into(),
            date: date.into(),
            stays: stays
                .iter()
                .map(|(e, x)| CalcStayIn {
                    entry: (*e).into(),
                    exit: x.map(Into::into),
                    ..CalcStayIn::default()
                })
                .collect(),
            permits: Some(
                permits
                    .iter()
                    .map(|(k, f, u)| CalcPermitIn {
                        kind: (*k).into(),
                        valid_from: (*f).into(),
                        valid_until: (*u).into(),
                    })
                    .collect(),
            ),
            basis: basis.map(Into::into),
            nationality: nat.map(Into::into),
            ..CalcRequest::default()
        };
        let got = calculate(&packs, &req, Lang::Ru)?;
        let label = format!("{mode} {date} {basis:?} {nat:?}");
        assert_eq!(got.days_used, used, "{label} days_used");
        assert_eq!(got.possible_stay_until, possible.map(d), "{label} possible_stay_until");
        assert_eq!(got.max_stay_days, max, "{label} max_stay_days");
        assert_eq!(
            got.next_entry,
            next.map(|(e, n)| NextEntry { date: d(e), max_stay_days: n }),
            "{label} next"
        );
        assert_eq!(got.registration_deadline, deadline.map(d), "{label} deadline");
    }
    Ok(())
}
