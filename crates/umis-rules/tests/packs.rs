//! Rule packs as data: the builtin packs load, `show` gives the values in force on a date, an
//! override directory replaces packs, and every validation error names file, field and problem.

use umis_domain::Date;
use umis_rules::{PackKind, Packs};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const AZ: &str = include_str!("../packs/az.toml");

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date::MIN)
}

#[test]
fn builtin_packs_load() -> TestResult {
    let packs = Packs::builtin()?;
    assert_eq!(packs.names(), vec!["az", "schengen"]);
    let az = packs.default_pack();
    assert_eq!((az.name(), az.kind(), az.time_zone()), ("az", PackKind::PerStay, "Asia/Baku"));
    let schengen = packs.get("schengen").ok_or("no schengen")?;
    assert_eq!((schengen.kind(), schengen.time_zone()), (PackKind::RollingWindow, "Europe/Brussels"));
    assert_eq!(schengen.window(d("2026-01-01")), (180, 90));
    assert!(packs.get("nope").is_none());
    Ok(())
}

#[test]
fn show_gives_the_values_in_force() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    // (date, parameter, expected value or None when not in force)
    let cases = [
        ("2026-07-10", "registration.deadline_days", Some("15 days")),
        ("2018-06-28", "registration.deadline_days", Some("10 days")),
        ("2014-12-31", "registration.deadline_days", None),
        ("2026-07-10", "registration.deadline_override.KAZ", Some("30 days")),
        ("2017-01-01", "registration.deadline_override.KAZ", None),
        ("2026-07-10", "stay_limit.visa_free", Some("90 days")),
        ("2026-07-10", "stay_limit.e_visa", Some("record's stay_days, else 30 days")),
        ("2026-07-10", "stay_limit.residence_permit", Some("0 days")),
        ("2026-07-10", "time_zone", Some("Asia/Baku")),
        (
            "2026-07-10",
            "lawful_permits",
            Some("temporary_residence, permanent_residence, refugee, stay_extension, asylum_seeker"),
        ),
        (
            "2026-07-10",
            "registration.exempting_permits",
            Some("temporary_residence, permanent_residence, refugee"),
        ),
    ];
    for (on, name, value) in cases {
        let shown = az.show(d(on));
        let got = shown.iter().find(|p| p.name == name);
        assert_eq!(got.map(|p| p.value.as_str()), value, "{name} on {on}");
        if let Some(p) = got {
            assert!(!p.source.is_empty() && p.from <= d(on), "{name}");
            assert_eq!(p.unverified, p.note.is_some() && p.unverified, "{name}");
        }
    }
    let kaz = az.show(d("2026-07-10"));
    assert!(kaz.iter().any(|p| p.name == "registration.deadline_override.KAZ" && p.unverified));
    let schengen = packs.get("schengen").ok_or("no schengen")?.show(d("2026-01-01"));
    let names: Vec<&str> = schengen.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["time_zone", "lawful_permits", "window.days", "window.limit"]);
    Ok(())
}

#[test]
fn local_dates_follow_the_zone_rules() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    // (UTC seconds, expected local date in Baku)
    let cases = [
        (1_772_404_200, "2026-03-02"), // 2026-03-01T22:30:00Z at +04
        (1_772_395_199, "2026-03-01"), // 19:59:59Z
        (1_435_779_000, "2015-07-02"), // 2015-07-01T19:30Z at +05 (summer time)
        (1_467_401_400, "2016-07-01"), // 2016-07-01T19:30Z at +04 (no summer time since 2016)
    ];
    for (second, date) in cases {
        assert_eq!(az.local_date(second).to_string(), date, "{second}");
    }
    Ok(())
}

#[test]
fn override_directory_replaces_and_adds_packs() -> TestResult {
    let faster = AZ.replace("value = 15\n", "value = 20\n");
    let extra = AZ.replace("name = \"az\"", "name = \"az2019\"");
    let files = vec![
        ("rules/az.toml".to_owned(), faster),
        ("README.md".to_owned(), "not a pack".to_owned()),
        ("az2019.toml".to_owned(), extra),
    ];
    let packs = Packs::from_files(&files)?;
    assert_eq!(packs.names(), vec!["az", "schengen", "az2019"]);
    let rule = packs.default_pack().registration_rule(d("2026-01-01"), None).map(|r| r.deadline_days);
    assert_eq!(rule, Some(20));
    Ok(())
}

/// Edits of az.toml as `(from, to)` and the start of the error each must give.
fn bad_pack_cases() -> Vec<((&'static str, String), &'static str)> {
    let visa_free = "[[param.stay_limit.visa_free]]\nfrom = \"2013-08-01\"\nvalue = 90\n";
    // (edit of az.toml as (from, to), expected error text)
    vec![
        (
            (
                visa_free,
                format!(
                    "{visa_free}source = \"x\"\n\n[[param.stay_limit.visa_free]]\nfrom = \"2018-13-01\"\nvalue = 90\n"
                ),
            ),
            "az.toml: param stay_limit.visa_free[1].from: not a date \"2018-13-01\"",
        ),
        (
            (
                visa_free,
                format!(
                    "{visa_free}source = \"x\"\n\n[[param.stay_limit.visa_free]]\nfrom = \"2013-08-01\"\nvalue = 60\n"
                ),
            ),
            "az.toml: param stay_limit.visa_free[1].from: same date as [0].from (2013-08-01)",
        ),
        (
            ("value = 90\n", "value = 9000\n".into()),
            "az.toml: param stay_limit.visa_free[0].value: 9000 is outside 0..=3650",
        ),
        (
            ("value = 15\n", "value = \"15\"\n".into()),
            "az.toml: param registration.deadline_days[1].value: expected a whole number of days",
        ),
        (
            ("value = \"Asia/Baku\"", "value = \"Asia/Bakuu\"".into()),
            "az.toml: param time_zone[0].value: \"Asia/Bakuu\" is not in the time-zone database",
        ),
        (
            ("\"refugee\", \"stay_extension\"", "\"refugee\", \"stay\"".into()),
            "az.toml: param lawful_permits[0].value[3]: unknown permit kind \"stay\"",
        ),
        (
            ("[[param.lawful_permits]]", "[[param.lawful_permit]]".into()),
            "az.toml: param lawful_permit: unknown parameter",
        ),
        (
            ("[[param.stay_limit.other]]", "[[param.stay_limit.others]]".into()),
            "az.toml: param stay_limit.others: unknown entry basis",
        ),
        (
            ("name = \"az\"", "name = \"ge\"".into()),
            "az.toml: pack.name: \"ge\" does not match the file name \"az\"",
        ),
        (
            ("kind = \"per_stay\"", "kind = \"rolling\"".into()),
            "az.toml: pack.kind: \"rolling\" is not per_stay or rolling_window",
        ),
        (
            ("source = \"evisagov.az", "sourc = \"evisagov.az".into()),
            "az.toml: param stay_limit.e_visa[0].sourc: unknown key",
        ),
        (
            ("source = \"umis stay-rules spec: an entry on another basis", "source = \" \"\n#".into()),
            "az.toml: param stay_limit.other[0].source: must not be empty",
        ),
        (
            ("override.KAZ]]", "override.KZ]]".into()),
            "az.toml: param registration.deadline_override.KZ: \"KZ\" is not a country code",
        ),
        (
            ("[[param.stay_limit.other]]", "[[param.window.days]]".into()),
            "az.toml: param window.days: not a parameter of a per_stay pack",
        ),
        (("[pack]", "[pack\n".into()), "az.toml: line "),
    ]
}

#[test]
fn bad_packs_are_refused_naming_file_field_and_problem() {
    for ((from, to), expected) in bad_pack_cases() {
        assert!(AZ.contains(from), "fixture {from:?}");
        let text = AZ.replacen(from, &to, 1);
        let got = Packs::from_files(&[("az.toml".to_owned(), text)]).map(|_| ()).map_err(|e| e.to_string());
        assert!(
            got.as_ref().is_err_and(|msg| msg.starts_with(expected)),
            "expected {expected:?}, got {got:?}"
        );
    }
}

#[test]
fn required_parameters_must_be_present() {
    let cut = |from: &str| {
        let start = AZ.find(from).unwrap_or(0);
        let end = AZ[start + 2..].find("[[").map_or(AZ.len(), |e| start + 2 + e);
        format!("{}{}", &AZ[..start], &AZ[end..])
    };
    let cases = [
        ("[[param.time_zone]]", "az.toml: param time_zone: required parameter missing"),
        ("[[param.stay_limit.visa]]", "az.toml: param stay_limit.visa: required parameter missing"),
        ("[[param.lawful_permits]]", "az.toml: param lawful_permits: required parameter missing"),
    ];
    for (section, expected) in cases {
        let got =
            Packs::from_files(&[("az.toml".to_owned(), cut(section))]).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(got, Err(expected.to_owned()), "{section}");
    }
}

/// The review (Medium) says 29 June 2018 is when the 15-day registration rule was adopted, and
/// that it entered into force on publication; the stay-rules contract keeps 2018-06-29, so the
/// date stays and the pack says why.
#[test]
fn the_2018_registration_rule_keeps_the_contracts_date_and_records_the_adoption() -> TestResult {
    let packs = Packs::builtin()?;
    let az = packs.default_pack();
    let rule = |on| az.show(d(on)).into_iter().find(|p| p.name == "registration.deadline_days");
    let before = rule("2018-06-28").ok_or("no rule")?;
    let after = rule("2018-06-29").ok_or("no rule")?;
    assert_eq!(
        (before.value.as_str(), after.value.as_str(), after.from),
        ("10 days", "15 days", d("2018-06-29"))
    );
    let note = after.note.unwrap_or_default();
    assert!(note.contains("adopted") && note.contains("entered into force on publication"), "{note}");
    assert!(before.note.unwrap_or_default().contains("3 working days"));
    Ok(())
}
