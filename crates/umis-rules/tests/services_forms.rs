//! Form validation against the builtin services: every problem reported at once with a stable
//! code, undeclared fields refused (mass assignment), text trimmed and capped, control
//! characters refused, and hostile or oversized input answered without panic.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use std::collections::BTreeMap;
use umis_domain::receipt::Receipt;
use umis_domain::{CountryCode, Date, PermitKind};
use umis_rules::services::{Catalogue, FieldValue, OutcomeKind, Service, ValidForm, validate_form};

/// The builtin catalogue, parsed once for this test binary.
static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| Catalogue::builtin().expect("builtin catalogue"));

/// Changes to a base form: a field and its new value, `None` to remove it.
type Changes<'a> = Vec<(&'a str, Option<&'a str>)>;
/// A problem as `(field, code)`.
type Problem<'a> = (&'a str, &'a str);
type Problems<'a> = Vec<Problem<'a>>;

fn service(code: &str) -> &'static Service {
    CATALOGUE.get(code).expect("service exists")
}

fn receipt() -> String {
    Receipt::new("BAK01", 2026, 1234).expect("receipt").to_string()
}

/// A complete, valid form for `code`.
fn base(code: &str) -> BTreeMap<String, String> {
    let identity = [
        ("surname", "Məmmədov"),
        ("given_names", "Əli"),
        ("date_of_birth", "1990-05-17"),
        ("nationality", "TUR"),
        ("sex", "M"),
        ("document_issuer", "TUR"),
        ("document_number", "u1234567"),
    ];
    let own: Vec<(&str, String)> = match code {
        "registration" => vec![
            ("arrival_date", "2026-04-01".into()),
            ("address", "Bakı, Nizami küç. 10".into()),
            ("stay_from", "2026-04-01".into()),
            ("stay_until", "2026-05-15".into()),
            ("host_kind", "hotel".into()),
        ],
        "stay_extension" => vec![
            ("current_stay_until", "2026-05-15".into()),
            ("extension_days", "60".into()),
            ("address", "Bakı".into()),
            ("reason", "Müalicə".into()),
        ],
        "refugee_status" => vec![
            ("lodged_with", "border".into()),
            ("entry_point", "Astara".into()),
            ("narrative", "I fled because\nof the war.".into()),
        ],
        "work_permit" => vec![
            ("employer_tin", "1234567890".into()),
            ("employer_name", "Xəzər MMC".into()),
            ("position", "Engineer".into()),
            ("workplace_address", "Sumqayıt".into()),
            ("contract_from", "2026-03-01".into()),
            ("contract_until", "2026-09-30".into()),
            ("salary_minor", "250000".into()),
            ("requested_term", "1_year".into()),
        ],
        "appeal" => {
            vec![("appealed_receipt", receipt()), ("grounds_text", "The refusal ignored my lease.".into())]
        }
        _ => Vec::new(),
    };
    identity
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain(own.into_iter().map(|(k, v)| (k.to_owned(), v)))
        .collect()
}

/// Validates `base(code)` changed by `changes` (`None` removes the field) and compares the
/// problems as `(field, code)` pairs; no problems means the form must validate.
fn check(code: &str, changes: &[(&str, Option<&str>)], expected: &[(&str, &str)]) -> Option<ValidForm> {
    let mut form = base(code);
    for (field, value) in changes {
        match value {
            Some(v) => form.insert((*field).to_owned(), (*v).to_owned()),
            None => form.remove(*field),
        };
    }
    let got = validate_form(service(code), &form);
    let problems: Vec<(String, String)> = match &got {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(|p| (p.field.clone(), p.code.as_str().to_owned())).collect(),
    };
    let want: Vec<(String, String)> =
        expected.iter().map(|(f, c)| ((*f).to_owned(), (*c).to_owned())).collect();
    assert_eq!(problems, want, "{code} {changes:?}");
    got.ok()
}

#[test]
fn valid_forms_come_back_typed_and_trimmed() {
    let form = check("registration", &[("surname", Some("  Məmmədov \t"))], &[]).expect("valid");
    assert_eq!(form.service(), "registration");
    assert_eq!(form.get("surname"), Some(&FieldValue::Text("Məmmədov".into())));
    assert_eq!(form.get("document_number"), Some(&FieldValue::DocumentNumber("U1234567".into())));
    let tur = CountryCode::parse("TUR").expect("code");
    assert_eq!(form.get("nationality"), Some(&FieldValue::Country(tur)));
    assert_eq!(form.date("stay_until"), Date::parse("2026-05-15").ok());
    assert_eq!(form.get("host_name"), None, "an empty optional field is absent");
    assert_eq!(form.get("phone"), None);
    let form =
        check("registration", &[("phone", Some("+994 50 123-45-67")), ("email", Some("A@Mail.AZ"))], &[])
            .expect("valid");
    assert_eq!(form.get("phone").map(ToString::to_string).as_deref(), Some("+994501234567"));
    assert_eq!(form.get("email").map(ToString::to_string).as_deref(), Some("A@mail.az"));
    for code in ["stay_extension", "refugee_status", "work_permit", "appeal"] {
        assert!(check(code, &[], &[]).is_some(), "{code}");
    }
}

#[test]
fn each_problem_has_its_code() {
    let long_address = "a".repeat(301);
    let max_address = "ə".repeat(300);
    let cases: Vec<(&str, Changes, Problems)> = vec![
        ("registration", vec![("address", None)], vec![("address", "required")]),
        ("registration", vec![("address", Some(" \t\n "))], vec![("address", "required")]),
        ("registration", vec![("address", Some(&long_address))], vec![("address", "too_long")]),
        ("registration", vec![("address", Some(&max_address))], vec![]),
        ("registration", vec![("stay_from", Some("2026-02-30"))], vec![("stay_from", "not_a_date")]),
        ("registration", vec![("stay_from", Some("01.04.2026"))], vec![("stay_from", "not_a_date")]),
        ("registration", vec![("nationality", Some("XYZ"))], vec![("nationality", "not_a_country")]),
        ("registration", vec![("nationality", Some("aze"))], vec![]),
        (
            "registration",
            vec![("document_number", Some("AB 12"))],
            vec![("document_number", "not_a_document_number")],
        ),
        ("registration", vec![("sex", Some("male"))], vec![("sex", "not_in_choices")]),
        ("registration", vec![("host_kind", Some("Hotel"))], vec![("host_kind", "not_in_choices")]),
        ("registration", vec![("stay_until", Some("2026-03-31"))], vec![("stay_until", "out_of_order")]),
        ("registration", vec![("stay_until", Some("2026-04-01"))], vec![]),
        ("registration", vec![("host_tin", Some("12345"))], vec![("host_tin", "not_a_tin")]),
        ("registration", vec![("host_tin", Some("123456789O"))], vec![("host_tin", "not_a_tin")]),
        ("registration", vec![("phone", Some("050 123 45 67"))], vec![("phone", "not_a_phone")]),
        ("registration", vec![("email", Some("ali@"))], vec![("email", "not_an_email")]),
        ("refugee_status", vec![("family_members", Some("3"))], vec![]),
        ("refugee_status", vec![("family_members", Some("51"))], vec![("family_members", "out_of_range")]),
        ("refugee_status", vec![("family_members", Some("-1"))], vec![("family_members", "out_of_range")]),
        ("refugee_status", vec![("family_members", Some("three"))], vec![("family_members", "not_a_number")]),
        ("work_permit", vec![("salary_minor", Some("-5"))], vec![("salary_minor", "not_a_number")]),
        ("work_permit", vec![("salary_minor", Some("2500.50"))], vec![("salary_minor", "not_a_number")]),
        ("work_permit", vec![("salary_minor", Some("1000000001"))], vec![("salary_minor", "out_of_range")]),
        (
            "work_permit",
            vec![("salary_minor", Some("99999999999999999999999"))],
            vec![("salary_minor", "out_of_range")],
        ),
        (
            "work_permit",
            vec![("contract_until", Some("2026-02-28"))],
            vec![("contract_until", "out_of_order")],
        ),
        (
            "appeal",
            vec![("appealed_receipt", Some("BAK01-2026-0001234-00"))],
            vec![("appealed_receipt", "not_a_receipt")],
        ),
        ("appeal", vec![("appealed_receipt", Some("case 7"))], vec![("appealed_receipt", "not_a_receipt")]),
        ("stay_extension", vec![("extension_days", Some("90"))], vec![("extension_days", "not_in_choices")]),
        ("registration", vec![("nickname", Some("Ali"))], vec![("nickname", "unknown_field")]),
    ];
    for (code, changes, expected) in cases {
        check(code, &changes, &expected);
    }
}

#[test]
fn all_problems_are_reported_at_once() {
    check(
        "registration",
        &[
            ("surname", None),
            ("sex", Some("?")),
            ("stay_from", Some("soon")),
            ("host_tin", Some("1")),
            ("x", Some("1")),
        ],
        &[
            ("x", "unknown_field"),
            ("surname", "required"),
            ("sex", "not_in_choices"),
            ("stay_from", "not_a_date"),
            ("host_tin", "not_a_tin"),
        ],
    );
}

#[test]
fn fields_only_officers_set_are_refused() {
    let sneaky = [("status", Some("approved")), ("fee", Some("0")), ("decided_by", Some("officer-1"))];
    let expected = [("decided_by", "unknown_field"), ("fee", "unknown_field"), ("status", "unknown_field")];
    for code in ["registration", "work_permit", "appeal"] {
        check(code, &sneaky, &expected);
    }
}

#[test]
fn control_characters_are_refused_and_line_breaks_only_in_multiline_text() {
    let cases: [(&str, &str, &str, &[Problem]); 9] = [
        ("registration", "surname", "Ali\u{0}", &[("surname", "control_character")]),
        ("registration", "surname", "Ali\nVeli", &[("surname", "control_character")]),
        ("registration", "surname", "Ali\u{1b}[31m", &[("surname", "control_character")]),
        ("registration", "surname", "Ali\u{202e}ilA", &[("surname", "control_character")]),
        ("registration", "stay_from", "2026-04-01\u{7}", &[("stay_from", "control_character")]),
        ("refugee_status", "narrative", "line one\r\nline two\nline three", &[]),
        ("refugee_status", "narrative", "tab\there", &[("narrative", "control_character")]),
        ("refugee_status", "narrative", "bare\rreturn", &[("narrative", "control_character")]),
        ("appeal", "grounds_text", "first\n\nsecond", &[]),
    ];
    for (code, field, value, expected) in cases {
        check(code, &[(field, Some(value))], expected);
    }
    let form = check("refugee_status", &[("narrative", Some("a\r\nb"))], &[]).expect("valid");
    assert_eq!(form.get("narrative"), Some(&FieldValue::Text("a\nb".into())));
}

#[test]
fn names_in_any_script_are_fine() {
    for (surname, given) in [
        ("Иванов", "Пётр"),
        ("Παπαδόπουλος", "Ελένη"),
        ("محمدی", "علی"),
        ("王", "小明"),
        ("O'Brien-Ní", "Seán"),
    ] {
        check("registration", &[("surname", Some(surname)), ("given_names", Some(given))], &[]);
    }
}

#[test]
fn narrative_is_capped_at_twenty_thousand_characters() {
    let at_limit = "ə".repeat(20_000);
    let over = "ə".repeat(20_001);
    let huge = "x".repeat(1_000_000);
    check("refugee_status", &[("narrative", Some(&at_limit))], &[]);
    check("refugee_status", &[("narrative", Some(&over))], &[("narrative", "too_long")]);
    check("refugee_status", &[("narrative", Some(&huge))], &[("narrative", "too_long")]);
    check("registration", &[("stay_from", Some(&huge))], &[("stay_from", "too_long")]);
}

#[test]
fn refugees_may_come_without_a_travel_document() {
    check("refugee_status", &[("document_issuer", None), ("document_number", None)], &[]);
    check("registration", &[("document_number", None)], &[("document_number", "required")]);
}

#[test]
fn unknown_field_names_are_quoted_short_and_printable() {
    let mut form = base("registration");
    form.insert(format!("{}\u{1b}", "k".repeat(10_000)), "v".into());
    for i in 0..10_000 {
        form.insert(format!("extra{i}"), "v".into());
    }
    let problems = validate_form(service("registration"), &form).expect_err("refused");
    assert_eq!(problems.len(), 10_001);
    assert!(problems.iter().all(|p| p.field.chars().count() <= 64 && !p.field.chars().any(char::is_control)));
}

#[test]
fn granted_permits_run_for_their_validity() {
    // (service, changes, start, last day covered)
    let cases = [
        ("work_permit", vec![], "2026-03-01", Some("2026-09-30")),
        ("work_permit", vec![("contract_until", Some("2028-01-31"))], "2026-03-01", Some("2027-02-28")),
        // The term paid for: 3 months, or 2 years in the liberated territories (contract allowing).
        (
            "work_permit",
            vec![("contract_until", Some("2028-01-31")), ("requested_term", Some("3_months"))],
            "2026-03-01",
            Some("2026-05-31"),
        ),
        (
            "work_permit",
            vec![
                ("contract_until", Some("2029-01-31")),
                ("requested_term", Some("2_years")),
                ("work_location", Some("liberated_territories")),
            ],
            "2026-03-01",
            Some("2028-02-29"),
        ),
        ("stay_extension", vec![], "2026-05-16", Some("2026-07-14")),
        ("stay_extension", vec![("extension_days", Some("30"))], "2026-05-16", Some("2026-06-14")),
        ("refugee_status", vec![], "2026-05-16", None),
    ];
    for (code, changes, start, until) in cases {
        let form = check(code, &changes, &[]).expect("valid");
        let OutcomeKind::Permit(permit) = &service(code).outcome().kind else {
            unreachable!("{code} grants a permit")
        };
        let start = Date::parse(start).expect("date");
        assert_eq!(
            permit.valid_until(start, &form).map(|d| d.to_string()).as_deref(),
            until,
            "{code} {changes:?}"
        );
    }
    let OutcomeKind::Permit(trp) = &service("trp_issue").outcome().kind else {
        unreachable!("TRP is a permit")
    };
    assert_eq!(trp.kind, PermitKind::TemporaryResidence);
}

proptest! {
    #[test]
    fn any_form_is_answered_without_panic(
        fields in prop::collection::btree_map("[a-z_]{1,20}", "\\PC{0,60}", 0..20),
        values in prop::collection::vec("[\\s\\S]{0,40}", 16),
    ) {
        let reg = service("registration");
        let mut form = fields;
        for (spec, value) in reg.fields().iter().zip(values) {
            form.insert(spec.name.clone(), value);
        }
        match validate_form(reg, &form) {
            Ok(valid) => prop_assert!(valid.values().keys().all(|k| reg.field(k).is_some())),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}
