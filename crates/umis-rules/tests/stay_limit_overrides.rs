//! Nationality-specific stay limits (review S1) and the Art. 38.1 visa figures (review S2):
//! an override in a pack changes the limit for that nationality in the engine and in the
//! calculator alike; the builtin `az` pack ships none; a visa record's own `stay_days` is still
//! honoured above the multiple-entry figure, with a hint in the trace.

use umis_domain::{CountryCode, Date, Direction, EntryBasisKind};
use umis_rules::calc::CalcStayIn;
use umis_rules::{
    CalcRequest, CrossingIn, Finding, Lang, Packs, TravellerIn, calculate, evaluate, evaluate_traced,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const AZ: &str = include_str!("../packs/az.toml");

const USA_30: &str = "
[[param.stay_limit_override.visa_free.USA]]
from = \"2020-01-01\"
value = 30
source = \"a test treaty: 30 days per visa-free stay\"
";

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or(Date::MIN)
}

fn with_override() -> Result<Packs, umis_rules::PackError> {
    Packs::from_files(&[("az.toml".to_owned(), format!("{AZ}{USA_30}"))])
}

fn entered(nationality: &str, day: &str) -> TravellerIn {
    let at = i64::from(d(day).days()) * 86_400 + 8 * 3600;
    let c = CrossingIn {
        record_id: "e1".into(),
        direction: Direction::Entry,
        utc_seconds: at,
        utc_nanos: at * 1_000_000_000,
        basis: Some(EntryBasisKind::VisaFree),
        stay_days: None,
        nationality: CountryCode::parse(nationality).ok(),
    };
    TravellerIn { crossings: vec![c], ..TravellerIn::default() }
}

fn overstay_first_day(findings: &[Finding]) -> Option<Date> {
    findings.iter().find_map(|f| match f {
        Finding::Overstay { first_unlawful_day, .. } => Some(*first_unlawful_day),
        _ => None,
    })
}

#[test]
fn an_override_limits_that_nationality_only_in_the_engine() -> TestResult {
    let packs = with_override()?;
    let az = packs.default_pack();
    let usa = evaluate(az, &entered("USA", "2026-01-01"), d("2026-03-01"));
    assert_eq!(overstay_first_day(&usa.findings), Some(d("2026-01-31")));
    assert_eq!(usa.stays[0].limit, Some(30));
    let tur = evaluate(az, &entered("TUR", "2026-01-01"), d("2026-03-01"));
    assert_eq!(overstay_first_day(&tur.findings), None);
    // Before the override's date the general limit applies.
    let old = evaluate(az, &entered("USA", "2019-01-01"), d("2019-03-01"));
    assert_eq!(old.stays[0].limit, Some(90));
    let traced = evaluate_traced(az, &entered("USA", "2026-01-01"), d("2026-03-01"));
    let lines: Vec<String> = traced.trace.iter().map(|t| t.render(Lang::En)).collect();
    assert!(
        lines.iter().any(|l| l.starts_with("[stay_limit_override]")
            && l.contains("nationality USA: limit 30 days (source: a test treaty")),
        "{lines:?}"
    );
    // The builtin pack has no override: the same traveller gets 90 days.
    let builtin = Packs::builtin()?;
    let plain = evaluate(builtin.default_pack(), &entered("USA", "2026-01-01"), d("2026-03-01"));
    assert_eq!(overstay_first_day(&plain.findings), None);
    Ok(())
}

fn planning(nationality: Option<&str>, basis: &str, stay_days: Option<i64>) -> CalcRequest {
    CalcRequest {
        pack: "az".into(),
        mode: "planning".into(),
        date: "2026-01-01".into(),
        stays: vec![CalcStayIn {
            entry: "2025-01-01".into(),
            exit: Some("2025-01-05".into()),
            ..CalcStayIn::default()
        }],
        basis: Some(basis.into()),
        stay_days,
        nationality: nationality.map(str::to_owned),
        ..CalcRequest::default()
    }
}

#[test]
fn the_calculator_takes_the_override_from_the_nationality() -> TestResult {
    let packs = with_override()?;
    let usa = calculate(&packs, &planning(Some("USA"), "visa_free", None), Lang::En)?;
    assert_eq!((usa.max_stay_days, usa.latest_exit), (Some(30), Some(d("2026-01-30"))));
    assert!(usa.trace.iter().any(|l| l.starts_with("[stay_limit_override]")), "{:?}", usa.trace);
    let unknown = calculate(&packs, &planning(None, "visa_free", None), Lang::En)?;
    assert_eq!(unknown.max_stay_days, Some(90));
    Ok(())
}

#[test]
fn overrides_are_validated_and_shown() -> TestResult {
    let bad = [
        (
            "visa_free.USA]]",
            "visa_free.US]]",
            "az.toml: param stay_limit_override.visa_free.US: \"US\" is not a country code",
        ),
        (
            "visa_free.USA]]",
            "visa_fre.USA]]",
            "az.toml: param stay_limit_override.visa_fre.USA: unknown entry basis",
        ),
        (
            "value = 30\n",
            "value = 4000\n",
            "az.toml: param stay_limit_override.visa_free.USA[0].value: 4000 is outside 0..=3650",
        ),
    ];
    for (from, to, expected) in bad {
        let text = format!("{AZ}{}", USA_30.replacen(from, to, 1));
        let got = Packs::from_files(&[("az.toml".to_owned(), text)]).map(|_| ()).map_err(|e| e.to_string());
        assert!(got.as_ref().is_err_and(|m| m.starts_with(expected)), "expected {expected:?}, got {got:?}");
    }
    let packs = with_override()?;
    let shown = packs.default_pack().show(d("2026-07-10"));
    let hit = shown.iter().find(|p| p.name == "stay_limit_override.visa_free.USA").ok_or("not shown")?;
    assert_eq!(hit.value, "30 days");
    let builtin = Packs::builtin()?.default_pack().show(d("2026-07-10"));
    assert!(builtin.iter().all(|p| !p.name.starts_with("stay_limit_override")));
    Ok(())
}

#[test]
fn visa_figures_of_art_38_1_are_stated_but_a_record_s_stay_days_is_honoured() -> TestResult {
    let packs = Packs::builtin()?;
    let shown = packs.default_pack().show(d("2026-07-10"));
    for (name, value) in
        [("visa_stay_max.single_entry", "30 days"), ("visa_stay_max.multiple_entry", "90 days")]
    {
        let p = shown.iter().find(|p| p.name == name).ok_or(name)?;
        assert_eq!(p.value, value);
        assert!(p.unverified && p.source.contains("38.1"), "{name}");
    }
    let long = calculate(&packs, &planning(None, "visa", Some(120)), Lang::En)?;
    assert_eq!(long.max_stay_days, Some(120), "the record's stay_days is not capped");
    assert!(
        long.trace.iter().any(|l| l.starts_with("[visa_stay_max]") && l.contains("120")),
        "{:?}",
        long.trace
    );
    let ninety = calculate(&packs, &planning(None, "visa", Some(90)), Lang::En)?;
    assert_eq!(ninety.max_stay_days, Some(90));
    assert!(ninety.trace.iter().all(|l| !l.starts_with("[visa_stay_max]")));
    Ok(())
}
