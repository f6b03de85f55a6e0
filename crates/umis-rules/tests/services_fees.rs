//! The state duty as the Law on State Duty sets it (review 2026-12 X2, X3, §1.3, §1.4, §1.6): by
//! the term requested, the minor and full-time-student scales, per 30 days of a stay extension,
//! and the liberated-territory regime with its own amounts, shorter deadlines and no quota; and
//! catalogue files that get the new parts wrong are refused with the part named.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use std::collections::BTreeMap;
use umis_domain::Date;
use umis_rules::services::{Catalogue, FeeError, FeeScale, Period, Service, Unit};

static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| Catalogue::builtin().expect("the builtin catalogue loads"));

fn service(code: &str) -> &'static Service {
    CATALOGUE.get(code).expect("service")
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("date")
}

/// An adult's form (born 1990) with these answers.
fn form(answers: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut f: BTreeMap<String, String> = [("date_of_birth", "1990-05-04")]
        .into_iter()
        .chain(answers.iter().copied())
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    f.retain(|_, v| !v.is_empty());
    f
}

const ON: &str = "2026-12-07";

fn amount(code: &str, tier: &str, answers: &[(&str, &str)]) -> i64 {
    service(code).quote(tier, &form(answers), day(ON)).expect("a fee").amount_minor
}

#[test]
fn a_stay_extension_is_charged_per_started_30_days_of_the_extension() {
    // X3: 60 days cost twice 30 days, on both tiers (60 / 100 AZN, not 30 / 50).
    let cases =
        [("standard", "30", 3000), ("standard", "60", 6000), ("urgent", "30", 5000), ("urgent", "60", 10000)];
    for (tier, days, want) in cases {
        let q =
            service("stay_extension").quote(tier, &form(&[("extension_days", days)]), day(ON)).expect("fee");
        assert_eq!(q.amount_minor, want, "{tier}/{days}");
        assert_eq!(q.scale, FeeScale::Adult);
        assert_eq!(q.periods, Some(if days == "60" { 2 } else { 1 }));
    }
}

#[test]
fn a_minor_pays_the_minor_scale_derived_from_the_date_of_birth() {
    let minor = |tier: &str, days: &str, on: &str, born: &str| {
        let f = form(&[("extension_days", days), ("date_of_birth", born)]);
        service("stay_extension").quote(tier, &f, day(on)).expect("fee")
    };
    // Review §1.3: minors 15 / 30 AZN (3 wd), 30 / 60 AZN (1 wd).
    let q = minor("standard", "60", ON, "2010-01-01");
    assert_eq!((q.amount_minor, q.scale), (3000, FeeScale::Minor));
    assert_eq!(minor("standard", "30", ON, "2010-01-01").amount_minor, 1500);
    assert_eq!(minor("urgent", "30", ON, "2010-01-01").amount_minor, 3000);
    assert_eq!(minor("urgent", "60", ON, "2010-01-01").amount_minor, 6000);
    // Eighteen on the day the fee is computed: an adult; the day before: a minor.
    assert_eq!(minor("standard", "30", "2026-12-07", "2008-12-07").scale, FeeScale::Adult);
    assert_eq!(minor("standard", "30", "2026-12-06", "2008-12-07").scale, FeeScale::Minor);
}

#[test]
fn a_trp_costs_what_the_law_sets_for_the_term_requested() {
    let terms = ["3_months", "6_months", "1_year", "18_months", "2_years", "30_months", "3_years"];
    let adult20 = [3000, 6000, 12000, 18000, 24000, 30000, 36000];
    let adult15 = [4000, 8000, 16000, 24000, 32000, 40000, 48000];
    let minor20 = [1500, 3000, 6000, 9000, 12000, 15000, 18000];
    let minor15 = [2500, 5000, 10000, 15000, 20000, 25000, 30000];
    for code in ["trp_issue", "trp_extension"] {
        for (i, term) in terms.iter().enumerate() {
            assert_eq!(amount(code, "standard", &[("requested_term", term)]), adult20[i], "{code} {term}");
            assert_eq!(amount(code, "urgent", &[("requested_term", term)]), adult15[i], "{code} {term}");
            let young = [("requested_term", *term), ("date_of_birth", "2012-03-01")];
            assert_eq!(amount(code, "standard", &young), minor20[i], "{code} {term} minor");
            assert_eq!(amount(code, "urgent", &young), minor15[i], "{code} {term} minor");
        }
    }
}

#[test]
fn a_full_time_student_pays_the_student_scale_where_the_law_has_one() {
    let student = |tier: &str, term: &str| {
        let f = form(&[("requested_term", term), ("full_time_student", "yes")]);
        service("trp_issue").quote(tier, &f, day(ON)).expect("fee")
    };
    let q = student("standard", "1_year");
    assert_eq!((q.amount_minor, q.scale, q.term.as_deref()), (4000, FeeScale::Student, Some("1_year")));
    assert_eq!(student("standard", "2_years").amount_minor, 8000);
    assert_eq!(student("urgent", "1_year").amount_minor, 6000);
    assert_eq!(student("urgent", "2_years").amount_minor, 12000);
    // No student amount for 6 months: the adult one.
    let q = student("standard", "6_months");
    assert_eq!((q.amount_minor, q.scale), (6000, FeeScale::Adult));
    // Answering "no" is an adult.
    let no = form(&[("requested_term", "1_year"), ("full_time_student", "no")]);
    assert_eq!(service("trp_issue").quote("standard", &no, day(ON)).expect("fee").amount_minor, 12000);
}

#[test]
fn a_work_permit_costs_by_term_and_the_longer_terms_are_for_the_liberated_territories_only() {
    let cases = [
        ("standard", "3_months", 35000),
        ("fast", "3_months", 50000),
        ("urgent", "3_months", 70000),
        ("standard", "6_months", 60000),
        ("fast", "6_months", 70000),
        ("urgent", "6_months", 90000),
        ("standard", "1_year", 100000),
        ("fast", "1_year", 120000),
        ("urgent", "1_year", 140000),
    ];
    for code in ["work_permit", "work_permit_extension"] {
        for (tier, term, want) in cases {
            assert_eq!(amount(code, tier, &[("requested_term", term)]), want, "{code} {tier} {term}");
        }
        let two = form(&[("requested_term", "2_years"), ("work_location", "ordinary")]);
        assert_eq!(
            service(code).quote("standard", &two, day(ON)),
            Err(FeeError::NoAmount { field: "requested_term".into() })
        );
    }
}

#[test]
fn the_liberated_territories_have_their_own_amounts_and_every_deadline_5_working_days_shorter() {
    let w = service("work_permit");
    let cases = [
        ("standard", "18_months", 120000, 15),
        ("standard", "2_years", 140000, 15),
        ("fast", "18_months", 140000, 10),
        ("fast", "2_years", 160000, 10),
        ("urgent", "18_months", 160000, 5),
        ("urgent", "2_years", 180000, 5),
    ];
    for (tier, term, want, days) in cases {
        let f = form(&[("requested_term", term), ("work_location", "liberated_territories")]);
        let q = w.quote(tier, &f, day(ON)).expect("fee");
        assert_eq!(q.amount_minor, want, "{tier} {term}");
        assert_eq!(q.deadline, Period { count: days, unit: Unit::BusinessDays }, "{tier}");
        assert_eq!(q.regime.as_deref(), Some("liberated_territories"));
        assert!(w.outside_quota(&f));
    }
    // Elsewhere the deadlines are as before and the quota counts.
    let ordinary = form(&[("requested_term", "1_year"), ("work_location", "ordinary")]);
    let q = w.quote("urgent", &ordinary, day(ON)).expect("fee");
    assert_eq!((q.deadline.count, q.regime), (10, None));
    assert!(!w.outside_quota(&ordinary));
    // A short term is not offered in the liberated territories.
    let short = form(&[("requested_term", "1_year"), ("work_location", "liberated_territories")]);
    assert_eq!(
        w.quote("standard", &short, day(ON)),
        Err(FeeError::NoAmount { field: "requested_term".into() })
    );
}

#[test]
fn the_liberated_territory_regime_is_in_force_from_2023_until_2028_only() {
    let w = service("work_permit");
    let f = form(&[("requested_term", "2_years"), ("work_location", "liberated_territories")]);
    let refused = Err(FeeError::RegimeNotInForce { field: "work_location".into() });
    assert_eq!(w.quote("standard", &f, day("2022-12-31")), refused);
    assert_eq!(w.quote("standard", &f, day("2028-01-01")), refused);
    assert_eq!(w.quote("standard", &f, day("2023-01-01")).map(|q| q.amount_minor), Ok(140000));
    assert_eq!(w.quote("standard", &f, day("2027-12-31")).map(|q| q.amount_minor), Ok(140000));
}

#[test]
fn a_draft_without_a_term_is_quoted_the_tiers_listed_amount() {
    let q = service("trp_issue").quote("standard", &form(&[]), day(ON)).expect("fee");
    assert_eq!((q.amount_minor, q.term), (12000, None));
    let q = service("stay_extension").quote("urgent", &form(&[]), day(ON)).expect("fee");
    assert_eq!((q.amount_minor, q.periods), (5000, Some(1)));
    assert_eq!(service("trp_issue").quote("nope", &form(&[]), day(ON)), Err(FeeError::UnknownTier));
}

#[test]
fn every_new_rate_cites_a_source_and_none_is_left_unverified() {
    for s in CATALOGUE.services() {
        for r in s.fee_rates() {
            assert!(!r.provenance.source.is_empty(), "{}", s.code());
            assert!(!r.provenance.unverified, "{} {}", s.code(), r.tier);
        }
    }
}

/// A minimal service with a term field, for the broken-file checks.
fn with(extra: &str) -> String {
    let builtin = include_str!("../packs/az-services.toml");
    let head = &builtin[..builtin.find("\n[[services]]\n").expect("a service")];
    format!(
        "{head}\n[[services]]\ncode = \"x\"\nnames = {{ az = \"x\", en = \"x\", ru = \"x\" }}\nfiled_by = [\"applicant\"]\n\
         four_eyes = true\nsource = \"s\"\n\n[[services.fields]]\nname = \"term\"\ntype = \"choice\"\nrequired = true\n\
         label = {{ az = \"t\", en = \"t\", ru = \"t\" }}\nchoices = [{{ value = \"one_year\", label = {{ az = \"1\", en = \"1\", ru = \"1\" }} }}]\n\n\
         [[services.fees]]\ncode = \"standard\"\namount_minor = 100\ndeadline = {{ count = 3, unit = \"business_days\" }}\n\
         source = \"s\"\n\n[services.outcome]\nkind = \"employment\"\nsource = \"s\"\n\n{extra}\n\
         \n[[refusal_grounds]]\ncode = \"conditions_not_met\"\nservices = [\"x\"]\n\
         names = {{ az = \"a\", en = \"b\", ru = \"c\" }}\narticle = \"Art. 1\"\nsource = \"s\"\n\
         \n[[cancellation_grounds]]\ncode = \"issued_in_error\"\n\
         names = {{ az = \"a\", en = \"b\", ru = \"c\" }}\narticle = \"Art. 2\"\nsource = \"s\"\n\
         \n[appeals]\npresumed_delivery = {{ count = 3, unit = \"calendar_days\" }}\n\
         court_period = {{ count = 30, unit = \"calendar_days\" }}\nsource = \"s\"\n"
    )
}

#[test]
fn broken_fee_parts_are_refused_with_the_part_named() {
    let basis = "[services.fee_basis]\nterm_field = \"term\"\nminor_under = 18\nsource = \"s\"\n";
    Catalogue::parse(&with(basis)).expect("a valid basis loads");
    let cases = [
        (
            "[services.fee_basis]\nterm_field = \"nope\"\nminor_under = 18\nsource = \"s\"\n",
            "fee_basis.term_field",
        ),
        (
            "[services.fee_basis]\nterm_field = \"term\"\nstudent_field = \"term\"\nminor_under = 18\nsource = \"s\"\n",
            "fee_basis.student_field",
        ),
        (
            &format!(
                "{basis}\n[[services.fee_rates]]\ntier = \"fast\"\nscale = \"adult\"\nfrom = \"2020-01-01\"\namount_minor = 1\nsource = \"s\"\n"
            ),
            "fee_rates[0].tier",
        ),
        (
            &format!(
                "{basis}\n[[services.fee_rates]]\ntier = \"standard\"\nscale = \"old\"\nfrom = \"2020-01-01\"\namount_minor = 1\nsource = \"s\"\n"
            ),
            "fee_rates[0].scale",
        ),
        (
            &format!(
                "{basis}\n[[services.fee_rates]]\ntier = \"standard\"\nscale = \"adult\"\nfrom = \"2020-01-01\"\nby_term = {{ \"9y\" = 1 }}\nsource = \"s\"\n"
            ),
            "fee_rates[0].by_term.9y",
        ),
        (
            &format!(
                "{basis}\n[[services.fee_rates]]\ntier = \"standard\"\nscale = \"adult\"\nfrom = \"2020-01-01\"\nsource = \"s\"\n"
            ),
            "fee_rates[0]",
        ),
        (
            &format!(
                "{basis}\n[[services.fee_rates]]\ntier = \"standard\"\nscale = \"adult\"\nfrom = \"2020-01-01\"\nuntil = \"2019-01-01\"\namount_minor = 1\nsource = \"s\"\n"
            ),
            "fee_rates[0].until",
        ),
        (
            &format!(
                "{basis}\n[[services.fee_rates]]\ntier = \"standard\"\nscale = \"student\"\nfrom = \"2020-01-01\"\namount_minor = 1\nsource = \"s\"\n"
            ),
            "fee_rates[0].scale",
        ),
        (
            "[services.fee_basis]\nterm_field = \"term\"\nregime_field = \"term\"\nminor_under = 18\nsource = \"s\"\n\n[[services.regimes]]\ncode = \"one_year\"\nnames = { az = \"r\", en = \"r\", ru = \"r\" }\nfrom = \"2023-01-01\"\ndeadline_cut = 3\nsource = \"s\"\n",
            "regimes[0].deadline_cut",
        ),
        (
            &format!(
                "{basis}\n[[services.regimes]]\ncode = \"z\"\nnames = {{ az = \"r\", en = \"r\", ru = \"r\" }}\nfrom = \"2023-01-01\"\ndeadline_cut = 1\nsource = \"s\"\n"
            ),
            "regimes[0]",
        ),
    ];
    for (extra, field) in cases {
        let e = Catalogue::parse(&with(extra)).expect_err(field);
        assert_eq!((e.service.as_str(), e.field.as_str()), ("x", field), "{e}");
    }
}

#[test]
fn a_work_permit_outside_the_quota_meets_the_quota_rule_with_none_left() {
    use umis_rules::Lang;
    use umis_rules::services::{Facts, evaluate_eligibility};
    let w = service("work_permit");
    let facts = Facts {
        date_of_birth: Some(day("1990-05-04")),
        employer_quota_remaining: Some(0),
        ..Facts::default()
    };
    let inside = evaluate_eligibility(w, &facts, day(ON));
    assert!(!inside.eligible);
    let outside = evaluate_eligibility(w, &Facts { outside_quota: true, ..facts }, day(ON));
    assert!(outside.eligible);
    let line = outside.render(Lang::En).into_iter().find(|l| l.contains("quota_remaining")).expect("line");
    assert!(line.contains("outside the quota"), "{line}");
}
