//! Eligibility of the builtin services: each rule met and not met at its boundary, unknown
//! facts failing, and every trace line rendered with rule, value, source and verdict in
//! Azerbaijani, English and Russian.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use umis_domain::{CountryCode, Date};
use umis_rules::Lang;
use umis_rules::services::{Catalogue, Eligibility, Facts, evaluate_eligibility};

/// The builtin catalogue, parsed once for this test binary.
static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| Catalogue::builtin().expect("builtin catalogue"));

fn d(s: &str) -> Date {
    Date::parse(s).expect("a test date")
}

fn eligibility(code: &str, facts: &Facts, today: &str) -> Eligibility {
    let service = CATALOGUE.get(code).expect("service exists");
    evaluate_eligibility(service, facts, d(today))
}

/// Checks the verdict of every rule (in the service's order) and the overall verdict.
fn check(code: &str, facts: Facts, today: &str, expected: &[bool]) {
    let got = eligibility(code, &facts, today);
    let verdicts: Vec<bool> = got.trace.iter().map(|l| l.passed).collect();
    assert_eq!(verdicts, expected, "{code} on {today}: {:#?}", got.render(Lang::En));
    assert_eq!(got.eligible, expected.iter().all(|p| *p), "{code} on {today}");
}

fn facts(f: impl FnOnce(&mut Facts)) -> Facts {
    let mut facts = Facts::default();
    f(&mut facts);
    facts
}

#[test]
fn each_rule_at_its_boundary() {
    let stay = |until: &str| facts(|f| f.stay_until = Some(d(until)));
    let prp = |years: u32, until: &str| {
        facts(|f| {
            f.holds_trp = true;
            f.temporary_residence_years = years;
            f.permit_until = Some(d(until));
            f.trp_continuity = Some(true);
        })
    };
    let worker = |quota: Option<u32>, born: &str| {
        facts(|f| {
            f.employer_quota_remaining = quota;
            f.date_of_birth = Some(d(born));
        })
    };
    // The act's appealability and the day it was notified (the period runs from notification).
    let appeal = |appealable: bool, notified: &str| {
        facts(|f| {
            f.act_appealable = appealable;
            f.act_notified_on = Some(d(notified));
        })
    };
    let citizen = |code: &str| {
        facts(|f| {
            f.nationality = CountryCode::parse(code).ok();
            f.date_of_birth = Some(d("1990-01-01"));
        })
    };
    // (service, facts, today, verdict of each rule)
    let cases: Vec<(&str, Facts, &str, Vec<bool>)> = vec![
        // Registration is an obligation, not a condition: a short stay is never refused (the
        // December 2026 legal review, 1.2), so the service has no eligibility rule.
        ("registration", facts(|f| f.planned_stay_days = Some(15)), "2026-05-01", vec![]),
        ("registration", Facts::default(), "2026-05-01", vec![]),
        ("stay_extension", stay("2026-05-10"), "2026-05-07", vec![true]),
        ("stay_extension", stay("2026-05-10"), "2026-05-08", vec![false]),
        ("stay_extension", Facts::default(), "2026-05-01", vec![false]),
        ("trp_issue", stay("2026-05-31"), "2026-05-01", vec![true]),
        ("trp_issue", stay("2026-05-31"), "2026-05-02", vec![false]),
        (
            "trp_extension",
            facts(|f| {
                f.holds_trp = true;
                f.permit_until = Some(d("2026-07-01"))
            }),
            "2026-06-01",
            vec![true, true],
        ),
        (
            "trp_extension",
            facts(|f| f.permit_until = Some(d("2026-07-01"))),
            "2026-06-02",
            vec![false, false],
        ),
        ("prp_issue", prp(2, "2026-08-31"), "2026-05-31", vec![true, true, true, true]),
        ("prp_issue", prp(2, "2026-08-31"), "2026-06-01", vec![true, true, true, false]),
        ("prp_issue", prp(1, "2026-11-30"), "2026-05-31", vec![true, false, true, true]),
        // Review 1.5: the two years without interruption (not more than 90 days abroad in 180).
        (
            "prp_issue",
            facts(|f| {
                f.holds_trp = true;
                f.temporary_residence_years = 2;
                f.permit_until = Some(d("2026-08-31"));
                f.trp_continuity = Some(false);
            }),
            "2026-05-31",
            vec![true, true, false, true],
        ),
        (
            "prp_extension",
            facts(|f| {
                f.holds_prp = true;
                f.permit_until = Some(d("2026-05-31"))
            }),
            "2026-02-28",
            vec![true, true],
        ),
        (
            "prp_extension",
            facts(|f| {
                f.holds_prp = true;
                f.permit_until = Some(d("2026-05-31"))
            }),
            "2026-03-01",
            vec![true, false],
        ),
        ("work_permit", worker(Some(1), "2008-06-15"), "2026-06-15", vec![true, true]),
        ("work_permit", worker(Some(1), "2008-06-15"), "2026-06-14", vec![true, false]),
        ("work_permit", worker(Some(0), "1980-01-01"), "2026-06-15", vec![false, true]),
        ("work_permit", worker(None, "2030-01-01"), "2026-06-15", vec![false, false]),
        ("work_permit_extension", facts(|f| f.holds_work_permit = true), "2026-06-15", vec![true]),
        ("citizenship_acquisition", facts(|f| f.permanent_residence_years = 5), "2026-06-15", vec![true]),
        ("citizenship_acquisition", facts(|f| f.permanent_residence_years = 4), "2026-06-15", vec![false]),
        ("citizenship_restoration", Facts::default(), "2026-06-15", vec![]),
        ("refugee_status", Facts::default(), "2026-06-15", vec![]),
        ("recruitment", citizen("AZE"), "2026-06-15", vec![true, true]),
        ("recruitment", citizen("RUS"), "2026-06-15", vec![true, false]),
        ("appeal", appeal(true, "2026-04-01"), "2026-05-01", vec![true, true]),
        ("appeal", appeal(true, "2026-04-01"), "2026-04-01", vec![true, true]),
        ("appeal", appeal(true, "2026-04-01"), "2026-05-02", vec![true, false]),
        ("appeal", appeal(true, "2026-04-01"), "2026-03-31", vec![true, false]),
        ("appeal", appeal(false, "2026-04-01"), "2026-04-10", vec![false, true]),
        // One month, not 30 days: notified on 31 January, the last day is 28 February.
        ("appeal", appeal(true, "2026-01-31"), "2026-02-28", vec![true, true]),
        ("appeal", appeal(true, "2026-01-31"), "2026-03-01", vec![true, false]),
    ];
    for (code, facts, today, expected) in cases {
        check(code, facts, today, &expected);
    }
}

#[test]
fn trace_lines_read_in_three_languages() {
    let pass = eligibility("trp_issue", &facts(|f| f.stay_until = Some(d("2026-05-31"))), "2026-05-01");
    let source = "Migration Code; migration.gov.az news 12742: apply at least 30 days before the temporary stay or residence expires";
    assert_eq!(
        pass.render(Lang::En),
        [format!(
            "[apply_30_days_before_stay_ends] Apply at least 30 days before the stay ends: current stay ends = 2026-05-31; at least 30 days before, apply by 2026-05-01: met (source: {source})"
        )]
    );
    assert_eq!(
        pass.render(Lang::Az),
        [format!(
            "[apply_30_days_before_stay_ends] Qalma müddəti bitməzdən ən azı 30 gün əvvəl müraciət: cari qalma müddətinin sonu = 2026-05-31; ən azı 30 gün əvvəl, son müraciət tarixi 2026-05-01: ödənilib (mənbə: {source})"
        )]
    );
    assert_eq!(
        pass.render(Lang::Ru),
        [format!(
            "[apply_30_days_before_stay_ends] Подать не менее чем за 30 дней до окончания пребывания: окончание текущего пребывания = 2026-05-31; не менее чем за 30 дн., подать до 2026-05-01: выполнено (источник: {source})"
        )]
    );
    let fail = eligibility("stay_extension", &Facts::default(), "2026-05-01");
    let en = fail.render(Lang::En);
    assert!(en[0].contains("current stay ends = unknown; at least 3 days before: not met"), "{en:?}");
    assert!(
        fail.render(Lang::Az)[0].contains("naməlum; ən azı 3 gün əvvəl: ödənilməyib"),
        "{:?}",
        fail.render(Lang::Az)
    );
    assert!(
        fail.render(Lang::Ru)[0].contains("неизвестно; не менее чем за 3 дн.: не выполнено"),
        "{:?}",
        fail.render(Lang::Ru)
    );
}

#[test]
fn every_line_names_rule_value_source_and_verdict() {
    let everything = facts(|f| {
        f.date_of_birth = Some(d("1990-01-01"));
        f.nationality = CountryCode::parse("AZE").ok();
        f.stay_until = Some(d("2026-09-01"));
        f.permit_until = Some(d("2026-12-01"));
        f.planned_stay_days = Some(30);
        f.temporary_residence_years = 3;
        f.permanent_residence_years = 6;
        f.holds_trp = true;
        f.employer_quota_remaining = Some(5);
        f.appealed_case_refused = true;
        f.refusal_date = Some(d("2026-06-01"));
        f.act_appealable = true;
        f.act_notified_on = Some(d("2026-06-01"));
    });
    let catalogue = &*CATALOGUE;
    let mut lines = 0;
    for service in catalogue.services() {
        let result = evaluate_eligibility(service, &everything, d("2026-06-10"));
        for line in &result.trace {
            let rendered: Vec<String> =
                [Lang::En, Lang::Az, Lang::Ru].into_iter().map(|l| line.render(l)).collect();
            for (text, verdict) in rendered.iter().zip([
                ["met", "not met"],
                ["ödənilib", "ödənilməyib"],
                ["выполнено", "не выполнено"],
            ]) {
                assert!(text.starts_with(&format!("[{}] ", line.rule)), "{text}");
                assert!(text.contains(&line.provenance.source), "{text}");
                assert!(text.contains(&format!(": {} (", verdict[usize::from(!line.passed)])), "{text}");
            }
            assert!(rendered[0] != rendered[1] && rendered[1] != rendered[2], "{rendered:?}");
            let marked = rendered[0].ends_with("; unverified)");
            assert_eq!(marked, line.provenance.unverified, "{}", rendered[0]);
            lines += 1;
        }
    }
    assert_eq!(
        lines, 19,
        "with registration_change's 5 working days and prp_issue's continuity (review 1.5)"
    );
    let flag =
        evaluate_eligibility(catalogue.get("trp_extension").expect("service"), &everything, d("2026-06-10"));
    assert!(flag.render(Lang::En)[0].contains("holds a temporary residence permit = yes; must be yes: met"));
    assert!(flag.render(Lang::Ru)[0].contains("= да; должно быть «да»: выполнено"));
    let citizen =
        evaluate_eligibility(catalogue.get("recruitment").expect("service"), &everything, d("2026-06-10"));
    assert!(
        citizen.render(Lang::En)[0].contains("age = 36; at least 18 years: met"),
        "{:?}",
        citizen.render(Lang::En)
    );
    assert!(citizen.render(Lang::En)[1].contains("nationality = AZE; one of AZE: met"));
}

/// A move is registered within 5 working days: counted on the catalogue's calendar (a
/// weekend and a holiday do not count), unmet (and undated) when no calendar can count it.
#[test]
fn a_move_counts_five_working_days_on_the_calendar() {
    let catalogue = &*CATALOGUE;
    let service = catalogue.get("registration_change").expect("service");
    // Moved on Friday 2026-03-13: Mon 16 … Thu 19 are working days, 20–30 March are Novruz and
    // Ramazan days off, so the fifth working day is Tuesday 31 March.
    let moved = facts(|f| f.stay_from = Some(d("2026-03-13")));
    let on = |today: &str| {
        umis_rules::services::evaluate_eligibility_on(service, &moved, d(today), Some(catalogue.calendar()))
    };
    assert_eq!(on("2026-03-31").trace[0].apply_by, Some(d("2026-03-31")));
    assert!(on("2026-03-31").eligible);
    assert!(!on("2026-04-01").eligible, "one working day late");
    let no_calendar = evaluate_eligibility(service, &moved, d("2026-03-16"));
    assert!(!no_calendar.eligible && no_calendar.trace[0].apply_by.is_none());
}
