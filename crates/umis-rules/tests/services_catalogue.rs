//! The builtin service catalogue loads with every service the authority offers; broken catalogue
//! files are refused with an error naming the service, the field and the problem; no input
//! makes the parser panic.
#![expect(clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use proptest::prelude::*;
use umis_domain::{Date, PermitKind};
use umis_rules::services::{
    AffiliationResult, Catalogue, Fact, Filer, IDENTITY_FIELDS, OutcomeKind, Period, Test, Unit, Validity,
};

/// The builtin catalogue, parsed once for this test binary.
static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| Catalogue::builtin().expect("the builtin catalogue loads"));

const SERVICES: [&str; 17] = [
    "registration",
    "registration_change",
    "deregistration",
    "stay_extension",
    "trp_issue",
    "trp_extension",
    "prp_issue",
    "prp_extension",
    "work_permit",
    "work_permit_extension",
    "citizenship_acquisition",
    "citizenship_restoration",
    "citizenship_renunciation",
    "citizenship_affiliation",
    "refugee_status",
    "recruitment",
    "appeal",
];

fn builtin() -> &'static Catalogue {
    &CATALOGUE
}

#[test]
fn builtin_has_every_service_with_identity_fields_and_a_fee_tier() {
    let cat = builtin();
    let codes: Vec<&str> = cat.services().iter().map(|s| s.code()).collect();
    assert_eq!(codes, SERVICES);
    for service in cat.services() {
        let code = service.code();
        assert!(!service.fees().is_empty(), "{code}: no fee tier");
        for name in IDENTITY_FIELDS {
            assert!(service.field(name).is_some(), "{code}: no identity field {name}");
        }
        for texts in [service.names()].into_iter().chain(service.fields().iter().map(|f| &f.label)) {
            assert!(!texts.az.is_empty() && texts.en != texts.ru, "{code}: {texts:?}");
        }
        // Only the automatically decided registrations go without a second officer.
        assert_eq!(service.four_eyes(), !service.auto_decide(), "{code}");
        let registers = matches!(code, "registration" | "registration_change" | "deregistration");
        assert_eq!(service.auto_decide(), registers, "{code}");
        assert_eq!(service.sensitive(), code == "refugee_status", "{code}");
    }
    assert!(cat.get("visa").is_none());
    assert_eq!(cat.calendar().years_covered(), (2024, 2027));
}

#[test]
fn filers_follow_the_law() {
    let cat = builtin();
    let cases = [
        ("registration", Filer::Host, true),
        ("registration", Filer::Applicant, true),
        ("work_permit", Filer::Employer, true),
        ("work_permit", Filer::Applicant, false),
        ("work_permit_extension", Filer::Employer, true),
        ("trp_issue", Filer::Employer, false),
        ("trp_issue", Filer::Operator, true),
        ("recruitment", Filer::Operator, false),
    ];
    for (code, filer, may) in cases {
        assert_eq!(cat.get(code).map(|s| s.may_file(filer)), Some(may), "{code} {filer:?}");
    }
}

#[test]
fn fee_tiers_buy_the_statutory_deadlines() {
    let bd = Unit::BusinessDays;
    let cases: [(&str, &str, u32, Unit); 14] = [
        ("registration", "standard", 0, bd),
        ("stay_extension", "standard", 3, bd),
        ("stay_extension", "urgent", 1, bd),
        ("trp_issue", "standard", 20, bd),
        ("trp_issue", "urgent", 15, bd),
        ("prp_issue", "standard", 60, bd),
        ("prp_issue", "fast", 50, bd),
        ("prp_issue", "faster", 40, bd),
        ("prp_issue", "urgent", 35, bd),
        ("work_permit", "standard", 20, bd),
        ("work_permit", "fast", 15, bd),
        ("work_permit", "urgent", 10, bd),
        ("refugee_status", "standard", 3, Unit::Months),
        ("appeal", "standard", 1, Unit::Months),
    ];
    let cat = builtin();
    for (code, tier, count, unit) in cases {
        let fee = cat.get(code).and_then(|s| s.fee(tier)).expect("tier exists");
        assert_eq!(fee.deadline, Period { count, unit }, "{code}/{tier}");
        assert!(fee.provenance.note.is_some() || !fee.provenance.unverified, "{code}/{tier}");
    }
    let registration = cat.get("registration").and_then(|s| s.fee("standard")).expect("tier");
    assert_eq!((registration.amount_minor, registration.provenance.unverified), (0, false));
    // A stay extension costs 30 AZN per started 30 days.
    let extension = cat.get("stay_extension").and_then(|s| s.fee("standard")).expect("tier");
    let fees: Vec<i64> = [1, 30, 31, 60].into_iter().map(|days| extension.fee_minor(days)).collect();
    assert_eq!(fees, [3000, 3000, 6000, 6000]);
    let trp = cat.get("trp_issue").and_then(|s| s.fee("standard")).expect("tier");
    assert_eq!((trp.fee_minor(365), trp.provenance.unverified), (12000, true));
}

fn permit(code: &str) -> (PermitKind, Validity, Option<String>, Option<Period>) {
    match &builtin().get(code).expect("service").outcome().kind {
        OutcomeKind::Permit(p) => (p.kind, p.validity.clone(), p.capped_by_field.clone(), p.max_extension),
        other => panic!("{code}: not a permit outcome: {other:?}"),
    }
}

#[test]
fn outcomes_name_the_permit_and_its_validity() {
    let years = |count| Period { count, unit: Unit::Years };
    let cases = [
        ("trp_issue", PermitKind::TemporaryResidence, Validity::Fixed(years(1)), None, Some(years(2))),
        ("prp_issue", PermitKind::PermanentResidence, Validity::Fixed(years(5)), None, Some(years(5))),
        ("prp_extension", PermitKind::PermanentResidence, Validity::Fixed(years(5)), None, Some(years(5))),
        // The term paid for (review 2026-12 §1.6), not a fixed year.
        (
            "work_permit",
            PermitKind::Work,
            Validity::FromField("requested_term".into()),
            Some("contract_until"),
            Some(years(1)),
        ),
        (
            "stay_extension",
            PermitKind::StayExtension,
            Validity::FromField("extension_days".into()),
            None,
            None,
        ),
        ("refugee_status", PermitKind::Refugee, Validity::Open, None, None),
    ];
    for (code, kind, validity, cap, max_extension) in cases {
        assert_eq!(permit(code), (kind, validity, cap.map(str::to_owned), max_extension), "{code}");
    }
    let cat = builtin();
    let kind = |code: &str| cat.get(code).map(|s| s.outcome().kind.clone());
    assert_eq!(
        kind("citizenship_affiliation"),
        Some(OutcomeKind::Affiliation {
            results: vec![
                AffiliationResult::Recognised,
                AffiliationResult::NotRecognised,
                AffiliationResult::Undetermined
            ],
            stateless_on: Some(AffiliationResult::Undetermined),
        })
    );
    assert_eq!(kind("appeal"), Some(OutcomeKind::Appeal { reference_field: "appealed_receipt".into() }));
    assert_eq!(kind("recruitment"), Some(OutcomeKind::Employment));
    assert!(matches!(kind("registration"), Some(OutcomeKind::Registration { .. })));
}

#[test]
fn refugee_milestones_count_from_filing_and_registration() {
    let cat = builtin();
    let refugee = cat.get("refugee_status").expect("service");
    let filed = Date::parse("2026-03-02").expect("date");
    let got: Vec<(String, String)> = refugee
        .milestone_dates(cat.calendar(), filed)
        .into_iter()
        .map(|(m, d)| (m.code.clone(), d.map_or_else(|e| e.to_string(), |d| d.to_string())))
        .collect();
    let want = [
        ("registration_interview", "2026-03-17"),
        ("temporary_certificate", "2026-03-17"),
        ("status_interview", "2026-04-17"),
        // From registration of the claim, not from lodging (review 2026-12 §1.10).
        ("decision", "2026-06-17"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
    // Once the registration interview took place, the others count from its actual date.
    let held = [("registration_interview", Date::parse("2026-03-05").expect("date"))];
    let got: Vec<(String, String)> = refugee
        .milestone_dates_held(cat.calendar(), filed, &held)
        .into_iter()
        .map(|(m, d)| (m.code.clone(), d.expect("within the calendar").to_string()))
        .collect();
    let want = [
        ("registration_interview", "2026-03-17"),
        ("temporary_certificate", "2026-03-05"),
        ("status_interview", "2026-04-06"),
        ("decision", "2026-06-05"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
    assert!(cat.get("trp_issue").is_some_and(|s| s.milestones().is_empty()));
    // Filed in October 2027, the interviews fall in 2027 but the decision runs into 2028, which
    // the calendar does not cover: that date is refused with the year, not guessed.
    let late = refugee.milestone_dates(cat.calendar(), Date::parse("2027-10-01").expect("date"));
    let years: Vec<Result<i32, i32>> =
        late.iter().map(|(_, d)| d.map(|d| d.year()).map_err(|e| e.year)).collect();
    assert_eq!(years, [Ok(2027), Ok(2027), Ok(2027), Err(2028)]);
}

/// A small valid catalogue; each error case changes one snippet of it.
const MINI: &str = r#"
[catalogue]
title = "test"

[procedure.payment_window]
period = { count = 30, unit = "calendar_days" }
source = "s"

[procedure.reply_period]
period = { count = 30, unit = "calendar_days" }
source = "s"

[procedure.max_extension]
period = { unit = "calendar_days", count = 42 }
source = "s"

[[common_fields]]
name = "surname"
type = "text"
max = 100
required = true
label = { az = "a", en = "b", ru = "c" }

[[common_fields]]
name = "given_names"
type = "text"
max = 100
required = true
label = { az = "a", en = "b", ru = "c" }

[[common_fields]]
name = "date_of_birth"
type = "date"
required = true
label = { az = "a", en = "b", ru = "c" }

[[common_fields]]
name = "nationality"
type = "country"
required = true
label = { az = "a", en = "b", ru = "c" }

[[common_fields]]
name = "sex"
type = "choice"
required = true
label = { az = "a", en = "b", ru = "c" }
choices = [{ value = "M", label = { az = "a", en = "b", ru = "c" } }, { value = "F", label = { az = "a", en = "b", ru = "c" } }]

[[common_fields]]
name = "document_issuer"
type = "country"
required = true
label = { az = "a", en = "b", ru = "c" }

[[common_fields]]
name = "document_number"
type = "document_number"
required = true
label = { az = "a", en = "b", ru = "c" }

[calendar]
first_year = 2026
last_year = 2026

[[holidays]]
names = { az = "Yeni il", en = "New Year", ru = "Новый год" }
dates = ["2026-01-01"]
source = "s"

[[refusal_grounds]]
code = "conditions_not_met"
services = ["alpha"]
names = { az = "a", en = "b", ru = "c" }
article = "Art. 1"
source = "s"

[[cancellation_grounds]]
code = "issued_in_error"
names = { az = "a", en = "b", ru = "c" }
article = "Art. 2"
source = "s"

[appeals]
presumed_delivery = { count = 3, unit = "calendar_days" }
court_period = { count = 30, unit = "calendar_days" }
source = "s"

[[services]]
code = "alpha"
names = { az = "a", en = "b", ru = "c" }
filed_by = ["applicant"]
four_eyes = true
source = "s"

[[services.fields]]
name = "until"
type = "date"
required = true
label = { az = "a", en = "b", ru = "c" }

[[services.fees]]
code = "standard"
amount_minor = 100
deadline = { count = 5, unit = "business_days" }
source = "s"

[[services.eligibility]]
code = "r"
names = { az = "a", en = "b", ru = "c" }
kind = "flag"
fact = "holds_trp"
source = "s"

[services.outcome]
kind = "permit"
permit = "work"
validity = { count = 1, unit = "years" }
source = "s"
"#;

#[test]
fn broken_catalogues_name_service_field_and_problem() {
    assert!(Catalogue::parse(MINI).is_ok(), "{:?}", Catalogue::parse(MINI).err());
    let second = &MINI[MINI.find("[[services]]").expect("a service")..];
    let twice = format!("{MINI}\n{second}");
    // (snippet, replacement, service, field, words of the problem)
    let cases: [(&str, &str, &str, &str, &str); 24] = [
        (
            "type = \"date\"\nrequired = true\nlabel = { az = \"a\", en = \"b\", ru = \"c\" }\n\n[[services.fees]]",
            "type = \"datum\"\nrequired = true\nlabel = { az = \"a\", en = \"b\", ru = \"c\" }\n\n[[services.fees]]",
            "alpha",
            "fields[0].type",
            "unknown field type \"datum\"",
        ),
        ("deadline = { count = 5, unit = \"business_days\" }\n", "", "alpha", "fees[0].deadline", "missing"),
        ("permit = \"work\"", "permit = \"visa\"", "alpha", "outcome.permit", "unknown permit kind \"visa\""),
        (
            "dates = [\"2026-01-01\"]",
            "dates = [\"2026-02-30\"]",
            "calendar",
            "holidays[0].dates[0]",
            "not a date",
        ),
        (
            "dates = [\"2026-01-01\"]",
            "dates = [\"new year\"]",
            "calendar",
            "holidays[0].dates[0]",
            "not a date",
        ),
        (
            "dates = [\"2026-01-01\"]",
            "dates = [\"2026-01-01\", 2026-01-01]",
            "calendar",
            "holidays[0].dates[1]",
            "listed twice",
        ),
        (
            "amount_minor = 100",
            "amount_minor = 100\nunverified = true",
            "alpha",
            "fees[0].note",
            "needs a note",
        ),
        (
            "fact = \"holds_trp\"",
            "fact = \"stay_until\"",
            "alpha",
            "eligibility[0].fact",
            "flag cannot test stay_until",
        ),
        ("fact = \"holds_trp\"", "fact = \"holds_castle\"", "alpha", "eligibility[0].fact", "unknown fact"),
        ("name = \"until\"", "name = \"status\"", "alpha", "fields[0].name", "reserved for the case record"),
        ("count = 5", "count = 0", "alpha", "fees[0].deadline.count", "outside 1..="),
        (
            "unit = \"business_days\"",
            "unit = \"weeks\"",
            "alpha",
            "fees[0].deadline.unit",
            "\"weeks\" is not one of",
        ),
        ("four_eyes = true", "four_eyes = true\nauto_decide = true", "alpha", "four_eyes", "no officer"),
        ("four_eyes = true", "four_eyes = true\nfee = 3", "alpha", "fee", "unknown key"),
        ("four_eyes = true\n", "", "alpha", "four_eyes", "missing"),
        ("name = \"sex\"", "name = \"gender\"", "common_fields", "sex", "identity field missing"),
        ("{ value = \"F\"", "{ value = \"M\"", "common_fields", "[4].choices[1].value", "listed twice"),
        ("title = \"test\"", "title = \"test", "catalogue", "line 3", "TOML syntax"),
        (
            "name = \"until\"\ntype = \"date\"",
            "name = \"until\"\ntype = \"date\"\nnot_before = \"since\"",
            "alpha",
            "field until.not_before",
            "not a field of this service",
        ),
        ("filed_by = [\"applicant\"]", "filed_by = [\"visitor\"]", "alpha", "filed_by[0]", "unknown filer"),
        ("kind = \"permit\"", "kind = \"visa\"", "alpha", "outcome.kind", "unknown outcome"),
        ("code = \"alpha\"", "code = \"Alpha\"", "services[0]", "code", "is not a code"),
        ("[procedure.reply_period]", "[procedure.reply_time]", "procedure", "reply_time", "unknown"),
        (
            "unit = \"calendar_days\", count",
            "unit = \"months\", count",
            "procedure",
            "max_extension.period.unit",
            "not one of",
        ),
    ];
    for (from, to, service, field, problem) in cases {
        assert!(MINI.contains(from), "snippet not found: {from:?}");
        let text = MINI.replacen(from, to, 1);
        let err = Catalogue::parse(&text).err().unwrap_or_else(|| panic!("accepted: {from:?} -> {to:?}"));
        assert_eq!((err.service.as_str(), err.field.as_str()), (service, field), "{err}");
        assert!(err.problem.contains(problem), "{err}");
    }
    let err = Catalogue::parse(&twice).expect_err("duplicate refused");
    assert_eq!(
        (err.service.as_str(), err.field.as_str(), err.problem.as_str()),
        ("alpha", "code", "duplicate service code")
    );
    let no_fees = MINI.replacen("[[services.fees]]", "[[services.documents]]", 1);
    let err = Catalogue::parse(&no_fees).expect_err("refused");
    assert_eq!(err.service, "alpha");
}

#[test]
fn broken_outcomes_and_rules_are_refused() {
    let outcome = "kind = \"permit\"\npermit = \"work\"\nvalidity = { count = 1, unit = \"years\" }";
    let rule = "kind = \"flag\"\nfact = \"holds_trp\"";
    // (snippet, replacement, field, words of the problem)
    let cases = [
        (outcome, "kind = \"permit\"\npermit = \"work\"", "outcome.validity", "missing"),
        (
            outcome,
            "kind = \"permit\"\npermit = \"work\"\nvalidity = \"forever\"",
            "outcome.validity",
            "not a period",
        ),
        (
            outcome,
            "kind = \"permit\"\npermit = \"work\"\nvalidity = { count = 3, unit = \"business_days\" }",
            "outcome.validity.unit",
            "not one of",
        ),
        (
            outcome,
            "kind = \"permit\"\npermit = \"work\"\nvalidity_field = \"until\"",
            "outcome.validity_field",
            "not a days",
        ),
        (outcome, &format!("{outcome}\nvalidity_field = \"until\""), "outcome.validity_field", "not both"),
        (
            outcome,
            &format!("{outcome}\ncapped_by_field = \"surname\""),
            "outcome.capped_by_field",
            "text field, not a date",
        ),
        (
            outcome,
            "kind = \"appeal\"\nreference_field = \"until\"",
            "outcome.reference_field",
            "not a receipt",
        ),
        (outcome, "kind = \"citizenship\"\naction = \"sale\"", "outcome.action", "unknown action"),
        (
            outcome,
            "kind = \"affiliation\"\nresults = [\"recognised\"]\nstateless_on = \"undetermined\"",
            "outcome.stateless_on",
            "not one of the results",
        ),
        (
            rule,
            "kind = \"country_in\"\nfact = \"nationality\"\ncountries = [\"ZZZ\"]",
            "eligibility[0].countries[0]",
            "not a country code",
        ),
        (
            rule,
            "kind = \"min_before\"\nfact = \"stay_until\"\nperiod = { count = 2, unit = \"business_days\" }",
            "eligibility[0].period.unit",
            "not one of",
        ),
        (
            rule,
            "kind = \"min_years\"\nfact = \"holds_trp\"\nyears = 2",
            "eligibility[0].fact",
            "min_years cannot test holds_trp",
        ),
        (rule, "kind = \"sometimes\"\nfact = \"holds_trp\"", "eligibility[0].kind", "unknown rule kind"),
    ];
    for (from, to, field, problem) in cases {
        let text = MINI.replacen(from, to, 1);
        assert_ne!(text, MINI, "snippet not found: {from:?}");
        let err = Catalogue::parse(&text).err().unwrap_or_else(|| panic!("accepted: {to:?}"));
        assert_eq!((err.service.as_str(), err.field.as_str()), ("alpha", field), "{err}");
        assert!(err.problem.contains(problem), "{err}");
    }
}

#[test]
fn hostile_catalogues_are_refused_without_panic() {
    let deep = format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let long_key = format!("{} = 1", "k".repeat(1_000_000));
    for text in [
        deep.as_str(),
        long_key.as_str(),
        "",
        "\u{0}",
        "[[services]]\ncode = 1",
        "[catalogue]\ntitle = \"\u{7}\"",
    ] {
        assert!(Catalogue::parse(text).is_err());
    }
}

proptest! {
    #[test]
    fn parsing_never_panics(text in "\\PC{0,400}") {
        let _ = Catalogue::parse(&text);
    }

    #[test]
    fn mangled_catalogues_never_panic(at in 0usize..MINI.len(), len in 0usize..40, junk in "[\\[\\]{}=\",.a-z0-9 \n]{0,12}") {
        let (start, end) = (at.min(MINI.len()), (at + len).min(MINI.len()));
        if MINI.is_char_boundary(start) && MINI.is_char_boundary(end) {
            let text = format!("{}{junk}{}", &MINI[..start], &MINI[end..]);
            let _ = Catalogue::parse(&text);
        }
    }
}

/// `--rules DIR` may hold a catalogue: it replaces the builtin one, and a broken one refuses
/// the whole set of packs with the file, the service and field, and the problem named.
#[test]
fn a_rules_directory_replaces_the_catalogue_and_a_broken_one_is_named() {
    use umis_rules::{CATALOGUE_FILE, Packs};
    let packs = Packs::from_files(&[(CATALOGUE_FILE.into(), MINI.into())]).expect("the mini catalogue loads");
    let mini = Catalogue::parse(MINI).expect("the mini catalogue parses");
    let codes = |c: &Catalogue| c.services().iter().map(|s| s.code().to_owned()).collect::<Vec<_>>();
    assert_eq!(codes(packs.catalogue()), codes(&mini));
    assert_eq!(codes(Packs::builtin().expect("builtin").catalogue()), SERVICES);
    let broken = MINI.replacen("kind = \"permit\"", "kind = \"visa\"", 1);
    let err = Packs::from_files(&[(CATALOGUE_FILE.into(), broken)]).expect_err("refused");
    assert_eq!((err.file.as_str(), err.field.as_str()), (CATALOGUE_FILE, "alpha: outcome.kind"), "{err}");
    assert!(err.problem.contains("unknown outcome"), "{err}");
}

/// The December 2026 review confirmed some values (High) and doubted others (Low): the marks
/// follow it.
#[test]
fn the_reviews_confirmed_values_lose_their_unverified_mark() {
    let cat = builtin();
    let fee = |code: &str, tier: &str| cat.get(code).and_then(|s| s.fee(tier)).expect("tier").clone();
    for code in ["work_permit", "work_permit_extension"] {
        for (tier, amount) in [("standard", 100_000), ("fast", 120_000), ("urgent", 140_000)] {
            let f = fee(code, tier);
            assert_eq!((f.amount_minor, f.provenance.unverified), (amount, false), "{code}/{tier}");
        }
    }
    let urgent = fee("stay_extension", "urgent");
    assert_eq!((urgent.amount_minor, urgent.provenance.unverified), (5000, false));
    assert!(urgent.provenance.source.contains("useful/62"));
    // Low in the review: the PRP amounts and whether its deadlines are working days.
    for tier in cat.get("prp_issue").expect("service").fees() {
        assert!(tier.provenance.unverified, "prp_issue/{}", tier.code);
    }
    let list = |day: &str| {
        let day = Date::parse(day).expect("date");
        let h = cat.calendar().holidays_on(day).next().expect("a day off").clone();
        (h.names.en, h.provenance.unverified, h.provenance.source)
    };
    for day in ["2026-05-28", "2026-11-08"] {
        assert!(!list(day).1, "{day} is statutory");
    }
    let (name, unverified, source) = list("2026-05-27");
    assert_eq!((name.as_str(), unverified), ("Gurban holiday", false));
    assert!(source.contains("ain.az/az/article/23974882"), "{source}");
    let (name, unverified, _) = list("2027-03-10");
    assert_eq!((name.as_str(), unverified), ("Ramadan holiday", true), "Ramazan 2027 is Low");
}

#[test]
fn residence_and_work_permit_duty_is_paid_after_the_decision_and_citizenship_is_forwarded() {
    let after: Vec<&str> =
        CATALOGUE.services().iter().filter(|s| s.duty_after_decision()).map(|s| s.code()).collect();
    assert_eq!(
        after,
        ["trp_issue", "trp_extension", "prp_issue", "prp_extension", "work_permit", "work_permit_extension"]
    );
    let forwarded: Vec<&str> =
        CATALOGUE.services().iter().filter(|s| s.forwarded_for_decision()).map(|s| s.code()).collect();
    assert_eq!(forwarded, ["citizenship_acquisition", "citizenship_restoration", "citizenship_renunciation"]);
    let p = CATALOGUE.procedure();
    assert_eq!(p.payment_window.period, Period { count: 30, unit: Unit::CalendarDays });
    assert!(!p.payment_window.provenance.unverified, "X1 is High in the review");
    assert!(p.reply_period.provenance.unverified, "the reply period's length is not in the review");
    assert_eq!(p.max_extension.period, Period { count: 30, unit: Unit::BusinessDays });
    let cal = CATALOGUE.calendar();
    let day = |s: &str| Date::parse(s).expect("date");
    // 30 days after Friday 2026-10-02 is Sunday 1 November: the next working day.
    assert_eq!(p.payment_due_by(cal, day("2026-10-02")), Ok(day("2026-11-02")));
}

/// Every service an officer decides can be refused on coded grounds of the Code, each with its
/// article and words in three languages, and an article without a source stays unverified.
#[test]
fn refusals_and_cancellations_cite_coded_grounds_of_the_pack() {
    let cat = builtin();
    for s in cat.services().iter().filter(|s| !s.auto_decide()) {
        assert!(cat.refusal_grounds(s.code()).next().is_some(), "{}: no refusal ground", s.code());
    }
    assert_eq!(cat.refusal_grounds("registration").count(), 0, "registration is never refused");
    let trp: Vec<&str> = cat.refusal_grounds("trp_issue").map(|g| g.code.as_str()).collect();
    assert!(trp.contains(&"absence_90_in_180") && trp.contains(&"no_residence_ground"), "{trp:?}");
    assert!(!trp.contains(&"quota_exhausted"), "a work-permit ground does not refuse a TRP");
    let ground = cat.refusal_ground("no_residence_ground").expect("TRP ground");
    assert_eq!(ground.article, "Migration Code Art. 45");
    assert!(!ground.provenance.unverified, "the law file and the review give Art. 45");
    assert!(cat.refusal_ground("security_threat").expect("ground").provenance.unverified);
    let revoke: Vec<&str> =
        cat.cancellation_grounds("temporary_residence").map(|g| g.code.as_str()).collect();
    for code in ["absence_90_in_180", "ground_lapsed", "false_information", "unpaid_duty"] {
        assert!(revoke.contains(&code), "{code} cancels a TRP: {revoke:?}");
    }
    assert!(!cat.cancellation_grounds("place_of_stay").any(|g| g.code == "unpaid_duty"));
    let terms = cat.appeal_terms();
    assert_eq!((terms.presumed_delivery.count, terms.court_period.count), (5, 30));
    assert!(terms.provenance.unverified, "no source gives the presumed-delivery days");
    let appeal = cat.get("appeal").expect("appeal");
    let period = appeal.eligibility().iter().find(|r| r.code == "within_appeal_period").expect("rule");
    assert_eq!(period.test, Test::WithinAfter(Fact::ActNotifiedOn, Period { count: 1, unit: Unit::Months }));
}

#[test]
fn a_broken_ground_is_named() {
    let cases = [
        (
            "services = [\"alpha\"]",
            "services = [\"beta\"]",
            "refusal_grounds",
            "[0].services[0]",
            "no service",
        ),
        ("services = [\"alpha\"]", "services = []", "refusal_grounds", "[0].services", "at least one"),
        ("article = \"Art. 1\"\n", "", "refusal_grounds", "[0].article", "missing"),
        (
            "code = \"issued_in_error\"",
            "code = \"Bad Code\"",
            "cancellation_grounds",
            "[0].code",
            "not a code",
        ),
        (
            "court_period = { count = 30, unit = \"calendar_days\" }\n",
            "",
            "appeals",
            "court_period",
            "missing",
        ),
    ];
    for (from, to, service, field, problem) in cases {
        let text = MINI.replacen(from, to, 1);
        let err = Catalogue::parse(&text).err().unwrap_or_else(|| panic!("accepted: {to:?}"));
        assert_eq!((err.service.as_str(), err.field.as_str()), (service, field), "{err}");
        assert!(err.problem.contains(problem), "{err}");
    }
    // A service an officer decides without any ground could never be refused.
    let none = MINI.replacen(
        "[[refusal_grounds]]\ncode = \"conditions_not_met\"\nservices = [\"alpha\"]\n",
        "[[cancellation_grounds]]\ncode = \"spare\"\n",
        1,
    );
    let err = Catalogue::parse(&none).expect_err("refused");
    assert_eq!((err.service.as_str(), err.field.as_str()), ("alpha", "refusal_grounds"), "{err}");
}
